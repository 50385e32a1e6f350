package dev.textbridge.mappings.provider.twilio;

import dev.textbridge.mappings.model.FailureReason;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Twilio's error codes, from its send API's answers and from the {@code ErrorCode} of status callbacks, beside the
 * reason a seller reads. Codes not in the table are {@link FailureReason#UNKNOWN}.
 */
public final class TwilioErrorCodes {

    /** One row of the table: Twilio's code and text, and ours. */
    public record Entry(String code, String twilioText, FailureReason reason) {
    }

    public static final List<Entry> TABLE = List.of(
            new Entry("21211", "Invalid 'To' Phone Number", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("21606", "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("21612", "The 'To' phone number is not currently reachable via SMS", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("21614", "'To' number is not a valid mobile number", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("21610", "Attempt to send to unsubscribed recipient", FailureReason.RECIPIENT_OPTED_OUT),
            new Entry("30003", "Unreachable destination handset", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("30005", "Unknown destination handset", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("30006", "Landline or unreachable carrier", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("30004", "Message blocked", FailureReason.BLOCKED_BY_CARRIER),
            new Entry("30007", "Message filtered", FailureReason.BLOCKED_BY_CARRIER),
            new Entry("20003", "Permission denied", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            // 21408 (region not enabled) is fixed in the account's geo permissions, not by changing the text.
            new Entry("21408", "Permission to send an SMS has not been enabled for the region", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("30002", "Account suspended", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("30022", "US A2P 10DLC - rate limits exceeded", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("30023", "US A2P 10DLC - daily message cap reached", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("30024", "Numeric sender ID not provisioned on carrier", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("30032", "Toll-free number has not been verified", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("30033", "US A2P 10DLC - campaign suspended", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("30034", "US A2P 10DLC - message from an unregistered number", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("30035", "US A2P 10DLC - number is still being configured", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("30008", "Unknown error", FailureReason.UNKNOWN));

    private static final Map<String, FailureReason> BY_CODE =
            TABLE.stream().collect(Collectors.toUnmodifiableMap(Entry::code, Entry::reason, (a, b) -> a));

    private TwilioErrorCodes() {
    }

    /** @param errorCode Twilio's code, e.g. {@code 30003}; null, unknown or garbled codes give {@link FailureReason#UNKNOWN} */
    public static FailureReason failureReasonOf(String errorCode) {
        return errorCode == null ? FailureReason.UNKNOWN : BY_CODE.getOrDefault(errorCode.strip(), FailureReason.UNKNOWN);
    }
}
