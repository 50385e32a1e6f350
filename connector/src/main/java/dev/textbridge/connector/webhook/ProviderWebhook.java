package dev.textbridge.connector.webhook;

import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.SignatureVerifier;

import java.time.Instant;
import java.util.List;

/**
 * One SMS provider's webhooks: how its callbacks are verified and read, and what it expects as an answer. The
 * {@link WebhookEndpoint} does the rest (body limits, the inbox, error answers) the same way for every provider.
 */
public interface ProviderWebhook {

    /** The provider's name in the webhook path, e.g. {@code twilio}. */
    String provider();

    SignatureVerifier verifier();

    /** The texts in an inbound-message callback; throws {@code MalformedCallbackException} with a reason. */
    List<InboundMessage> inboundMessages(ProviderCallback callback, Instant receivedAt);

    /** The delivery reports in a status callback; throws {@code MalformedCallbackException} with a reason. */
    List<DeliveryReport> deliveryReports(ProviderCallback callback, Instant receivedAt);

    /** The media type and body of a successful answer. */
    Acknowledgement acknowledgement();

    record Acknowledgement(String contentType, String body) {
    }
}
