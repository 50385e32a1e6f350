package dev.textbridge.mappings.provider.vonage;

import dev.textbridge.mappings.model.FailureReason;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Vonage's error codes beside the reason a seller reads: the {@code err-code} of SMS API delivery receipts, the
 * {@code status} of each message in the SMS API's answer to a send, and the {@code error.title} code of Messages API
 * status webhooks. Codes not in a table are {@link FailureReason#UNKNOWN}.
 */
public final class VonageErrorCodes {

    /** One row of a table: Vonage's code and meaning, and ours. */
    public record Entry(String code, String vonageText, FailureReason reason) {
    }

    /** {@code err-code} of a delivery receipt; 0 is "Delivered". */
    public static final List<Entry> DELIVERY_RECEIPT = List.of(
            new Entry("1", "Unknown", FailureReason.UNKNOWN),
            new Entry("2", "Absent Subscriber - Temporary", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("3", "Absent Subscriber - Permanent", FailureReason.UNREACHABLE_DESTINATION),
            // The subscriber had the network bar incoming texts; only their operator can lift it.
            new Entry("4", "Call Barred by User", FailureReason.BLOCKED_BY_CARRIER),
            new Entry("5", "Portability Error", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("6", "Anti-Spam Rejection", FailureReason.BLOCKED_BY_CARRIER),
            new Entry("7", "Handset Busy", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("8", "Network Error", FailureReason.UNKNOWN),
            // Despite its name: "User has requested not to receive messages from a specific service".
            new Entry("9", "Illegal Number", FailureReason.RECIPIENT_OPTED_OUT),
            new Entry("10", "Illegal Message", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("11", "Unroutable", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("12", "Destination Unreachable", FailureReason.UNREACHABLE_DESTINATION),
            new Entry("13", "Subscriber Age Restriction", FailureReason.BLOCKED_BY_CARRIER),
            new Entry("14", "Number Blocked by Carrier", FailureReason.BLOCKED_BY_CARRIER));

    /** {@code status} of a message in the SMS API's answer; 0 is "Success". */
    public static final List<Entry> SEND = List.of(
            new Entry("1", "Throttled", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("2", "Missing Parameters", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("3", "Invalid Parameters", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("4", "Invalid Credentials", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("5", "Internal Error", FailureReason.UNKNOWN),
            new Entry("6", "Invalid Message", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("7", "Number Barred", FailureReason.BLOCKED_BY_CARRIER),
            new Entry("8", "Partner Account Barred", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("9", "Partner Quota Violation", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("10", "Too Many Existing Binds", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("11", "Account Not Enabled For HTTP", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("12", "Message Too Long", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("14", "Invalid Signature", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("15", "Invalid Sender Address", FailureReason.INVALID_SEND_PARAMETERS));

    /** {@code error.title} of a Messages API status webhook. */
    public static final List<Entry> MESSAGES_API = List.of(
            new Entry("1000", "Throttled", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("1020", "Invalid params", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("1040", "Invalid message", FailureReason.INVALID_SEND_PARAMETERS),
            new Entry("1050", "Number barred", FailureReason.BLOCKED_BY_CARRIER),
            new Entry("1060", "Partner account barred", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("1070", "Partner quota exceeded", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            // Local regulations refused the sender id: fixed in the account's sender setup, not in the text.
            new Entry("1120", "Illegal Sender Address - rejected", FailureReason.PROVIDER_ACCOUNT_PROBLEM),
            new Entry("1160", "Non White-listed Destination", FailureReason.PROVIDER_ACCOUNT_PROBLEM));

    private static final Map<String, FailureReason> RECEIPT_CODES = byCode(DELIVERY_RECEIPT);
    private static final Map<String, FailureReason> SEND_CODES = byCode(SEND);
    private static final Map<String, FailureReason> MESSAGES_API_CODES = byCode(MESSAGES_API);

    private VonageErrorCodes() {
    }

    public static FailureReason ofDeliveryReceipt(String errCode) {
        return lookUp(RECEIPT_CODES, errCode);
    }

    public static FailureReason ofSendStatus(String status) {
        return lookUp(SEND_CODES, status);
    }

    public static FailureReason ofMessagesApi(String code) {
        return lookUp(MESSAGES_API_CODES, code);
    }

    private static FailureReason lookUp(Map<String, FailureReason> table, String code) {
        return code == null ? FailureReason.UNKNOWN : table.getOrDefault(code.strip(), FailureReason.UNKNOWN);
    }

    private static Map<String, FailureReason> byCode(List<Entry> table) {
        return table.stream().collect(Collectors.toUnmodifiableMap(Entry::code, Entry::reason));
    }
}
