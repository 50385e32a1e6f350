package dev.textbridge.connector.webhook;

import dev.textbridge.mappings.provider.ProviderMapping;

import java.util.Objects;

/**
 * One SMS provider's webhooks: its {@link ProviderMapping} (how callbacks are verified and read) and what the provider
 * expects as an answer. The {@link WebhookEndpoint} does the rest (body limits, the inbox, consent flags, error
 * answers) the same way for every provider.
 */
public record ProviderWebhook(ProviderMapping mapping, Acknowledgement acknowledgement) {

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

    /** The provider's name in the webhook path, e.g. {@code twilio}. */
    public String provider() {
        return mapping.provider();
    }

    public record Acknowledgement(String contentType, String body) {
    }
}
