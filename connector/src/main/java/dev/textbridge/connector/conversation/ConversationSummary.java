package dev.textbridge.connector.conversation;

import dev.textbridge.crm.api.RecordRef;

import java.time.Instant;

/**
 * A conversation as "My text messages" lists it.
 *
 * @param ownerId the owner of its record when known
 * @param unread  inbound messages the seller has not read
 */
public record ConversationSummary(long id, String customerNumber, String businessNumber, RecordRef record,
                                  String recordName, String ownerId, String lastDirection, String lastBody,
                                  Instant lastMessageAt, long unread) {
}
