package dev.textbridge.mappings.provider.plivo;

import dev.textbridge.mappings.model.FailureReason;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plivo's message error codes (the {@code ErrorCode} of failed and undelivered status callbacks), beside the reason a
 * seller reads; from https://plivo.com/docs/messaging/troubleshooting/error-codes. Codes not in the table are
 * {@link FailureReason#UNKNOWN}.
 */
public final class PlivoErrorCodes {

    /** One row of the table: Plivo's code and reason, and ours. */
    public record Entry(String code, String plivoReason, FailureReason reason) {
    }

    public static final List<Entry> TABLE = List.of(
            new Entry("10", "Invalid Message", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("50", "Invalid Destination Number", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("110", "Message too long", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("70", "Destination permanently unavailable", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("80", "Destination temporarily unavailable", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("90", "No route available", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("30", "Spam Detected", FailureReason.BLOCKED_BY_CARRIER),
            new Entry("100", "Prohibited by carrier", FailureReason.BLOCKED_BY_CARRIER),
            new Entry("200", "Source number blocked by STOP from destination number", FailureReason.RECIPIENT_OPTED_OUT),
            new Entry("40", "Invalid Source Number", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            // 450: the destination country is not enabled in the account's Geo Permissions.
            new Entry("450", "Destination country barred", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("900", "Insufficient credit", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("910", "Account disabled", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("20", "Network Error", FailureReason.UNKNOWN),
            new Entry("420", "Message expired", FailureReason.UNKNOWN),
            new Entry("1000", "Unknown error", FailureReason.UNKNOWN));

    private static final Map<String, FailureReason> BY_CODE =
            TABLE.stream().collect(Collectors.toUnmodifiableMap(Entry::code, Entry::reason));

    private PlivoErrorCodes() {
    }

    /** @param code Plivo's code, e.g. {@code 200}; null or unknown codes give {@link FailureReason#UNKNOWN} */
    public static FailureReason failureReasonOf(String code) {
        return code == null ? FailureReason.UNKNOWN : BY_CODE.getOrDefault(code.strip(), FailureReason.UNKNOWN);
    }
}
