package dev.textbridge.mappings.provider.acs;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AcsSendRequestAndCodesTest {

    @Test
    void theBodyAsksForDeliveryReportsAndCarriesTheRepeatabilityFields() {
        AcsSendRequest request = new AcsSendRequest("+18445550100", "+15550100200", "Hi Dana 👋",
                "5f0c7d2e-8a41-4b6e-9c3d-2e1f0a9b8c7d", Instant.parse("2026-11-05T09:07:03Z"), "5f0c7d2e");

        JsonNode body = JsonMapper.builder().build().readTree(request.body());

        assertThat(body.toString()).isEqualTo("{\"from\":\"+18445550100\",\"smsRecipients\":[{\"to\":\"+15550100200\","
                + "\"repeatabilityRequestId\":\"5f0c7d2e-8a41-4b6e-9c3d-2e1f0a9b8c7d\","
                + "\"repeatabilityFirstSent\":\"Thu, 05 Nov 2026 09:07:03 GMT\"}],\"message\":\"Hi Dana 👋\","
                + "\"smsSendOptions\":{\"enableDeliveryReport\":true,\"tag\":\"5f0c7d2e\"}}");
        assertThat(AcsSendRequest.PATH_AND_QUERY).isEqualTo("/sms?api-version=2021-03-07");
    }

    @ParameterizedTest(name = "a report saying \"{0}\" means {1}")
    @CsvSource({"Delivered, DELIVERED", "Failed, UNDELIVERED", "FAILED, UNDELIVERED"})
    void deliveryStatuses(String status, DeliveryStatus expected) {
        assertThat(AcsStatusMapping.deliveryStatusOf(status)).contains(expected);
    }

    @ParameterizedTest(name = "a recipient refused with {0} reads \"{1}\"")
    @CsvSource({"400, INVALID_SEND_PARAMETERS", "401, PROVIDER_ACCOUNT_PROBLEM", "403, PROVIDER_ACCOUNT_PROBLEM",
            "404, INVALID_SEND_PARAMETERS", "429, PROVIDER_ACCOUNT_PROBLEM", "500, UNKNOWN"})
    void sendStatusCodes(int code, FailureReason reason) {
        assertThat(AcsErrorCodes.ofSendStatus(code)).isEqualTo(reason);
    }
}
