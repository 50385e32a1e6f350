package dev.textbridge.connector.inbox;

import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.mappings.model.InboundMessage;

import java.time.Instant;

/**
 * One inbox row: the message and how far it got.
 *
 * @param record     the record it was routed to, or null before routing
 * @param recordOwner the owner routing saw on that record (activities are filed under it), or null
 * @param decision   the routing decision, or null before routing
 * @param notice     what the admin should know beyond the routing (a recipient without the SMS privilege), or null
 */
public record InboxEntry(long id, InboundMessage message, InboxState state, int attempts, Instant firstFailureAt,
                         String lastError, RecordRef record, String recordName, String recordOwner,
                         DecisionTrace decision,
                         String activityId, Instant updatedAt, String notice) {

    /** {@code provider:providerMessageId}, the key of the message everywhere (CRM activities included). */
    public String key() {
        return message.provider() + ":" + message.providerMessageId();
    }

    public boolean isRouted() {
        return record != null;
    }
}
