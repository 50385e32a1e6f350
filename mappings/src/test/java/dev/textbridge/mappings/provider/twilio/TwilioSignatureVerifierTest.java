package dev.textbridge.mappings.provider.twilio;

import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.SignatureVerifier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.textbridge.mappings.provider.twilio.TwilioPayload.AUTH_TOKEN;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.FORM;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.INBOUND_URL;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.callback;
import static dev.textbridge.mappings.provider.twilio.TwilioPayload.inboundSms;
import static org.assertj.core.api.Assertions.assertThat;

class TwilioSignatureVerifierTest {

    /** The vectors of providers.md 1.2, taken from twilio-java's own tests. */
    @Nested
    class TwilioDocumentedVectors {

        private static final String TOKEN = "12345";
        private final SignatureVerifier verifier = new TwilioSignatureVerifier(TOKEN);

        private ProviderCallback documentedCall(String url, String signature) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("CallSid", "CA1234567890ABCDE");
            params.put("Caller", "+14158675309");
            params.put("Digits", "1234");
            params.put("From", "+14158675309");
            params.put("To", "+18005551212");
            StringBuilder body = new StringBuilder();
            params.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            return callback(url, FORM, body.toString().getBytes(StandardCharsets.UTF_8), signature);
        }

        @ParameterizedTest(name = "a call to {0} signed {1} is accepted: {2}")
        @CsvSource(delimiter = '|', textBlock = """
                https://mycompany.com/myapp.php?foo=1&bar=2       | RSOYDt4T1cUTdK1PDd93/VVr8B8= | true
                https://mycompany.com/myapp.php?foo=1&bar=2       | kvajT1Ptam85bY51eRf/AJRuM3w= | true
                https://mycompany.com:443/myapp.php?foo=1&bar=2   | kvajT1Ptam85bY51eRf/AJRuM3w= | true
                https://mycompany.com:443/myapp.php?foo=1&bar=2   | RSOYDt4T1cUTdK1PDd93/VVr8B8= | true
                http://mycompany.com:80/myapp.php?foo=1&bar=2     | 0ZXoZLH/DfblKGATFgpif+LLRf4= | true
                http://mycompany.com/myapp.php?foo=1&bar=2        | 0ZXoZLH/DfblKGATFgpif+LLRf4= | true
                http://mycompany.com:1234/myapp.php?foo=1&bar=2   | Zmvh+3yNM1Phv2jhDCwEM3q5ebU= | true
                http://mycompany.com/myapp.php?foo=1&bar=2        | Zmvh+3yNM1Phv2jhDCwEM3q5ebU= | false
                http://mycompany.com:1234/myapp.php?foo=1&bar=2   | 0ZXoZLH/DfblKGATFgpif+LLRf4= | false
                http://mycompany.com/myapp.php?foo=1&bar=2        | RSOYDt4T1cUTdK1PDd93/VVr8B8= | false
                https://mycompany.com/myapp.php?bar=2&foo=1       | RSOYDt4T1cUTdK1PDd93/VVr8B8= | false
                https://mycompany.com/myapp.php                   | RSOYDt4T1cUTdK1PDd93/VVr8B8= | false
                https://mycompany.com/myapp.php?foo=1&bar=2       | RSOYDt4T1cUTdK1PDd93/VVr8B9= | false
                https://mycompany.com/myapp.php?foo=1&bar=2       | rsoydt4t1cutdk1pdd93/vvr8b8= | false
                """)
        void theDocumentedSignaturesAreCheckedWithAndWithoutTheDefaultPort(String url, String signature,
                                                                           boolean accepted) {
            assertThat(verifier.isAuthentic(documentedCall(url, signature))).isEqualTo(accepted);
        }

        @Test
        void aJsonBodyIsCheckedThroughItsHashInTheSignedUrl() {
            String body = "{\"property\": \"value\", \"boolean\": true}";
            String url = "https://mycompany.com/myapp.php?foo=1&bar=2"
                    + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

            ProviderCallback call = callback(url, "application/json", body.getBytes(StandardCharsets.UTF_8),
                    "a9nBmqA0ju/hNViExpshrM61xv4=");

            assertThat(verifier.isAuthentic(call)).isTrue();
        }

        @Test
        void aJsonBodyThatDoesNotMatchTheSignedHashIsRefused() {
            String tampered = "{\"property\": \"value\", \"boolean\": false}";
            String url = "https://mycompany.com/myapp.php?foo=1&bar=2"
                    + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

            ProviderCallback call = callback(url, "application/json", tampered.getBytes(StandardCharsets.UTF_8),
                    "a9nBmqA0ju/hNViExpshrM61xv4=");

            assertThat(verifier.isAuthentic(call)).isFalse();
        }

