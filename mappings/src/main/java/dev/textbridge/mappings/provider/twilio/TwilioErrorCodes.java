package dev.textbridge.mappings.provider.twilio;

import dev.textbridge.mappings.model.FailureReason;

/** Twilio's error codes, from its API answers and from the {@code ErrorCode} of status callbacks, as failure reasons. */
final class TwilioErrorCodes {

    private TwilioErrorCodes() {
    }

    /** @param errorCode Twilio's code, e.g. {@code 30003}; null, unknown or garbled codes give {@link FailureReason#UNKNOWN} */
    static FailureReason failureReasonOf(String errorCode) {
        if (errorCode == null) {
            return FailureReason.UNKNOWN;
        }
        return switch (errorCode.strip()) {
            case "21211", "21606", "21612", "21614" -> FailureReason.INVALID_SEND_PARAMETERS;
            case "30003", "30005", "30006" -> FailureReason.UNREACHABLE_DESTINATION;
            case "30004", "30007" -> FailureReason.BLOCKED_BY_CARRIER;
            case "21610" -> FailureReason.RECIPIENT_OPTED_OUT;
            // 21408 (region not enabled) is fixed in the account's geo permissions, not by changing the text.
            case "20003", "21408", "30002", "30022", "30023", "30024", "30032", "30033", "30034", "30035" ->
                    FailureReason.PROVIDER_ACCOUNT_PROBLEM;
            default -> FailureReason.UNKNOWN;
        };
    }
}
