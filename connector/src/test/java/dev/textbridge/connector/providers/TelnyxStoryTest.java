package dev.textbridge.connector.providers;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorClient.Trace;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.SellerTokens;
import dev.textbridge.connector.support.TwilioCallbacks;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.telnyx.TelnyxWebhooks;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alice has a Telnyx number beside her Twilio one: Dana texts it, Alice answers from it, Telnyx (WireMock speaking its
 * API v2) takes the text and reports delivery; forged, stale and malformed callbacks are turned away.
 */
@ConnectorTest
@TestPropertySource(properties = {
        "textbridge.store.url=jdbc:h2:mem:telnyx-story;DB_CLOSE_DELAY=-1",
        "textbridge.providers.telnyx.public-key=" + TelnyxWebhooks.PUBLIC_KEY,
        "textbridge.providers.telnyx.api-key=" + TelnyxStoryTest.API_KEY,
        "textbridge.numbers[0].number=+15550100001", "textbridge.numbers[0].provider=twilio", "textbridge.numbers[0].seller=U-ALICE",
        "textbridge.numbers[1].number=+15550100002", "textbridge.numbers[1].provider=twilio", "textbridge.numbers[1].team=T-EAST",
        "textbridge.numbers[2].number=+15550100003", "textbridge.numbers[2].provider=twilio", "textbridge.numbers[2].seller=U-BOB",
        "textbridge.numbers[3].number=" + TelnyxStoryTest.ALICES_TELNYX_NUMBER, "textbridge.numbers[3].provider=telnyx",
        "textbridge.numbers[3].seller=U-ALICE",
})
class TelnyxStoryTest {

    static final String API_KEY = "KEY0188A0B1C2D3E4F5A6B7C8D9E0F1A2B3_aBcDeFgHiJkLmNoPqRsTuV";
    static final String ALICES_TELNYX_NUMBER = "+15550100011";
    private static final String DANA = "+15550100200";
    private static final String INBOUND = "/webhooks/telnyx/inbound";
    private static final String STATUS = "/webhooks/telnyx/status";
    private static final WireMockServer telnyx = new WireMockServer(options().dynamicPort());

    static {
        telnyx.start();
    }

    @DynamicPropertySource
    static void telnyxApi(DynamicPropertyRegistry registry) {
        registry.add("textbridge.providers.telnyx.base-url", telnyx::baseUrl);
    }

