package dev.textbridge.connector.outbound;

import dev.textbridge.crm.api.RecordRef;

/**
 * A seller's request to send a text.
 *
 * @param to             the customer's number as the seller gave it, or null when {@code phoneField} names it
 * @param phoneField     the record's phone field holding the customer's number ({@code mobile}, ...), instead of
 *                       {@code to}
 * @param body           the text, or null when {@code templateId} names a template to fill
 * @param idempotencyKey makes a retried request send once; may be null
 */
public record SendCommand(RecordRef record, String to, String phoneField, String from, String body,
                          String templateId, String idempotencyKey) {
}
