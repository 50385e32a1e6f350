package dev.textbridge.mappings.provider.acs;

import dev.textbridge.mappings.model.FailureReason;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * ACS's send answer gives each recipient an {@code httpStatusCode}; these are the reasons a seller reads for the ones
 * that refuse the text. A delivery report that failed carries only free text ({@code deliveryStatusDetails}), no code,
 * so its reason is {@link FailureReason#UNKNOWN}.
 */
public final class AcsErrorCodes {

    /** One row: the per-recipient status code, what ACS means by it, and our reason. */
    public record Entry(int httpStatusCode, String acsText, FailureReason reason) {
    }

    public static final List<Entry> SEND = List.of(
            new Entry(400, "Bad request: the request data is invalid", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry(401, "Unauthorized: authentication missing or not allowed to send SMS", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry(403, "Forbidden: not permitted to send from this number", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry(404, "Not found: the sender number is not in this resource", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry(429, "Too many requests", FailureReason.PROVIDER_ACCOUNT_PROBLEM));

    private static final Map<Integer, FailureReason> BY_CODE =
            SEND.stream().collect(Collectors.toUnmodifiableMap(Entry::httpStatusCode, Entry::reason));

    private AcsErrorCodes() {
    }

    public static FailureReason ofSendStatus(int httpStatusCode) {
        return BY_CODE.getOrDefault(httpStatusCode, FailureReason.UNKNOWN);
    }
}
