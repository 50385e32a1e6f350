package dev.textbridge.mappings.provider.plivo;

import dev.textbridge.mappings.model.DeliveryStatus;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Plivo's {@code Status} words for an outbound message, as delivery statuses. */
public final class PlivoStatusMapping {

    private static final Map<String, DeliveryStatus> STATUSES = Map.of(
            "queued", DeliveryStatus.QUEUED,
            "sent", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED,
            "undelivered", DeliveryStatus.UNDELIVERED,
            "failed", DeliveryStatus.FAILED,
            // Older documentation: refused by Plivo before sending, as failed.
            "rejected", DeliveryStatus.FAILED,
            "read", DeliveryStatus.READ);

    private PlivoStatusMapping() {
    }

    /** @return empty for a word that is no outbound status, e.g. {@code received} */
    public static Optional<DeliveryStatus> deliveryStatusOf(String plivoStatus) {
        return Optional.ofNullable(STATUSES.get(plivoStatus.strip().toLowerCase(Locale.ROOT)));
    }
}