        @Test
        void aJsonBodyWithoutAHashInTheUrlIsRefused() {
            ProviderCallback call = callback("https://mycompany.com/myapp.php?foo=1&bar=2", "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");

            assertThat(verifier.isAuthentic(call)).isFalse();
        }
    }

    @Nested
    class WhatIsSigned {

        private final SignatureVerifier verifier = new TwilioSignatureVerifier(AUTH_TOKEN);

        @Test
        void aRepeatedFieldIsSignedWithItsValuesSorted() {
            byte[] body = "Tag=zebra&Body=hi&Tag=apple".getBytes(StandardCharsets.UTF_8);
            String valuesSorted = TwilioRequestSigner.hmacSha1(AUTH_TOKEN, INBOUND_URL + "BodyhiTagappleTagzebra");
            String valuesAsSent = TwilioRequestSigner.hmacSha1(AUTH_TOKEN, INBOUND_URL + "BodyhiTagzebraTagapple");

            assertThat(verifier.isAuthentic(callback(INBOUND_URL, FORM, body, valuesSorted))).isTrue();
            assertThat(verifier.isAuthentic(callback(INBOUND_URL, FORM, body, valuesAsSent))).isFalse();
        }

        @Test
        void aGetCarriesItsParametersInTheSignedUrlAndHasNoBody() {
            String url = INBOUND_URL + "?MessageSid=" + TwilioPayload.SMS_SID + "&Body=Hi%20there";
            String signature = TwilioRequestSigner.hmacSha1(AUTH_TOKEN, url);

            assertThat(verifier.isAuthentic(callback(url, "", new byte[0], signature))).isTrue();
        }

        @Test
        void theQueryIsSignedAsItWasCalledNotReEncoded() {
            String url = INBOUND_URL + "?tenant=acme%26co&note=it%27s&x=a+b";
            String signature = TwilioRequestSigner.signature(AUTH_TOKEN,
                    "https://sms.example.com:443/webhooks/twilio/inbound?tenant=acme%26co&note=it%27s&x=a+b",
                    inboundSms().fields());

            assertThat(verifier.isAuthentic(inboundSms().postedTo(url, signature))).isTrue();
        }

        @Test
        void credentialsInTheUrlStayInTheSignedUrlWhenThePortIsAdded() {
            String url = "https://twilio:s3cret@sms.example.com/webhooks/twilio/inbound";
            String signature = TwilioRequestSigner.signature(AUTH_TOKEN,
                    "https://twilio:s3cret@sms.example.com:443/webhooks/twilio/inbound", inboundSms().fields());

            assertThat(verifier.isAuthentic(inboundSms().postedTo(url, signature))).isTrue();
        }

        @Test
        void theHeaderIsFoundWhateverTheCaseOfItsName() {
            String signature = TwilioRequestSigner.signature(AUTH_TOKEN, INBOUND_URL, inboundSms().fields());
            ProviderCallback call = new ProviderCallback(INBOUND_URL,
                    Map.of("x-twilio-signature", List.of(signature)), FORM, inboundSms().encoded());

            assertThat(call.header(TwilioSignatureVerifier.SIGNATURE_HEADER)).isEqualTo(signature);
            assertThat(verifier.isAuthentic(call)).isTrue();
        }
    }

    @Nested
    class RefusedWithoutThrowing {

        private final String goodSignature =
                TwilioRequestSigner.signature(AUTH_TOKEN, INBOUND_URL, inboundSms().fields());

        @Test
        void aCallbackWithoutTheSignatureHeaderIsRefused() {
            assertThat(new TwilioSignatureVerifier(AUTH_TOKEN).isAuthentic(inboundSms().postedTo(INBOUND_URL, null)))
                    .isFalse();
        }

        @ParameterizedTest(name = "the signature header \"{0}\" is refused")
        @ValueSource(strings = {"", "   ", "not base64 at all", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="})
        void aBlankOrWrongSignatureIsRefused(String signature) {
            assertThat(new TwilioSignatureVerifier(AUTH_TOKEN).isAuthentic(inboundSms().postedTo(INBOUND_URL, signature)))
                    .isFalse();
        }

        @ParameterizedTest(name = "a verifier with the auth token \"{0}\" refuses everything")
        @NullAndEmptySource
        void withoutAnAuthTokenEverythingIsRefused(String token) {
            SignatureVerifier verifier = new TwilioSignatureVerifier(token);

            assertThat(verifier.isAuthentic(inboundSms().postedTo(INBOUND_URL, goodSignature))).isFalse();
        }

        @ParameterizedTest(name = "a body sent as {0} is refused")
        @ValueSource(strings = {"text/plain", "application/json", "multipart/form-data", ""})
        void aBodyThatIsNotFormDataIsRefused(String contentType) {
            ProviderCallback call = callback(INBOUND_URL, contentType, inboundSms().encoded(), goodSignature);

            assertThat(new TwilioSignatureVerifier(AUTH_TOKEN).isAuthentic(call)).isFalse();
        }

        @Test
        void aFormBodyThatCannotBeReadIsRefused() {
            ProviderCallback call = callback(INBOUND_URL, FORM, "Body=%zz".getBytes(StandardCharsets.UTF_8),
                    TwilioRequestSigner.hmacSha1(AUTH_TOKEN, INBOUND_URL + "Body%zz"));

            assertThat(new TwilioSignatureVerifier(AUTH_TOKEN).isAuthentic(call)).isFalse();
        }

        @ParameterizedTest(name = "the URL \"{0}\" is refused")
        @ValueSource(strings = {"", "not a url", "https://", "https://[::1/x", "://sms.example.com/x"})
        void aStrangeUrlIsRefused(String url) {
            assertThat(new TwilioSignatureVerifier(AUTH_TOKEN).isAuthentic(inboundSms().postedTo(url, goodSignature)))
                    .isFalse();
        }
    }
}
