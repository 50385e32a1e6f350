package dev.textbridge.connector.conversation;

import dev.textbridge.mappings.model.MediaAttachment;

import java.time.Instant;
import java.util.List;

/**
 * One message of a conversation's history.
 *
 * @param sender        the customer's number for inbound texts, the seller's user id for outbound ones
 * @param status        the delivery status of an outbound text; null for inbound ones
 * @param failureReason why an outbound text failed, in the seller's words; null otherwise
 */
public record HistoryMessage(String direction, String body, Instant at, String sender, String status,
                             String failureReason, List<MediaAttachment> media) {
}
