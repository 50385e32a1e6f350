package dev.textbridge.mappings.provider.acs;

import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.InboundMessage;

import java.util.List;
import java.util.Optional;

/**
 * What one Event Grid delivery to the ACS endpoint holds.
 *
 * @param validationCode the code of a subscription validation event, to be echoed as {@code validationResponse}
 * @param ignoredTypes   event types the subscription delivered that are neither SMS events nor a validation
 */
public record AcsEvents(List<InboundMessage> inbound, List<DeliveryReport> reports, Optional<String> validationCode,
                        List<String> ignoredTypes) {
    public AcsEvents {
        inbound = List.copyOf(inbound);
        reports = List.copyOf(reports);
        ignoredTypes = List.copyOf(ignoredTypes);
    }
}
