package dev.textbridge.mappings.provider.vonage;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class VonageCodesTest {

    @ParameterizedTest(name = "a delivery receipt saying \"{0}\" means the text is {1}")
    @CsvSource({"accepted, SENT", "buffered, SENT", "unknown, SENT", "delivered, DELIVERED", "expired, UNDELIVERED",
            "failed, UNDELIVERED", "rejected, FAILED", "DELIVERED, DELIVERED"})
    void deliveryReceiptStatuses(String status, DeliveryStatus expected) {
        assertThat(VonageStatusMapping.ofDeliveryReceipt(status)).contains(expected);
    }

    @ParameterizedTest(name = "a Messages API status \"{0}\" means the text is {1}")
    @CsvSource({"submitted, SENT", "delivered, DELIVERED", "undeliverable, UNDELIVERED", "rejected, FAILED", "read, READ"})
    void messagesApiStatuses(String status, DeliveryStatus expected) {
        assertThat(VonageStatusMapping.ofMessagesApi(status)).contains(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is no outbound status")
    @ValueSource(strings = {"received", "sent", ""})
    void otherWordsAreNoStatus(String status) {
        assertThat(VonageStatusMapping.ofDeliveryReceipt(status)).isEmpty();
    }

    @ParameterizedTest(name = "a receipt with err-code {0} reads \"{1}\"")
    @CsvSource({"1, UNKNOWN", "2, UNREACHABLE_DESTINATION", "3, UNREACHABLE_DESTINATION", "4, BLOCKED_BY_CARRIER",
            "5, UNREACHABLE_DESTINATION", "6, BLOCKED_BY_CARRIER", "7, UNREACHABLE_DESTINATION", "8, UNKNOWN",
            "9, RECIPIENT_OPTED_OUT", "10, INVALID_SEND_PARAMETERS", "11, UNREACHABLE_DESTINATION",
            "12, UNREACHABLE_DESTINATION", "13, BLOCKED_BY_CARRIER", "14, BLOCKED_BY_CARRIER", "99, UNKNOWN",
            "' 9 ', RECIPIENT_OPTED_OUT"})
    void deliveryReceiptErrorCodes(String code, FailureReason reason) {
        assertThat(VonageErrorCodes.ofDeliveryReceipt(code)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "a send refused with status {0} reads \"{1}\"")
    @CsvSource({"1, PROVIDER_ACCOUNT_PROBLEM", "2, INVALID_SEND_PARAMETERS", "3, INVALID_SEND_PARAMETERS",
            "4, PROVIDER_ACCOUNT_PROBLEM", "5, UNKNOWN", "6, INVALID_SEND_PARAMETERS", "7, BLOCKED_BY_CARRIER",
            "8, PROVIDER_ACCOUNT_PROBLEM", "9, PROVIDER_ACCOUNT_PROBLEM", "11, PROVIDER_ACCOUNT_PROBLEM",
            "12, INVALID_SEND_PARAMETERS", "14, PROVIDER_ACCOUNT_PROBLEM", "15, INVALID_SEND_PARAMETERS",
            "33, UNKNOWN"})
    void sendStatusCodes(String code, FailureReason reason) {
        assertThat(VonageErrorCodes.ofSendStatus(code)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "a Messages API error {0} reads \"{1}\"")
    @CsvSource({"1000, PROVIDER_ACCOUNT_PROBLEM", "1020, INVALID_SEND_PARAMETERS", "1050, BLOCKED_BY_CARRIER",
            "1070, PROVIDER_ACCOUNT_PROBLEM", "1120, PROVIDER_ACCOUNT_PROBLEM", "1999, UNKNOWN"})
    void messagesApiErrorCodes(String code, FailureReason reason) {
        assertThat(VonageErrorCodes.ofMessagesApi(code)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "no code reads \"Unknown error\"")
    @NullSource
    void noCodeIsUnknown(String code) {
        assertThat(VonageErrorCodes.ofDeliveryReceipt(code)).isEqualTo(FailureReason.UNKNOWN);
    }
}
