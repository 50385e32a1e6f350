package dev.textbridge.mappings.provider.vonage;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.SignatureVerifier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.API_KEY;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.INBOUND_URL;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.JSON;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.SECRET;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.SIGNED_AT;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.inboundSms;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.messagesApi;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.messagesInbound;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.sha256Hex;
import static dev.textbridge.mappings.provider.vonage.VonageWebhooks.signed;
import static org.assertj.core.api.Assertions.assertThat;

class VonageSignatureVerifierTest {

    private static final String MESSAGE_ID = "0A0000001234ABCD";

    private static SignatureVerifier verifier(String method, Instant now) {
        return new VonageSignatureVerifier(SECRET, VonageSignatureMethod.ofConfigName(method), API_KEY,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The vectors of vonage-java-sdk's RequestSigningTest (providers.md 2): secret abcde, a, b, timestamp 2100. */
    @Nested
    class PublishedVectors {

        private ProviderCallback query(String b, String sig) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("a", "alphabet");
            params.put("b", b);
            params.put("timestamp", "2100");
            params.put("sig", sig);
            return VonageWebhooks.get(INBOUND_URL, params);
        }

        @ParameterizedTest(name = "method {0}: b={1} signed {2} is accepted: {3}")
        @CsvSource(delimiter = '|', textBlock = """
                md5hash | bananas | 7d43241108912b32cc315b48ce681acf                                 | true
                md5hash | bananas | 7D43241108912B32CC315B48CE681ACF                                 | true
                md5hash | ''      | a3368bf718ba104dcb392d8877e8eb2b                                 | true
                sha1    | bananas | b7f749de27b4adcf736cc95c9a7e059a16c85127                         | true
                sha256  | bananas | 8d1b0428276b6a070578225914c3502cc0687a454dfbbbb370c76a14234cb546 | true
                sha256  | bananas | 8D1B0428276B6A070578225914C3502CC0687A454DFBBBB370C76A14234CB546 | true
                md5hash | bananaz | 7d43241108912b32cc315b48ce681acf                                 | false
                sha256  | bananas | 7d43241108912b32cc315b48ce681acf                                 | false
                sha1    | bananas | 8d1b0428276b6a070578225914c3502cc0687a454dfbbbb370c76a14234cb546 | false
                md5     | bananas | 7d43241108912b32cc315b48ce681acf                                 | false
                """)
        void theSdksVectorsVerifyWithTheirMethodOnly(String method, String b, String sig, boolean accepted) {
            SignatureVerifier verifier = new VonageSignatureVerifier("abcde", VonageSignatureMethod.ofConfigName(method),
                    null, Clock.fixed(Instant.ofEpochSecond(2100), ZoneOffset.UTC));

            assertThat(verifier.isAuthentic(query(b, sig))).isEqualTo(accepted);
        }
    }

    @Nested
    class SignedSmsApiRequests {

        @ParameterizedTest(name = "an inbound SMS signed with {0} is accepted as GET, form POST and JSON POST")
        @ValueSource(strings = {"md5hash", "md5", "sha1", "sha256", "sha512"})
        void eachMethodTheAccountCanChooseIsChecked(String method) {
            Map<String, String> params = signed(inboundSms(MESSAGE_ID, "Hi 👋 \"Tuesday\" at 3 & 100%=ok"), SECRET, method, SIGNED_AT);
            SignatureVerifier verifier = verifier(method, SIGNED_AT.plusSeconds(2));

            assertThat(verifier.isAuthentic(VonageWebhooks.get(INBOUND_URL, params))).isTrue();
            assertThat(verifier.isAuthentic(VonageWebhooks.postForm(INBOUND_URL, params))).isTrue();
            assertThat(verifier.isAuthentic(VonageWebhooks.postJson(INBOUND_URL, params))).isTrue();
        }

        @ParameterizedTest(name = "signed with {0} but checked as {1}: refused")
        @CsvSource({"md5hash, sha256", "sha256, sha512", "sha1, md5"})
        void aSignatureMadeWithAnotherMethodIsRefused(String signedWith, String checkedAs) {
            Map<String, String> params = signed(inboundSms(MESSAGE_ID, "hello"), SECRET, signedWith, SIGNED_AT);

            assertThat(verifier(checkedAs, SIGNED_AT).isAuthentic(VonageWebhooks.postForm(INBOUND_URL, params))).isFalse();
        }

        @Test
        void aChangedTextIsRefused() {
            Map<String, String> params = new LinkedHashMap<>(signed(inboundSms(MESSAGE_ID, "pay 1234"), SECRET, "sha256", SIGNED_AT));
            params.put("text", "pay 6666");

            assertThat(verifier("sha256", SIGNED_AT).isAuthentic(VonageWebhooks.postForm(INBOUND_URL, params))).isFalse();
        }

        @Test
        void anotherAccountsSecretIsRefused() {
            Map<String, String> params = signed(inboundSms(MESSAGE_ID, "hello"), "another-accounts-secret", "sha256", SIGNED_AT);

            assertThat(verifier("sha256", SIGNED_AT).isAuthentic(VonageWebhooks.postForm(INBOUND_URL, params))).isFalse();
        }

        @ParameterizedTest(name = "signed {0} s from now: accepted {1}")
        @CsvSource({"0, true", "-299, true", "299, true", "-301, false", "301, false", "-86400, false"})
        void theSignedTimestampMustBeWithinFiveMinutes(long offsetSeconds, boolean accepted) {
            Map<String, String> params = signed(inboundSms(MESSAGE_ID, "hello"), SECRET, "md5hash",
                    SIGNED_AT.plusSeconds(offsetSeconds));

            assertThat(verifier("md5hash", SIGNED_AT).isAuthentic(VonageWebhooks.get(INBOUND_URL, params))).isEqualTo(accepted);
        }

        @ParameterizedTest(name = "without {0}: refused")
        @ValueSource(strings = {"sig", "timestamp"})
        void aCallbackWithoutSignatureOrTimestampIsRefused(String left) {
            Map<String, String> params = new LinkedHashMap<>(signed(inboundSms(MESSAGE_ID, "hello"), SECRET, "md5hash", SIGNED_AT));
            params.remove(left);

            assertThat(verifier("md5hash", SIGNED_AT).isAuthentic(VonageWebhooks.postForm(INBOUND_URL, params))).isFalse();
        }

        @Test
        void aTimestampThatIsNoNumberIsRefusedWithoutThrowing() {
            Map<String, String> params = new LinkedHashMap<>(inboundSms(MESSAGE_ID, "hello"));
            params.put("timestamp", "yesterday");
            params.put("sig", VonageWebhooks.sig(params, SECRET, "md5hash"));

            assertThat(verifier("md5hash", SIGNED_AT).isAuthentic(VonageWebhooks.postForm(INBOUND_URL, params))).isFalse();
        }

        @Test
        void withoutASecretEverythingIsRefused() {
            Map<String, String> params = signed(inboundSms(MESSAGE_ID, "hello"), "", "md5hash", SIGNED_AT);
            SignatureVerifier unconfigured = new VonageSignatureVerifier("", VonageSignatureMethod.MD5_HASH, null,
                    Clock.fixed(SIGNED_AT, ZoneOffset.UTC));

            assertThat(unconfigured.isAuthentic(VonageWebhooks.postForm(INBOUND_URL, params))).isFalse();
        }
    }

    @Nested
    class MessagesApiJwt {

        private final String body = messagesInbound("aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab", "Hi from the Messages API 👋");

        @Test
        void aJwtMintedByAJwtLibraryWithTheBodysHashIsAccepted() throws Exception {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                    .issueTime(Date.from(SIGNED_AT)).jwtID("c4a2f0e8").issuer("Vonage")
                    .claim("payload_hash", sha256Hex(bytes)).claim("api_key", API_KEY)
                    .claim("application_id", "aaaaaaaa-bbbb-cccc-dddd-0123456789ab").build());
            jwt.sign(new MACSigner(SECRET));
            ProviderCallback call = new ProviderCallback(INBOUND_URL,
                    Map.of("authorization", List.of("Bearer " + jwt.serialize())), JSON, bytes);

            assertThat(verifier("md5hash", SIGNED_AT).isAuthentic(call)).isTrue();
        }

        @Test
        void theDashboardsSignatureMethodDoesNotMatterForTheJwt() {
            ProviderCallback call = messagesApi(INBOUND_URL, body, SECRET, SIGNED_AT);

            assertThat(verifier("sha512", SIGNED_AT).isAuthentic(call)).isTrue();
            assertThat(verifier("md5hash", SIGNED_AT).isAuthentic(call)).isTrue();
        }

        @Test
        void aSecretShorterThan256BitsStillVerifies() {
            SignatureVerifier shortSecret = new VonageSignatureVerifier("s3cr3t", VonageSignatureMethod.MD5_HASH, null,
                    Clock.fixed(SIGNED_AT, ZoneOffset.UTC));

            assertThat(shortSecret.isAuthentic(messagesApi(INBOUND_URL, body, "s3cr3t", SIGNED_AT))).isTrue();
        }

        @Test
        void aBodyThatIsNotTheOneHashedIsRefused() {
            ProviderCallback signed = messagesApi(INBOUND_URL, body, SECRET, SIGNED_AT);
            ProviderCallback tampered = new ProviderCallback(signed.publicUrl(), signed.headers(), JSON,
                    body.replace("Hi from", "Pay to").getBytes(StandardCharsets.UTF_8));

            assertThat(verifier("md5hash", SIGNED_AT).isAuthentic(tampered)).isFalse();
        }

        @Test
        void anotherAccountsSecretIsRefused() {
            assertThat(verifier("md5hash", SIGNED_AT).isAuthentic(messagesApi(INBOUND_URL, body, "other-secret-other-secret-other!", SIGNED_AT)))
                    .isFalse();
        }

        @Test
        void aTokenWithoutPayloadHashIsRefused() {
            String token = VonageWebhooks.hs256("{\"iat\":" + SIGNED_AT.getEpochSecond() + ",\"iss\":\"Vonage\"}", SECRET);

            assertThat(verifier("md5hash", SIGNED_AT).isAuthentic(bearer(token))).isFalse();
        }

        @Test
        void aTokenForAnotherApiKeyIsRefused() {
            String token = VonageWebhooks.hs256("{\"iat\":1,\"api_key\":\"ffff0000\",\"payload_hash\":\""
                    + sha256Hex(body.getBytes(StandardCharsets.UTF_8)) + "\"}", SECRET);

            assertThat(verifier("md5hash", SIGNED_AT).isAuthentic(bearer(token))).isFalse();
        }

        @Test
        void anExpiredTokenIsRefused() {
            String claims = "{\"exp\":" + SIGNED_AT.minus(Duration.ofMinutes(6)).getEpochSecond() + ",\"payload_hash\":\""
                    + sha256Hex(body.getBytes(StandardCharsets.UTF_8)) + "\"}";

            assertThat(verifier("md5hash", SIGNED_AT).isAuthentic(bearer(VonageWebhooks.hs256(claims, SECRET)))).isFalse();
        }

        @ParameterizedTest(name = "the token \"{0}\" is refused")
        @ValueSource(strings = {"", "not-a-jwt", "a.b", "a.b.c.d", "eyJhbGciOiJub25lIn0.eyJwYXlsb2FkX2hhc2giOiIifQ."})
        void aMalformedOrUnsignedTokenIsRefused(String token) {
            assertThat(verifier("md5hash", SIGNED_AT).isAuthentic(bearer(token))).isFalse();
        }

        private ProviderCallback bearer(String token) {
            return new ProviderCallback(INBOUND_URL, Map.of("authorization", List.of("Bearer " + token)), JSON,
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
