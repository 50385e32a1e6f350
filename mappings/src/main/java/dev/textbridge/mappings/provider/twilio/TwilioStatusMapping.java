package dev.textbridge.mappings.provider.twilio;

import dev.textbridge.mappings.model.DeliveryStatus;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Twilio's {@code MessageStatus} words for an outbound message, as delivery statuses. */
public final class TwilioStatusMapping {

    private static final Map<String, DeliveryStatus> STATUSES = Map.of(
            "accepted", DeliveryStatus.QUEUED,
            "scheduled", DeliveryStatus.QUEUED,
            "queued", DeliveryStatus.QUEUED,
            "sending", DeliveryStatus.QUEUED,
            "sent", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED,
            "undelivered", DeliveryStatus.UNDELIVERED,
            "failed", DeliveryStatus.FAILED,
            "read", DeliveryStatus.READ,
            // A scheduled send someone canceled: it will never go out, which for the seller is a failed text.
            "canceled", DeliveryStatus.FAILED);

    private TwilioStatusMapping() {
    }

    /** @return empty for a word that is no outbound status, e.g. {@code received} or one Twilio adds later */
    public static Optional<DeliveryStatus> deliveryStatusOf(String twilioStatus) {
        return Optional.ofNullable(STATUSES.get(twilioStatus.strip().toLowerCase(Locale.ROOT)));
    }
}
