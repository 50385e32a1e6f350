package dev.textbridge.crm.local;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.MediaAttachment;

import java.time.Instant;
import java.util.List;

/**
 * A text-message activity on a record of the local CRM.
 *
 * @param from          the sender's number as stored, normalised ({@code +15550100200}); null if the draft had none
 * @param to            the recipient's number as stored, normalised; null if the draft had none
 * @param at            when the message was sent or received
 * @param status        the delivery state; null for inbound messages
 * @param failureReason why delivery failed; null otherwise
 * @param owner         the user it is assigned to; null when the connector left it to the CRM
 */
public record LocalActivity(String id, Direction direction, String body, String from, String to, Instant at,
                            String provider, String providerMessageId, DeliveryStatus status,
                            FailureReason failureReason, List<MediaAttachment> media, String owner) {
    public LocalActivity {
        media = media == null ? List.of() : List.copyOf(media);
    }
}
