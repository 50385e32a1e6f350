package dev.textbridge.mappings.provider.acs;

import dev.textbridge.mappings.model.DeliveryStatus;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code deliveryStatus} of an ACS {@code SMSDeliveryReportReceived} event. ACS documents two values; a failed
 * report means the carrier did not deliver the text ACS accepted, which is our undelivered.
 */
public final class AcsStatusMapping {

    public static final Map<String, DeliveryStatus> DELIVERY_STATUS = Map.of(
            "delivered", DeliveryStatus.DELIVERED,
            "failed", DeliveryStatus.UNDELIVERED);

    private AcsStatusMapping() {
    }

    /** @return empty for a value ACS does not document */
    public static Optional<DeliveryStatus> deliveryStatusOf(String deliveryStatus) {
        return Optional.ofNullable(DELIVERY_STATUS.get(deliveryStatus.strip().toLowerCase(Locale.ROOT)));
    }
}
