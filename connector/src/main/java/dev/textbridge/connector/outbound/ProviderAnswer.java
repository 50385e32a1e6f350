package dev.textbridge.connector.outbound;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;

/**
 * What a provider answered to a send request: its id for the message and the first status, or why it refused.
 *
 * @param providerMessageId null when the provider refused the text
 */
public record ProviderAnswer(String providerMessageId, DeliveryStatus status, FailureReason failureReason,
                             String providerErrorCode, String detail) {

    public static ProviderAnswer accepted(String providerMessageId, DeliveryStatus status) {
        return new ProviderAnswer(providerMessageId, status, null, null, null);
    }

    public static ProviderAnswer refused(FailureReason reason, String providerErrorCode, String detail) {
        return new ProviderAnswer(null, DeliveryStatus.FAILED, reason, providerErrorCode, detail);
    }
}
