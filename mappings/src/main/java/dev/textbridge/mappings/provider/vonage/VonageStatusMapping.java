package dev.textbridge.mappings.provider.vonage;

import dev.textbridge.mappings.model.DeliveryStatus;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Vonage's status words for an outbound text, from SMS API delivery receipts and Messages API status webhooks. */
public final class VonageStatusMapping {

    /** The {@code status} of an SMS API delivery receipt. */
    public static final Map<String, DeliveryStatus> DELIVERY_RECEIPT = Map.of(
            "accepted", DeliveryStatus.SENT,
            "buffered", DeliveryStatus.SENT,
            // No usable receipt came back from the carrier: the text left Vonage, its fate is not known.
            "unknown", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED,
            "expired", DeliveryStatus.UNDELIVERED,
            "failed", DeliveryStatus.UNDELIVERED,
            "rejected", DeliveryStatus.FAILED);

    /** The {@code status} of a Messages API status webhook. */
    public static final Map<String, DeliveryStatus> MESSAGES_API = Map.of(
            "submitted", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED,
            "undeliverable", DeliveryStatus.UNDELIVERED,
            "rejected", DeliveryStatus.FAILED,
            "read", DeliveryStatus.READ);

    private VonageStatusMapping() {
    }

    /** @return empty for a word that is no outbound status of the SMS API */
    public static Optional<DeliveryStatus> ofDeliveryReceipt(String status) {
        return Optional.ofNullable(DELIVERY_RECEIPT.get(status.strip().toLowerCase(Locale.ROOT)));
    }

    /** @return empty for a word that is no outbound status of the Messages API */
    public static Optional<DeliveryStatus> ofMessagesApi(String status) {
        return Optional.ofNullable(MESSAGES_API.get(status.strip().toLowerCase(Locale.ROOT)));
    }
}
