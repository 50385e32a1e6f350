package dev.textbridge.mappings.provider.vonage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VonageSendRequestTest {

    private static final String CALLBACK = "https://sms.example.com/webhooks/vonage/status";

    @Test
    void aPlainTextGoesAsTextWithNumbersInVonagesDigitsAndAskingForReceipts() {
        VonageSendRequest request = new VonageSendRequest("+15550100001", "+15550100200", "Hi Dana", CALLBACK,
                "5f0c7d2e-8a41-4b6e-9c3d-2e1f0a9b8c7d");

        assertThat(request.formFields("a1b2c3d4", "s3cret")).containsExactly(
                java.util.Map.entry("api_key", "a1b2c3d4"), java.util.Map.entry("api_secret", "s3cret"),
                java.util.Map.entry("from", "15550100001"), java.util.Map.entry("to", "15550100200"),
                java.util.Map.entry("text", "Hi Dana"), java.util.Map.entry("type", "text"),
                java.util.Map.entry("callback", CALLBACK), java.util.Map.entry("status-report-req", "true"),
                java.util.Map.entry("client-ref", "5f0c7d2e-8a41-4b6e-9c3d-2e1f0a9b8c7d"));
    }

    @Test
    void aTextWithAnEmojiGoesAsUnicode() {
        assertThat(new VonageSendRequest("+15550100001", "+15550100200", "Thanks 👍", null, null)
                .formFields("k", "s")).containsEntry("type", "unicode").doesNotContainKeys("callback", "client-ref");
    }

    @Test
    void aGsmExtensionCharacterStaysText() {
        assertThat(new VonageSendRequest("ACME", "+15550100200", "Price: 10€ [net]", null, null)
                .formFields("k", "s")).containsEntry("type", "text").containsEntry("from", "ACME");
    }

    @Test
    void aClientRefLongerThanVonageTakesIsRefused() {
        assertThatThrownBy(() -> new VonageSendRequest("+15550100001", "+15550100200", "x", null, "r".repeat(41)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
