package dev.textbridge.connector.webhook;

import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.ProviderMapping;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One SMS provider's webhooks: its {@link ProviderMapping} (how callbacks are verified and read) and what the provider
 * expects as an answer. The {@link WebhookEndpoint} does the rest (body limits, the inbox, consent flags, error
 * answers) the same way for every provider.
 */
public record ProviderWebhook(ProviderMapping mapping, Acknowledgement acknowledgement, EventReader events) {

    /** Twilio reads the answer as TwiML: an empty {@code <Response/>} sends no reply. */
    public static final Acknowledgement EMPTY_TWIML =
            new Acknowledgement("text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
    /** Plivo reads the answer as Plivo XML: an empty {@code <Response/>} sends no reply. */
    public static final Acknowledgement EMPTY_PLIVO_XML =
            new Acknowledgement("application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
    /** For providers that only look at the status code. */
    public static final Acknowledgement EMPTY_JSON = new Acknowledgement("application/json", "{}");

    public ProviderWebhook {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(acknowledgement, "acknowledgement");
    }

    /** A provider that posts texts and reports to separate URLs ({@code /inbound}, {@code /status}) only. */
    public ProviderWebhook(ProviderMapping mapping, Acknowledgement acknowledgement) {
        this(mapping, acknowledgement, null);
    }

    /** Whether the provider posts everything to one URL, {@code /webhooks/{provider}/events}. */
    public boolean hasEventsUrl() {
        return events != null;
    }

    /** The provider's name in the webhook path, e.g. {@code twilio}. */
    public String provider() {
        return mapping.provider();
    }

    public record Acknowledgement(String contentType, String body) {
    }

    /**
     * Reads a callback to the provider's one events URL: the texts and reports it holds, and, for a handshake the
     * provider expects a particular answer to (Event Grid's subscription validation), that answer.
     */
    @FunctionalInterface
    public interface EventReader {
        /** @throws dev.textbridge.mappings.provider.MalformedCallbackException with a reason */
        Events read(ProviderCallback callback, Instant receivedAt);
    }

    /** @param answer the answer the provider expects, when it is not the usual acknowledgement */
    public record Events(List<InboundMessage> inbound, List<DeliveryReport> reports, Optional<Acknowledgement> answer) {
        public Events {
            inbound = List.copyOf(inbound);
            reports = List.copyOf(reports);
        }
    }
}
