package dev.textbridge.connector.providers;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.SellerTokens;
import dev.textbridge.connector.support.TwilioCallbacks;
import dev.textbridge.connector.support.VonageCallbacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alice has a Vonage number beside her Twilio one: a customer's text reaches the CRM, Alice's reply goes out through the SMS
 * API (WireMock speaking it) and its delivery receipts come back; forged and malformed callbacks are refused.
 */
@ConnectorTest
@TestPropertySource(properties = {
        "textbridge.store.url=jdbc:h2:mem:vonage-story;DB_CLOSE_DELAY=-1",
        "textbridge.providers.vonage.api-key=" + VonageCallbacks.API_KEY,
        "textbridge.providers.vonage.api-secret=" + VonageCallbacks.API_SECRET,
        "textbridge.providers.vonage.signature-secret=" + VonageCallbacks.SIGNATURE_SECRET,
        "textbridge.providers.vonage.signature-method=" + VonageCallbacks.SIGNATURE_METHOD,
        "textbridge.numbers[0].number=+15550100001", "textbridge.numbers[0].provider=twilio", "textbridge.numbers[0].seller=U-ALICE",
        "textbridge.numbers[1].number=+15550100002", "textbridge.numbers[1].provider=twilio", "textbridge.numbers[1].team=T-EAST",
        "textbridge.numbers[2].number=+15550100003", "textbridge.numbers[2].provider=twilio", "textbridge.numbers[2].seller=U-BOB",
        "textbridge.numbers[3].number=+15550100012", "textbridge.numbers[3].provider=vonage", "textbridge.numbers[3].seller=U-ALICE",
})
class VonageStoryTest {

    private static final String ALICES_NUMBER = "+15550100012";
    private static final String DANA = "+15550100200";
    private static final WireMockServer vonage = new WireMockServer(options().dynamicPort());

    static {
        vonage.start();
    }

    @DynamicPropertySource
    static void vonageApi(DynamicPropertyRegistry registry) {
        registry.add("textbridge.providers.vonage.base-url", vonage::baseUrl);
    }

