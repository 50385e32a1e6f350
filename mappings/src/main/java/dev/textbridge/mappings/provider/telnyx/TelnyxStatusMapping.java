package dev.textbridge.mappings.provider.telnyx;

import dev.textbridge.mappings.model.DeliveryStatus;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Telnyx's {@code to[].status} words for an outbound message, as delivery statuses. */
public final class TelnyxStatusMapping {

    private static final Map<String, DeliveryStatus> STATUSES = Map.of(
            "queued", DeliveryStatus.QUEUED,
            "sending", DeliveryStatus.QUEUED,
            "sent", DeliveryStatus.SENT,
            // The carrier took it but never confirmed delivery: for the seller it is sent, and it stays so.
            "delivery_unconfirmed", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED,
            // Telnyx could not hand it to a carrier: never sent.
            "sending_failed", DeliveryStatus.FAILED,
            "delivery_failed", DeliveryStatus.UNDELIVERED,
            "expired", DeliveryStatus.UNDELIVERED);

    private TelnyxStatusMapping() {
    }

    /** @return empty for a word that is no outbound status (e.g. {@code webhook_delivered} of an inbound message) */
    public static Optional<DeliveryStatus> deliveryStatusOf(String telnyxStatus) {
        return Optional.ofNullable(STATUSES.get(telnyxStatus.strip().toLowerCase(Locale.ROOT)));
    }
}
