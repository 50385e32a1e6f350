package dev.textbridge.mappings.provider.telnyx;

import dev.textbridge.mappings.provider.ProviderCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Telnyx's Ed25519 signature and its timestamp window. */
class TelnyxSignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String URL = "https://sms.example.com/webhooks/telnyx/inbound";
    private static final byte[] BODY = TelnyxWebhooks.bytes(TelnyxWebhooks.inbound(
            "b301ed3f-1490-491f-995f-6e64e69674d4", "+15550100200", "+15550100001", "Hello there!", List.of(), 1));

    private static TelnyxSignatureVerifier verifier(Duration tolerance) {
        return new TelnyxSignatureVerifier(TelnyxWebhooks.PUBLIC_KEY, tolerance, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theTestSignerReproducesRfc8032Test1() {
        assertThat(HexFormat.of().formatHex(TelnyxWebhooks.sign(new byte[0])))
                .isEqualTo(TelnyxWebhooks.RFC8032_EMPTY_MESSAGE_SIGNATURE);
    }

    @Test
    void thePublicKeyIsTheRfcKeyInTheFormTelnyxShowsIt() {
        assertThat(java.util.Base64.getDecoder().decode(TelnyxWebhooks.PUBLIC_KEY))
                .isEqualTo(HexFormat.of().parseHex(TelnyxWebhooks.RFC8032_PUBLIC));
    }

    @Test
    void aCallbackSignedNowWithTheAccountsKeyIsAuthentic() {
        assertThat(verifier(Duration.ofMinutes(5)).isAuthentic(TelnyxWebhooks.signed(URL, BODY, NOW.getEpochSecond()))).isTrue();
    }

    @ParameterizedTest(name = "signed {0} s from now, with a tolerance of {1}: authentic = {2}")
    @CsvSource({
            "-299, PT5M, true",
            "-301, PT5M, false",
            "301, PT5M, false",
            "-3600, PT5M, false",
            "-600, PT15M, true",
    })
    void aCallbackOutsideTheTimestampToleranceIsRefusedEvenWithAGoodSignature(long offset, Duration tolerance, boolean authentic) {
        ProviderCallback callback = TelnyxWebhooks.signed(URL, BODY, NOW.getEpochSecond() + offset);

        assertThat(verifier(tolerance).isAuthentic(callback)).isEqualTo(authentic);
    }

    @Test
    void aTimestampChangedAfterSigningIsRefused() {
        long signedAt = NOW.getEpochSecond() - 10;
        ProviderCallback callback = new ProviderCallback(URL, Map.of(
                "telnyx-signature-ed25519", List.of(TelnyxWebhooks.signature(signedAt, BODY)),
                "telnyx-timestamp", List.of(String.valueOf(signedAt + 1))), "application/json", BODY);

        assertThat(verifier(Duration.ofMinutes(5)).isAuthentic(callback)).isFalse();
    }

    @ParameterizedTest(name = "signature header \"{0}\" is refused without an exception")
    @CsvSource({"not base64 at all!", "AAAA", "''"})
    void garbledSignaturesAreRefused(String signature) {
        ProviderCallback callback = new ProviderCallback(URL, Map.of(
                "telnyx-signature-ed25519", List.of(signature),
                "telnyx-timestamp", List.of(String.valueOf(NOW.getEpochSecond()))), "application/json", BODY);

        assertThat(verifier(Duration.ofMinutes(5)).isAuthentic(callback)).isFalse();
    }

    @Test
    void aKeyThatIsNoEd25519PublicKeyRefusesEverything() {
        assertThat(TelnyxSignatureVerifier.isPublicKey("c2hvcnQ=")).isFalse();
        assertThat(TelnyxSignatureVerifier.isPublicKey(TelnyxWebhooks.PUBLIC_KEY)).isTrue();
        TelnyxSignatureVerifier wrong = new TelnyxSignatureVerifier("c2hvcnQ=", Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(wrong.isAuthentic(TelnyxWebhooks.signed(URL, BODY, NOW.getEpochSecond()))).isFalse();
        assertThat(new String(BODY, StandardCharsets.UTF_8)).contains("\"event_type\":\"message.received\"");
    }
}
