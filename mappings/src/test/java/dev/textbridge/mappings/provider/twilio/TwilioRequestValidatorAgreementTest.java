package dev.textbridge.mappings.provider.twilio;

import com.twilio.security.RequestValidator;
import dev.textbridge.mappings.provider.ProviderCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

import static dev.textbridge.mappings.provider.twilio.TwilioPayload.AUTH_TOKEN;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.INBOUND_URL;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.STATUS_URL;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.inboundMms;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.inboundSms;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.statusCallback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Our verifier, and the signer the other tests use, agree with Twilio's own Java SDK. */
class TwilioRequestValidatorAgreementTest {

    private final RequestValidator twilio = new RequestValidator(AUTH_TOKEN);
    private final TwilioSignatureVerifier verifier = new TwilioSignatureVerifier(AUTH_TOKEN);

    static Stream<Arguments> webhooks() {
        return Stream.of(
                arguments(named("a text to a pooled number", inboundSms()), INBOUND_URL),
                arguments(named("a text to a number outside any service", inboundSms().without("MessagingServiceSid")),
                        INBOUND_URL),
                arguments(named("a photo with a caption", inboundMms()), INBOUND_URL),
                arguments(named("a text", inboundSms()), INBOUND_URL + "?tenant=acme&x=a%20b"),
                arguments(named("a text", inboundSms()), "https://sms.example.com:8443/webhooks/twilio/inbound"),
                arguments(named("a text", inboundSms()), "http://localhost:8080/webhooks/twilio/inbound?tenant=acme"),
                arguments(named("a text of 1,600 characters", inboundSms().with("Body", "é👋\"'&=+% ".repeat(160))),
                        INBOUND_URL),
                arguments(named("a STOP from a customer", inboundSms().with("Body", "STOP").with("OptOutType", "STOP")),
                        INBOUND_URL),
                arguments(named("a delivered report", statusCallback("delivered")), STATUS_URL + "?tenant=acme"),
                arguments(named("an undelivered report", statusCallback("undelivered").with("ErrorCode", "30007")),
                        STATUS_URL));
    }

    @ParameterizedTest(name = "{0} posted to {1} is signed as Twilio signs it and accepted")
    @MethodSource("webhooks")
    void aWebhookSignedAsTwilioSignsItIsAccepted(TwilioPayload payload, String url) {
        String signature = TwilioRequestSigner.signature(AUTH_TOKEN, url, payload.fields());

        assertThat(twilio.validate(url, payload.singleValues(), signature)).as("Twilio's RequestValidator").isTrue();
        assertThat(verifier.isAuthentic(payload.postedTo(url, signature))).as("our verifier").isTrue();
    }

    @ParameterizedTest(name = "{0} signed for another URL than {1} is refused")
    @MethodSource("webhooks")
    void aSignatureForAnotherUrlIsRefused(TwilioPayload payload, String url) {
        String signature = TwilioRequestSigner.signature(AUTH_TOKEN, url.replace("/webhooks/", "/hooks/"),
                payload.fields());

        assertThat(twilio.validate(url, payload.singleValues(), signature)).as("Twilio's RequestValidator").isFalse();
        assertThat(verifier.isAuthentic(payload.postedTo(url, signature))).as("our verifier").isFalse();
    }

    @ParameterizedTest(name = "{0} posted to {1} with a changed body is refused")
    @MethodSource("webhooks")
    void aTamperedBodyIsRefused(TwilioPayload payload, String url) {
        String signature = TwilioRequestSigner.signature(AUTH_TOKEN, url, payload.fields());
        TwilioPayload tampered = payload.with("From", "+15550100999");

        assertThat(twilio.validate(url, tampered.singleValues(), signature)).as("Twilio's RequestValidator").isFalse();
        assertThat(verifier.isAuthentic(tampered.postedTo(url, signature))).as("our verifier").isFalse();
    }

    @ParameterizedTest(name = "{0} posted to {1} signed with another account's token is refused")
    @MethodSource("webhooks")
    void aSignatureWithAnotherTokenIsRefused(TwilioPayload payload, String url) {
        String signature = TwilioRequestSigner.signature("0123456789abcdef0123456789abcdef", url, payload.fields());

        assertThat(twilio.validate(url, payload.singleValues(), signature)).as("Twilio's RequestValidator").isFalse();
        assertThat(verifier.isAuthentic(payload.postedTo(url, signature))).as("our verifier").isFalse();
    }

