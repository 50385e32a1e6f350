package dev.textbridge.connector.outbound;

import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.mappings.model.FailureReason;

import java.time.Instant;

/**
 * A text a seller sent, as the connector keeps it.
 *
 * @param status            {@code sending} while the provider has not answered, then a delivery status
 *                          ({@code queued}, {@code sent}, {@code delivered}, {@code undelivered}, {@code failed},
 *                          {@code read})
 * @param providerMessageId null until the provider accepted it (and for texts refused before any provider call)
 * @param activityStatus    the status last written to the CRM activity, null until the activity exists
 */
public record OutboundText(String id, String sellerId, String idempotencyKey, RecordRef record, String recordName,
                           String from, String to, String body, int segments, String encoding, String provider,
                           String providerMessageId, String status, FailureReason failureReason,
                           String providerErrorCode, String activityId, String activityStatus, Instant createdAt) {

    public static final String SENDING = "sending";
    /** The sender of texts the connector sends by itself (the HELP reply) rather than for a seller. */
    public static final String AUTOMATIC_SENDER = "textbridge";

    public boolean isAutomatic() {
        return AUTOMATIC_SENDER.equals(sellerId);
    }

    /** {@code outbound:<id>}: the key of this text's CRM activity, which makes writing it idempotent. */
    public String activityKey() {
        return "outbound:" + id;
    }
}
