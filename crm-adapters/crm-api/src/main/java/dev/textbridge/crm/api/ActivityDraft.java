package dev.textbridge.crm.api;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A text message to record as an activity on a CRM record: one that exists, or a lead the same
 * {@link CrmAdapter#writeActivities} call creates for a customer no record carries.
 *
 * @param externalKey       unique per message ({@code provider:providerMessageId}); writing the same key again
 *                          updates nothing and answers the activity written first, which is what makes a retried
 *                          batch exactly-once at the CRM
 * @param record            the record the activity goes on; null when {@code newLead} names the lead to create for it
 * @param status            null for inbound messages
 * @param ownerId           the user the activity is assigned to (the record's owner for an inbound text, the sender
 *                          for an outbound one); null leaves it to the CRM (the integration user)
 * @param newLead           the lead to create for this text and write it on, idempotently by its request key (drafts
 *                          naming the same key share one lead); null when {@code record} names where it goes
 */
public record ActivityDraft(String externalKey, RecordRef record, Direction direction, PhoneNumber from,
                            PhoneNumber to, String body, List<MediaAttachment> media, Instant at, String provider,
                            String providerMessageId, DeliveryStatus status, String ownerId, NewLead newLead) {
    public ActivityDraft {
        Objects.requireNonNull(externalKey, "externalKey");
        if ((record == null) == (newLead == null)) {
            throw new IllegalArgumentException("an activity goes on a record or on a new lead, exactly one of them: "
                    + externalKey);
        }
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(at, "at");
        body = body == null ? "" : body;
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** A draft on a record that exists. */
    public ActivityDraft(String externalKey, RecordRef record, Direction direction, PhoneNumber from,
                         PhoneNumber to, String body, List<MediaAttachment> media, Instant at, String provider,
                         String providerMessageId, DeliveryStatus status, String ownerId) {
        this(externalKey, Objects.requireNonNull(record, "record"), direction, from, to, body, media, at, provider,
                providerMessageId, status, ownerId, null);
    }

    /** A draft on a record that exists, assigned to the CRM's default owner. */
    public ActivityDraft(String externalKey, RecordRef record, Direction direction, PhoneNumber from,
                         PhoneNumber to, String body, List<MediaAttachment> media, Instant at, String provider,
                         String providerMessageId, DeliveryStatus status) {
        this(externalKey, record, direction, from, to, body, media, at, provider, providerMessageId, status, null);
    }

    /** The same draft on a record that exists: for an adapter, its draft on a new lead once that lead is created. */
    public ActivityDraft on(RecordRef record) {
        return new ActivityDraft(externalKey, Objects.requireNonNull(record, "record"), direction, from, to, body, media,
                at, provider, providerMessageId, status, ownerId, null);
    }
}
