package dev.textbridge.mappings.provider.acs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcsRequestSignerTest {

    /** The key azure-sdk-for-java's HmacAuthenticationPolicyTests sign with. */
    private static final String KEY = "68810419818922fb0263dd6ee4b9c56537dbad914aa7324a119fce26778a286e";
    private static final Instant AT = Instant.parse("2026-11-05T09:07:03Z");

    private final AcsRequestSigner signer = new AcsRequestSigner(KEY);

    /** azure-sdk-for-java's cross-language vectors for x-ms-content-sha256. */
    @ParameterizedTest(name = "the body \"{0}\" hashes to {1}")
    @CsvSource({"banana, tJPUg2Sv5E0RwBZc9HCkFk0eJgmRHvmYvoaNRq3j3k4=", "😀, 8EQ6NCxe9UeDoRG1G6Vsk45HTDIyTZDDpgycjjo34tk="})
    void theContentHashMatchesTheSdksCrossLanguageVectors(String body, String hash) {
        assertThat(signer.sign("POST", "localhost", "/?id=b93a5ef4-f622-44d8-a80b-ff983122554e",
                body.getBytes(StandardCharsets.UTF_8), AT).contentHash()).isEqualTo(hash);
    }

    @Test
    void theDateIsAnHttpDateWithATwoDigitDay() {
        assertThat(signer.sign("POST", "h", "/", new byte[0], AT).date()).isEqualTo("Thu, 05 Nov 2026 09:07:03 GMT");
    }

    @Test
    void theSignatureIsTheHmacOfVerbPathDateHostAndHashWithTheDecodedKey() throws Exception {
        byte[] body = "{\"from\":\"+18445550100\"}".getBytes(StandardCharsets.UTF_8);
        AcsRequestSigner.SignedHeaders headers = signer.sign("post", "textbridge.communication.azure.com",
                "/sms?api-version=2021-03-07", body, AT);

        String stringToSign = "POST\n/sms?api-version=2021-03-07\nThu, 05 Nov 2026 09:07:03 GMT;"
                + "textbridge.communication.azure.com;" + headers.contentHash();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));

        assertThat(headers.authorization())
                .isEqualTo("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + expected);
    }

    @Test
    void aKeyThatIsNotBase64IsRefusedAtOnce() {
        assertThatThrownBy(() -> new AcsRequestSigner("not base64!")).isInstanceOf(IllegalArgumentException.class);
    }
}