    @AfterAll
    static void stopVonage() {
        vonage.stop();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    @BeforeEach
    void resetVonage() {
        vonage.resetAll();
    }

    private WebTestClient.ResponseSpec vonagePostsForm(String path, Map<String, String> params) {
        return web.post().uri(URI.create("http://localhost" + path)).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(TwilioCallbacks.formEncode(params)).exchange();
    }

    private WebTestClient.ResponseSpec vonageGets(String path, Map<String, String> params) {
        return web.get().uri(URI.create("http://localhost" + path + "?" + TwilioCallbacks.formEncode(params))).exchange();
    }

    private WebTestClient.ResponseSpec trace(String messageId) {
        return connector.adminGets("/admin/v1/messages/vonage/" + messageId);
    }

    private String awaitState(String messageId, String state) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25)).until(() -> state.equals(
                trace(messageId).expectStatus().isOk().expectBody(ConnectorClient.Trace.class).returnResult()
                        .getResponseBody().state()));
        return trace(messageId).expectBody(ConnectorClient.Trace.class).returnResult().getResponseBody().record().id();
    }

    @Test
    void danasTextToAlicesVonageNumberLandsOnDanaInTheCrm() {
        String id = VonageCallbacks.newMessageId();

        vonagePostsForm("/webhooks/vonage/inbound", VonageCallbacks.signed(
                VonageCallbacks.inbound(id, DANA, ALICES_NUMBER, "Is the renewal still on? 🙂"))).expectStatus().isOk();

        assertThat(awaitState(id, "written")).isEqualTo("C-1");
        assertThat(connector.activitiesOf("C-1")).anySatisfy(a -> {
            assertThat(a.provider()).isEqualTo("vonage");
            assertThat(a.providerMessageId()).isEqualTo(id);
            assertThat(a.direction()).isEqualTo("inbound");
            assertThat(a.body()).isEqualTo("Is the renewal still on? 🙂");
        });
    }

    @Test
    void anAccountSetToGetWebhooksAlsoReachesTheCrm() {
        String id = VonageCallbacks.newMessageId();

        vonageGets("/webhooks/vonage/inbound", VonageCallbacks.signed(
                VonageCallbacks.inbound(id, DANA, ALICES_NUMBER, "Sent as a GET"))).expectStatus().isOk();

        assertThat(awaitState(id, "written")).isEqualTo("C-1");
    }

    @Test
    void aMessagesApiTextSignedWithAJwtArrivesWhole() {
        String uuid = java.util.UUID.randomUUID().toString();
        String text = "Renewal terms, part by part. ".repeat(56).substring(0, 1600);
        String body = """
                {"channel":"sms","message_uuid":"%s","to":"15550100012","from":"15550100200","timestamp":"2026-11-25T10:00:00Z",
                 "text":"%s","message_type":"text","sms":{"num_messages":"11"},"usage":{"currency":"EUR","price":"0.0627"}}"""
                .formatted(uuid, text);

        web.post().uri("/webhooks/vonage/inbound").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", VonageCallbacks.bearerFor(body)).bodyValue(body).exchange().expectStatus().isOk();

        assertThat(awaitState(uuid, "written")).isEqualTo("C-1");
        assertThat(connector.activitiesOf("C-1")).anySatisfy(a -> assertThat(a.body()).isEqualTo(text));
    }

    @Test
    void aliceRepliesThroughVonageAndTheReceiptsMoveTheTextForward() {
        vonage.stubFor(post(urlPathEqualTo("/sms/json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"message-count": "1", "messages": [{"to": "15550100200", "message-id": "0A0000000123ABCD1",
                         "status": "0", "remaining-balance": "3.14159265", "message-price": "0.00570000", "network": "310090",
                         "client-ref": "ignored-by-the-stub"}]}""")));

        Map<String, Object> message = send("Hi Dana, the renewal is ready 👍");

        assertThat(message).containsEntry("status", "queued").containsEntry("failureReason", null)
                .containsEntry("providerMessageId", message.get("id")).containsEntry("encoding", "UCS-2");
        vonage.verify(1, postRequestedFor(urlPathEqualTo("/sms/json"))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/x-www-form-urlencoded"))
                .withFormParam("api_key", equalTo(VonageCallbacks.API_KEY))
                .withFormParam("api_secret", equalTo(VonageCallbacks.API_SECRET))
                .withFormParam("from", equalTo("15550100012"))
                .withFormParam("to", equalTo("15550100200"))
                .withFormParam("text", equalTo("Hi Dana, the renewal is ready 👍"))
                .withFormParam("type", equalTo("unicode"))
                .withFormParam("callback", equalTo(TwilioCallbacks.PUBLIC_BASE_URL + "/webhooks/vonage/status"))
                .withFormParam("status-report-req", equalTo("true"))
                .withFormParam("client-ref", equalTo((String) message.get("id"))));

        String key = (String) message.get("id");
        vonagePostsForm("/webhooks/vonage/status", VonageCallbacks.signed(
                VonageCallbacks.deliveryReceipt(key, ALICES_NUMBER, DANA, "accepted", "0"))).expectStatus().isOk();
        awaitStatus(message, "sent");
        vonagePostsForm("/webhooks/vonage/status", VonageCallbacks.signed(
                VonageCallbacks.deliveryReceipt(key, ALICES_NUMBER, DANA, "delivered", "0"))).expectStatus().isOk();
        awaitStatus(message, "delivered");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connector.activitiesOf("C-1"))
                .anySatisfy(a -> {
                    assertThat(a.body()).isEqualTo("Hi Dana, the renewal is ready 👍");
                    assertThat(a.status()).as("the CRM activity follows").isEqualTo("delivered");
                }));
    }

    @Test
    void aReceiptSayingTheCustomerOptedOutGivesTheSellerThatReason() {
        vonage.stubFor(post(urlPathEqualTo("/sms/json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"message-count": "1", "messages": [{"to": "15550100200", "message-id": "0A0000000123ABCD2", "status": "0"}]}""")));
        Map<String, Object> message = send("One more thing");

        vonagePostsForm("/webhooks/vonage/status", VonageCallbacks.signed(VonageCallbacks.deliveryReceipt(
                (String) message.get("id"), ALICES_NUMBER, DANA, "failed", "9"))).expectStatus().isOk();

        awaitStatus(message, "undelivered");
        assertThat(get(message)).containsEntry("failureReason", "Recipient opted out");
    }

    @Test
    void aSendVonageRefusesIsFailedWithItsReason() {
        vonage.stubFor(post(urlPathEqualTo("/sms/json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"message-count": "1", "messages": [{"status": "9", "error-text": "Partner quota exceeded"}]}""")));

        assertThat(send("No credit left")).containsEntry("status", "failed")
                .containsEntry("failureReason", "Provider account problem").containsEntry("providerMessageId", null);
    }

    @Test
    void aForgedCallbackIsRefusedAndNothingIsStored() {
        String id = VonageCallbacks.newMessageId();
        Map<String, String> forged = new LinkedHashMap<>(VonageCallbacks.signed(
                VonageCallbacks.inbound(id, DANA, ALICES_NUMBER, "Pay to account 1234")));
        forged.put("text", "Pay to account 6666");

        vonagePostsForm("/webhooks/vonage/inbound", forged).expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        Map<String, String> unsigned = VonageCallbacks.inbound(id, DANA, ALICES_NUMBER, "No signature at all");
        vonagePostsForm("/webhooks/vonage/inbound", unsigned).expectStatus().isForbidden();

        trace(id).expectStatus().isNotFound();
    }

    @Test
    void aSignedCallbackWithoutTheSenderIsMalformedWithAReasonAndNothingIsStored() {
        String id = VonageCallbacks.newMessageId();
        Map<String, String> params = VonageCallbacks.inbound(id, DANA, ALICES_NUMBER, "hello");
        params.remove("msisdn");

        vonagePostsForm("/webhooks/vonage/inbound", VonageCallbacks.signed(params)).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("the field 'msisdn' is missing");
        trace(id).expectStatus().isNotFound();
    }

    private Map<String, Object> send(String body) {
        return web.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                .post().uri("/api/v1/messages").headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("record", Map.of("type", "contact", "id", "C-1"), "to", DANA, "from", ALICES_NUMBER, "body", body))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    private Map<String, Object> get(Map<String, Object> message) {
        return web.get().uri("/api/v1/messages/{id}", message.get("id"))
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE"))).exchange()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    private void awaitStatus(Map<String, Object> message, String expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> expected.equals(get(message).get("status")));
    }
}
