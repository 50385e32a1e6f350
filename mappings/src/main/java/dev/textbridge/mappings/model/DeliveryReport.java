package dev.textbridge.mappings.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider's report on an outbound message.
 *
 * @param providerErrorCode the provider's own code when it gave one, kept for admins
 * @param failureReason     set when {@code status} is failed or undelivered
 */
public record DeliveryReport(String provider, String providerMessageId, DeliveryStatus status,
                             String providerErrorCode, FailureReason failureReason, Instant reportedAt) {
    public DeliveryReport {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }
}