    @AfterAll
    static void stopTelnyx() {
        telnyx.stop();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    @BeforeEach
    void resetTelnyx() {
        // The first send warms up the whole sending path; on a busy machine that takes longer than the default 5 s.
        web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        telnyx.resetAll();
    }

    private WebTestClient.ResponseSpec telnyxPosts(String path, ProviderCallback callback) {
        WebTestClient.RequestBodySpec request = web.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        for (Map.Entry<String, List<String>> header : callback.headers().entrySet()) {
            request = request.header(header.getKey(), header.getValue().toArray(String[]::new));
        }
        return request.bodyValue(callback.body()).exchange();
    }

    private static ProviderCallback signedNow(String path, byte[] body) {
        return TelnyxWebhooks.signed(TwilioCallbacks.PUBLIC_BASE_URL + path, body, Instant.now().getEpochSecond());
    }

    private static byte[] textFromDana(String id, String text) {
        return TelnyxWebhooks.bytes(TelnyxWebhooks.inbound(id, DANA, ALICES_TELNYX_NUMBER, text, List.of(), 1));
    }

    private Trace trace(String id) {
        return connector.adminGets("/admin/v1/messages/telnyx/" + id).expectStatus().isOk()
                .expectBody(Trace.class).returnResult().getResponseBody();
    }

    private Trace awaitWritten(String id) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25))
                .until(() -> "written".equals(trace(id).state()));
        return trace(id);
    }

    private void assertNothingStored(String id) {
        connector.adminGets("/admin/v1/messages/telnyx/" + id).expectStatus().isNotFound();
    }

    private Map<String, Object> aliceSends(String body) {
        return web.post().uri("/api/v1/messages")
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"record": {"type": "contact", "id": "C-1"}, "to": "%s", "from": "%s", "body": "%s"}"""
                        .formatted(DANA, ALICES_TELNYX_NUMBER, body))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    private Map<String, Object> message(Object id) {
        return web.get().uri("/api/v1/messages/{id}", id).headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE")))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    private static void telnyxAccepts(String messageId, String text) {
        telnyx.stubFor(post(urlEqualTo("/v2/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"data": {"record_type": "message", "direction": "outbound", "id": "%s", "type": "SMS",
                          "messaging_profile_id": "%s",
                          "from": {"phone_number": "%s", "carrier": "TELNYX LLC", "line_type": "VoIP"},
                          "to": [{"phone_number": "%s", "status": "queued", "carrier": "T-MOBILE USA, INC.", "line_type": "Wireless"}],
                          "text": "%s", "media": [], "webhook_url": "https://sms.example.com/webhooks/telnyx/status",
                          "webhook_failover_url": null, "encoding": "GSM-7", "parts": 1, "tags": [], "cost": null,
                          "received_at": "2026-11-25T10:00:00.000+00:00", "sent_at": null, "completed_at": null,
                          "valid_until": null, "errors": []}}""".formatted(messageId, TelnyxWebhooks.MESSAGING_PROFILE_ID,
                        ALICES_TELNYX_NUMBER, DANA, text))));
    }

    @Test
    void danaTextsAlicesTelnyxNumberAndTheTextLandsOnHerContactOnceThoughTelnyxRetries() {
        String id = TelnyxWebhooks.newMessageId();
        byte[] body = textFromDana(id, "Got the quote 👍 can we sign Friday?");

        telnyxPosts(INBOUND, signedNow(INBOUND, body)).expectStatus().isOk();
        telnyxPosts(INBOUND, signedNow(INBOUND, body)).expectStatus().isOk();

        Trace trace = awaitWritten(id);
        assertThat(trace.provider()).isEqualTo("telnyx");
        assertThat(trace.record().id()).isEqualTo("C-1");
        assertThat(trace.to()).isEqualTo(ALICES_TELNYX_NUMBER);
        assertThat(connector.activitiesOf("C-1")).filteredOn(a -> id.equals(a.providerMessageId())).singleElement()
                .satisfies(a -> {
                    assertThat(a.provider()).isEqualTo("telnyx");
                    assertThat(a.body()).isEqualTo("Got the quote 👍 can we sign Friday?");
                    assertThat(a.direction()).isEqualTo("inbound");
                });
    }

    @Test
    void aliceAnswersFromHerTelnyxNumberAndTheDeliveryReportFollows() {
        String telnyxId = "40385f64-5717-4562-b3fc-2c963f66afa6";
        telnyxAccepts(telnyxId, "Friday works, see you then");

        Map<String, Object> sent = aliceSends("Friday works, see you then");

        assertThat(sent).containsEntry("providerMessageId", telnyxId).containsEntry("status", "queued");
        telnyx.verify(1, postRequestedFor(urlEqualTo("/v2/messages"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"from": "+15550100011", "to": "+15550100200", "text": "Friday works, see you then",
                         "webhook_url": "https://sms.example.com/webhooks/telnyx/status"}""")));

        telnyxPosts(STATUS, signedNow(STATUS, TelnyxWebhooks.bytes(TelnyxWebhooks.status("message.finalized", telnyxId,
                ALICES_TELNYX_NUMBER, DANA, "delivered", null)))).expectStatus().isOk();
        telnyxPosts(STATUS, signedNow(STATUS, TelnyxWebhooks.bytes(TelnyxWebhooks.status("message.sent", telnyxId,
                ALICES_TELNYX_NUMBER, DANA, "sent", null)))).expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(message(sent.get("id"))).containsEntry("status", "delivered"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connector.activitiesOf("C-1"))
                .filteredOn(a -> telnyxId.equals(a.providerMessageId())).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo("delivered")));
    }

    @Test
    void aTextTheCarrierCouldNotDeliverReadsWhyInTheSellersWords() {
        String telnyxId = TelnyxWebhooks.newMessageId();
        telnyxAccepts(telnyxId, "Are you still at the old number");
        Map<String, Object> sent = aliceSends("Are you still at the old number");

        telnyxPosts(STATUS, signedNow(STATUS, TelnyxWebhooks.bytes(TelnyxWebhooks.status("message.finalized", telnyxId,
                ALICES_TELNYX_NUMBER, DANA, "delivery_failed", "40001")))).expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(message(sent.get("id")))
                .containsEntry("status", "undelivered")
                .containsEntry("failureReason", "Unknown or unreachable destination"));
    }

    @Test
    void telnyxRefusingATextForAnOptedOutRecipientIsRecordedAsOptedOut() {
        telnyx.stubFor(post(urlEqualTo("/v2/messages")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"errors": [{"code": "40300", "title": "Blocked due to STOP message",
                          "detail": "Messages cannot be sent from '+15550100011' to '+15550100200' due to an existing block rule."}]}""")));

        Map<String, Object> sent = aliceSends("One last thing");

        assertThat(sent).containsEntry("status", "failed").containsEntry("failureReason", "Recipient opted out")
                .containsEntry("providerMessageId", null);
    }

    @Test
    void aCustomerWhoTextsTelnyxsStopAllIsNotTextedAgainFromThatNumber() {
        String customer = "+15550177031";
        String id = TelnyxWebhooks.newMessageId();
        telnyxPosts(INBOUND, signedNow(INBOUND, TelnyxWebhooks.bytes(TelnyxWebhooks.inbound(id, customer,
                ALICES_TELNYX_NUMBER, "Stop all", List.of(), 1)))).expectStatus().isOk();
        Trace trace = awaitWritten(id);
        assertThat(trace.consent()).isEqualTo("opt-out");

        Map<String, Object> refused = web.post().uri("/api/v1/messages")
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"record": {"type": "%s", "id": "%s"}, "to": "%s", "from": "%s", "body": "Sorry to bother you"}"""
                        .formatted(trace.record().type(), trace.record().id(), customer, ALICES_TELNYX_NUMBER))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();

        assertThat(refused).containsEntry("status", "failed").containsEntry("failureReason", "Recipient opted out");
        telnyx.verify(0, postRequestedFor(urlEqualTo("/v2/messages")));
    }

    @Test
    void aCallbackSignedWithAnotherKeyOrChangedAfterSigningIsRefusedWith403AndNothingIsStored() {
        String id = TelnyxWebhooks.newMessageId();
        byte[] body = textFromDana(id, "pay to account 1234");
        ProviderCallback signed = signedNow(INBOUND, body);
        byte[] changed = new String(body, StandardCharsets.UTF_8).replace("1234", "6666").getBytes(StandardCharsets.UTF_8);

        telnyxPosts(INBOUND, new ProviderCallback(signed.publicUrl(), signed.headers(), "application/json", changed))
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(403);
        telnyxPosts(INBOUND, new ProviderCallback(signed.publicUrl(), Map.of(), "application/json", body))
                .expectStatus().isForbidden();
        assertNothingStored(id);
    }

    @Test
    void aCallbackSignedSixMinutesAgoIsRefusedAsAReplay() {
        String id = TelnyxWebhooks.newMessageId();
        ProviderCallback old = TelnyxWebhooks.signed(TwilioCallbacks.PUBLIC_BASE_URL + INBOUND, textFromDana(id, "hi"),
                Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());

        telnyxPosts(INBOUND, old).expectStatus().isForbidden();
        assertNothingStored(id);
    }

    @Test
    void aSignedCallbackWithoutTheSenderIsRefusedWith400NamingTheField() {
        String id = TelnyxWebhooks.newMessageId();
        var event = TelnyxWebhooks.inbound(id, DANA, ALICES_TELNYX_NUMBER, "hi", List.of(), 1);
        ((tools.jackson.databind.node.ObjectNode) event.get("data").get("payload")).remove("from");

        telnyxPosts(INBOUND, signedNow(INBOUND, TelnyxWebhooks.bytes(event)))
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail ->
                        assertThat((String) detail).contains("data.payload.from.phone_number"));
        assertNothingStored(id);
    }
}
