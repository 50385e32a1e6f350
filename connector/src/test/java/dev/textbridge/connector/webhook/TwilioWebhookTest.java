package dev.textbridge.connector.webhook;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static dev.textbridge.connector.support.ConnectorClient.INBOUND_PATH;
import static org.assertj.core.api.Assertions.assertThat;

/** What the Twilio webhook accepts, what it refuses, and that a refused callback leaves nothing behind. */
@ConnectorTest
class TwilioWebhookTest {

    private static final String ALICES_NUMBER = "+15550100001";

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    private Map<String, String> aText(String sid) {
        return TwilioCallbacks.inbound(sid, "+15550178001", ALICES_NUMBER, "hello");
    }

    private void assertNothingStored(String sid) {
        connector.adminGets("/admin/v1/messages/twilio/" + sid).expectStatus().isNotFound();
    }

    @Test
    void aCallbackWithAForgedSignatureIsRefusedWith403AndNothingIsStored() {
        String sid = TwilioCallbacks.newMessageSid();
        Map<String, String> fields = aText(sid);
        String forged = TwilioCallbacks.sign(TwilioCallbacks.PUBLIC_BASE_URL + INBOUND_PATH, fields, "someone-elses-token");

        connector.postWithSignature(INBOUND_PATH, forged, MediaType.APPLICATION_FORM_URLENCODED, TwilioCallbacks.formEncode(fields))
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(403).jsonPath("$.detail").exists();
        assertNothingStored(sid);
    }

    @Test
    void aCallbackWithoutSignatureIsRefusedWith403() {
        String sid = TwilioCallbacks.newMessageSid();
        connector.postWithSignature(INBOUND_PATH, null, MediaType.APPLICATION_FORM_URLENCODED, TwilioCallbacks.formEncode(aText(sid)))
                .expectStatus().isForbidden();
        assertNothingStored(sid);
    }

    @Test
    void aSignatureComputedForAnotherUrlIsRefused() {
        String sid = TwilioCallbacks.newMessageSid();
        Map<String, String> fields = aText(sid);
        String otherUrl = TwilioCallbacks.sign("https://evil.example.com" + INBOUND_PATH, fields);

        connector.postWithSignature(INBOUND_PATH, otherUrl, MediaType.APPLICATION_FORM_URLENCODED, TwilioCallbacks.formEncode(fields))
                .expectStatus().isForbidden();
        assertNothingStored(sid);
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        String sid = TwilioCallbacks.newMessageSid();
        Map<String, String> fields = aText(sid);
        String signature = TwilioCallbacks.sign(TwilioCallbacks.PUBLIC_BASE_URL + INBOUND_PATH, fields);
        fields.put("Body", "send me your password");

        connector.postWithSignature(INBOUND_PATH, signature, MediaType.APPLICATION_FORM_URLENCODED, TwilioCallbacks.formEncode(fields))
                .expectStatus().isForbidden();
        assertNothingStored(sid);
    }

    @Test
    void aWebhookUrlWithQueryParametersVerifiesOverTheQueryExactlyAsCalled() {
        String sid = TwilioCallbacks.newMessageSid();

        connector.twilioPosts(INBOUND_PATH + "?tenant=acme&note=a%20b", aText(sid)).expectStatus().isOk();

        connector.awaitState(sid, "written");
    }

    @Test
    void aNumberInAMessagingServicePoolVerifies() {
        String sid = TwilioCallbacks.newMessageSid();
        Map<String, String> fields = aText(sid);
        fields.put("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef");

        connector.twilioPostsInbound(fields).expectStatus().isOk();

        connector.awaitState(sid, "written");
    }

    @ParameterizedTest(name = "a callback without {0} is refused with 400 and a reason")
    @ValueSource(strings = {"From", "To", "MessageSid"})
    void aCallbackMissingARequiredFieldIsRefusedWith400(String field) {
        String sid = TwilioCallbacks.newMessageSid();
        Map<String, String> fields = aText(sid);
        fields.remove(field);
        if (field.equals("MessageSid")) {
            fields.remove("SmsMessageSid");
            fields.remove("SmsSid");
        }

        connector.twilioPostsInbound(fields)
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(field));
        assertNothingStored(sid);
    }

    @Test
    void aSenderThatIsNoPhoneNumberIsRefusedWith400() {
        String sid = TwilioCallbacks.newMessageSid();
        Map<String, String> fields = aText(sid);
        fields.put("From", "whatsapp:+15550178001");

        connector.twilioPostsInbound(fields)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("From"));
        assertNothingStored(sid);
    }

    @Test
    void aSignedBodyThatIsNotFormDataIsRefusedWith400() {
        String url = TwilioCallbacks.PUBLIC_BASE_URL + INBOUND_PATH;
        String signature = TwilioCallbacks.sign(url, Map.of());

        connector.postWithSignature(INBOUND_PATH, signature, MediaType.TEXT_PLAIN, "MessageSid=SM1&From=+15550178001")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("form data"));
    }

    @Test
    void aBodyOver64KiBIsRefusedWith413() {
        String sid = TwilioCallbacks.newMessageSid();
        Map<String, String> fields = aText(sid);
        fields.put("Body", "x".repeat(70 * 1024));

        connector.twilioPostsInbound(fields).expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertNothingStored(sid);
    }

    @Test
    void aLongConcatenatedTextWithEmojiIsKeptExactly() {
        String sid = TwilioCallbacks.newMessageSid();
        String body = ("Ünïcödé ✓ 😀 \"quoted\" & <tagged> " + "x".repeat(40)).repeat(30).substring(0, 1600);
        Map<String, String> fields = aText(sid);
        fields.put("Body", body);
        fields.put("NumSegments", "11");

        connector.twilioPostsInbound(fields).expectStatus().isOk();

        assertThat(connector.awaitState(sid, "written").body()).isEqualTo(body);
    }

    @Test
    void aStatusCallbackIsVerifiedAndAcknowledged() {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("MessageSid", TwilioCallbacks.newMessageSid());
        fields.put("MessageStatus", "delivered");
        fields.put("AccountSid", TwilioCallbacks.ACCOUNT_SID);
        fields.put("From", ALICES_NUMBER);
        fields.put("To", "+15550178001");
        fields.put("ApiVersion", "2010-04-01");

        connector.twilioPosts("/webhooks/twilio/status", fields).expectStatus().isOk();
        connector.postWithSignature("/webhooks/twilio/status", "bm90IGEgc2lnbmF0dXJl", MediaType.APPLICATION_FORM_URLENCODED,
                TwilioCallbacks.formEncode(fields)).expectStatus().isForbidden();
    }

    @Test
    void aProviderThatIsNotConfiguredIsNotFound() {
        connector.postWithSignature("/webhooks/nobody/inbound", null, MediaType.APPLICATION_FORM_URLENCODED, "a=b")
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("nobody"))
                .jsonPath("$.instance").isEqualTo("/webhooks/nobody/inbound");
    }

    @Test
    void aWebhookUrlThatDoesNotExistIsNotFoundAndNamesTheOnesThatDo() {
        connector.postWithSignature("/webhooks/twilio/incoming", null, MediaType.APPLICATION_FORM_URLENCODED, "a=b")
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("/inbound"));
    }

    @Test
    void aMethodTheWebhookDoesNotTakeIsRefusedWith405AndTheMethodsItTakes() {
        web.put().uri(INBOUND_PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("a=b").exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().value("Allow", allow -> assertThat(allow).contains("GET").contains("POST"))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(405);
    }
}
