package dev.textbridge.mappings.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A text a customer sent to one of the business numbers, as every provider mapping produces it.
 *
 * @param provider          the provider's name as in the webhook path, e.g. {@code twilio}
 * @param providerMessageId the provider's id of the message; with {@code provider} the key of the message
 * @param from              the customer's address (the sender)
 * @param to                the business number that received it
 * @param body              the text exactly as sent (may be empty for a media-only message)
 * @param media             media items, in the provider's order
 * @param segments          how many parts the text arrived in, 1 when the provider does not say
 * @param receivedAt        when the connector accepted the callback
 */
public record InboundMessage(String provider, String providerMessageId, PhoneNumber from, PhoneNumber to,
                             String body, List<MediaAttachment> media, int segments, Instant receivedAt) {
    public InboundMessage {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(receivedAt, "receivedAt");
        body = body == null ? "" : body;
        media = media == null ? List.of() : List.copyOf(media);
    }
}
