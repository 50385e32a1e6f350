package dev.textbridge.crm.api;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A text message to record as an activity on a CRM record.
 *
 * @param externalKey       unique per message ({@code provider:providerMessageId}); writing the same key again
 *                          updates nothing and answers the activity written first, which is what makes a retried
 *                          batch exactly-once at the CRM
 * @param status            null for inbound messages
 * @param ownerId           the user the activity is assigned to (the record's owner for an inbound text, the sender
 *                          for an outbound one); null leaves it to the CRM (the integration user)
 */
public record ActivityDraft(String externalKey, RecordRef record, Direction direction, PhoneNumber from,
                            PhoneNumber to, String body, List<MediaAttachment> media, Instant at, String provider,
                            String providerMessageId, DeliveryStatus status, String ownerId) {
    public ActivityDraft {
        Objects.requireNonNull(externalKey, "externalKey");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(at, "at");
        body = body == null ? "" : body;
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** A draft the CRM assigns to its default owner. */
    public ActivityDraft(String externalKey, RecordRef record, Direction direction, PhoneNumber from,
                         PhoneNumber to, String body, List<MediaAttachment> media, Instant at, String provider,
                         String providerMessageId, DeliveryStatus status) {
        this(externalKey, record, direction, from, to, body, media, at, provider, providerMessageId, status, null);
    }
}