    @ParameterizedTest(name = "{0} posted to {1} without a signature is refused")
    @MethodSource("webhooks")
    void aWebhookWithoutASignatureIsRefused(TwilioPayload payload, String url) {
        assertThat(verifier.isAuthentic(payload.postedTo(url, null))).isFalse();
    }

    @ParameterizedTest(name = "a body of \"{0}\" is signed as Twilio signs it")
    @ValueSource(strings = {"", " ", "it's \"quoted\"", "a&b=c", "1+1=2", "100%", "line\nbreak\r\n", "👋🏽 👍",
            "你好", "Ünïcödé", "\u00a0nbsp", "tab\there"})
    void bodiesWithCharactersThatNeedEncodingAreSignedAsTwilioSignsThem(String body) {
        TwilioPayload payload = inboundSms().with("Body", body);
        String signature = TwilioRequestSigner.signature(AUTH_TOKEN, INBOUND_URL, payload.fields());

        assertThat(twilio.validate(INBOUND_URL, payload.singleValues(), signature)).isTrue();
        assertThat(verifier.isAuthentic(payload.postedTo(INBOUND_URL, signature))).isTrue();
    }

    @ParameterizedTest(name = "a webhook to {0} signed over {1} is accepted: {2}, by Twilio and by us")
    @CsvSource(delimiter = '|', textBlock = """
            https://sms.example.com/twilio          | https://sms.example.com/twilio          | true
            https://sms.example.com/twilio          | https://sms.example.com:443/twilio      | true
            https://sms.example.com:443/twilio      | https://sms.example.com/twilio          | true
            https://sms.example.com/twilio          | http://sms.example.com/twilio           | false
            https://sms.example.com/twilio          | https://sms.example.com:8443/twilio     | false
            https://sms.example.com:8443/twilio     | https://sms.example.com/twilio          | true
            https://sms.example.com:8443/twilio     | https://sms.example.com:443/twilio      | false
            http://sms.example.com/twilio?a=1       | http://sms.example.com:80/twilio?a=1    | true
            http://sms.example.com:80/twilio?a=1    | http://sms.example.com/twilio?a=1       | true
            http://sms.example.com/twilio?a=1       | http://sms.example.com:443/twilio?a=1   | false
            https://sms.example.com/twilio?a=1      | https://sms.example.com/twilio?a=2      | false
            https://sms.example.com/twilio/         | https://sms.example.com/twilio          | false
            """)
    void theVerifierAcceptsExactlyWhatTwiliosValidatorAcceptsAcrossPorts(String calledUrl, String signedUrl,
                                                                        boolean accepted) {
        TwilioPayload payload = inboundSms();
        String signature = TwilioRequestSigner.signature(AUTH_TOKEN, signedUrl, payload.fields());

        assertThat(twilio.validate(calledUrl, payload.singleValues(), signature)).as("Twilio's RequestValidator")
                .isEqualTo(accepted);
        assertThat(verifier.isAuthentic(payload.postedTo(calledUrl, signature))).as("our verifier")
                .isEqualTo(accepted);
    }

    @Test
    void aJsonBodyIsAcceptedAsTwiliosValidatorAcceptsIt() throws URISyntaxException {
        String body = "{\"MessageSid\":\"" + TwilioPayload.SMS_SID + "\",\"Body\":\"Hi 👋\"}";
        String url = STATUS_URL + "?tenant=acme&bodySHA256=" + sha256Hex(body);
        String signature = TwilioRequestSigner.signature(AUTH_TOKEN, url, Map.of());
        ProviderCallback call = TwilioPayload.callback(url, "application/json", body.getBytes(StandardCharsets.UTF_8),
                signature);

        assertThat(twilio.validate(url, body, signature)).as("Twilio's RequestValidator").isTrue();
        assertThat(verifier.isAuthentic(call)).as("our verifier").isTrue();
    }

    @Test
    void aJsonBodyChangedAfterSigningIsRefusedAsTwiliosValidatorRefusesIt() throws URISyntaxException {
        String body = "{\"MessageSid\":\"" + TwilioPayload.SMS_SID + "\",\"Body\":\"Hi\"}";
        String url = STATUS_URL + "?bodySHA256=" + sha256Hex(body);
        String signature = TwilioRequestSigner.signature(AUTH_TOKEN, url, Map.of());
        String tampered = body.replace("Hi", "Ho");
        ProviderCallback call = TwilioPayload.callback(url, "application/json",
                tampered.getBytes(StandardCharsets.UTF_8), signature);

        assertThat(twilio.validate(url, tampered, signature)).as("Twilio's RequestValidator").isFalse();
        assertThat(verifier.isAuthentic(call)).as("our verifier").isFalse();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
