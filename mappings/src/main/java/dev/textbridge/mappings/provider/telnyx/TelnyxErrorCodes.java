package dev.textbridge.mappings.provider.telnyx;

import dev.textbridge.mappings.model.FailureReason;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Telnyx's error codes (the {@code errors[].code} of its send API answers and of {@code message.finalized}), beside
 * the reason a seller reads; from https://developers.telnyx.com/docs/messaging/messages/error-codes and the API error
 * list. Codes not in the table are {@link FailureReason#UNKNOWN}.
 */
public final class TelnyxErrorCodes {

    /** One row of the table: Telnyx's code and title, and ours. */
    public record Entry(String code, String telnyxTitle, FailureReason reason) {
    }

    public static final List<Entry> TABLE = List.of(
            new Entry("10002", "Invalid phone number", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("10016", "Phone number must be in +E.164 format", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("40009", "Invalid message body", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("40012", "Invalid destination number", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("40001", "Not routable", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("40006", "Recipient server unavailable", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("40008", "Undeliverable", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("40002", "Blocked as spam - temporary", FailureReason.BLOCKED_BY_CARRIER),
            new Entry("40003", "Blocked as spam - permanent", FailureReason.BLOCKED_BY_CARRIER),
            new Entry("40004", "Rejected by destination", FailureReason.BLOCKED_BY_CARRIER),
            new Entry("40015", "Internal spam filter", FailureReason.BLOCKED_BY_CARRIER),
            new Entry("40300", "Blocked due to STOP message", FailureReason.RECIPIENT_OPTED_OUT),
            new Entry("10009", "Authentication failed", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("10010", "Authorization failed", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("40011", "Too many requests (upstream rate limit)", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("40013", "Invalid source number", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("40005", "Message expired during transmission", FailureReason.UNKNOWN),
            new Entry("40014", "Expired in queue", FailureReason.UNKNOWN));

    private static final Map<String, FailureReason> BY_CODE =
            TABLE.stream().collect(Collectors.toUnmodifiableMap(Entry::code, Entry::reason));

    private TelnyxErrorCodes() {
    }

    /** @param code Telnyx's code, e.g. {@code 40001}; null or unknown codes give {@link FailureReason#UNKNOWN} */
    public static FailureReason failureReasonOf(String code) {
        return code == null ? FailureReason.UNKNOWN : BY_CODE.getOrDefault(code.strip(), FailureReason.UNKNOWN);
    }
}
