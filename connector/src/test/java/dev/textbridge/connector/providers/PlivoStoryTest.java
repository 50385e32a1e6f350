package dev.textbridge.connector.providers;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorClient.Trace;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.SellerTokens;
import dev.textbridge.connector.support.TwilioCallbacks;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.plivo.PlivoCallbacks;
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

import java.time.Duration;
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
 * Bob has a Plivo number beside his Twilio one: Dana texts it, Bob answers from it, Plivo (WireMock speaking its
 * Message API) takes the text and reports delivery; forged and malformed callbacks are turned away, and Plivo's own
 * opt-out flag is honoured.
 */
@ConnectorTest
@TestPropertySource(properties = {
        "textbridge.store.url=jdbc:h2:mem:plivo-story;DB_CLOSE_DELAY=-1",
        "textbridge.providers.plivo.auth-id=" + PlivoCallbacks.AUTH_ID,
        "textbridge.providers.plivo.auth-token=" + PlivoCallbacks.AUTH_TOKEN,
        "textbridge.numbers[0].number=+15550100001", "textbridge.numbers[0].provider=twilio", "textbridge.numbers[0].seller=U-ALICE",
        "textbridge.numbers[1].number=+15550100002", "textbridge.numbers[1].provider=twilio", "textbridge.numbers[1].team=T-EAST",
        "textbridge.numbers[2].number=+15550100003", "textbridge.numbers[2].provider=twilio", "textbridge.numbers[2].seller=U-BOB",
        "textbridge.numbers[3].number=" + PlivoStoryTest.BOBS_PLIVO_NUMBER, "textbridge.numbers[3].provider=plivo",
        "textbridge.numbers[3].seller=U-BOB",
})
class PlivoStoryTest {

    static final String BOBS_PLIVO_NUMBER = "+15550100021";
    private static final String DANA = "+15550100200";
    private static final String INBOUND = "/webhooks/plivo/inbound";
    private static final String STATUS = "/webhooks/plivo/status";
    private static final String MESSAGE_API = "/v1/Account/" + PlivoCallbacks.AUTH_ID + "/Message/";
    private static final WireMockServer plivo = new WireMockServer(options().dynamicPort());

    static {
        plivo.start();
    }

    @DynamicPropertySource
    static void plivoApi(DynamicPropertyRegistry registry) {
        registry.add("textbridge.providers.plivo.base-url", plivo::baseUrl);
    }

    @AfterAll
    static void stopPlivo() {
        plivo.stop();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    @BeforeEach
    void resetPlivo() {
        // The first send warms up the whole sending path; on a busy machine that takes longer than the default 5 s.
        web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        plivo.resetAll();
    }

    private WebTestClient.ResponseSpec plivoPosts(ProviderCallback callback) {
        String path = callback.publicUrl().substring(TwilioCallbacks.PUBLIC_BASE_URL.length());
        WebTestClient.RequestBodySpec request = web.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED);
        for (Map.Entry<String, List<String>> header : callback.headers().entrySet()) {
            request = request.header(header.getKey(), header.getValue().toArray(String[]::new));
        }
        return request.bodyValue(new String(callback.body(), java.nio.charset.StandardCharsets.UTF_8)).exchange();
    }

    private static ProviderCallback signed(String path, Map<String, String> fields) {
        return PlivoCallbacks.signed(TwilioCallbacks.PUBLIC_BASE_URL + path, fields, PlivoCallbacks.AUTH_TOKEN);
    }

    private Trace trace(String id) {
        return connector.adminGets("/admin/v1/messages/plivo/" + id).expectStatus().isOk()
                .expectBody(Trace.class).returnResult().getResponseBody();
    }

    private Trace awaitWritten(String id) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25))
                .until(() -> "written".equals(trace(id).state()));
        return trace(id);
    }

    private Map<String, Object> bobSends(String recordType, String recordId, String to, String body) {
        return web.post().uri("/api/v1/messages")
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-BOB")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"record": {"type": "%s", "id": "%s"}, "to": "%s", "from": "%s", "body": "%s"}"""
                        .formatted(recordType, recordId, to, BOBS_PLIVO_NUMBER, body))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    private Map<String, Object> message(Object id) {
        return web.get().uri("/api/v1/messages/{id}", id).headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-BOB")))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    private static void plivoAccepts(String uuid) {
        plivo.stubFor(post(urlEqualTo(MESSAGE_API)).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"api_id": "3f3a3a64-7f1d-11e1-8ea7-1231380bc196", "message": "message(s) queued",
                         "message_uuid": ["%s"]}""".formatted(uuid))));
    }

    @Test
    void danaTextsBobsPlivoNumberAndTheTextLandsOnceThoughPlivoRetries() {
        String uuid = PlivoCallbacks.newMessageUuid();
        Map<String, String> fields = PlivoCallbacks.inbound(uuid, DANA, BOBS_PLIVO_NUMBER, "Is the Harbor account renewing? 🚢",
                List.of(), 1);

        plivoPosts(signed(INBOUND, fields)).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_XML)
                .expectBody(String.class).value(body -> assertThat(body).contains("<Response></Response>"));
        plivoPosts(signed(INBOUND, fields)).expectStatus().isOk();

        Trace trace = awaitWritten(uuid);
        assertThat(trace.provider()).isEqualTo("plivo");
        assertThat(trace.from()).isEqualTo(DANA);
        assertThat(trace.to()).isEqualTo(BOBS_PLIVO_NUMBER);
        assertThat(connector.activitiesOf(trace.record().id())).filteredOn(a -> uuid.equals(a.providerMessageId()))
                .singleElement()
                .satisfies(a -> assertThat(a.body()).isEqualTo("Is the Harbor account renewing? 🚢"));
    }

    @Test
    void bobAnswersFromHisPlivoNumberAndTheDeliveryReportFollows() {
        String uuid = "db3ce55a-7f1d-11e1-8ea7-1231380bc196";
        plivoAccepts(uuid);

        Map<String, Object> sent = bobSends("account", "A-1", DANA, "Yes, the renewal is on track");

        assertThat(sent).containsEntry("providerMessageId", uuid).containsEntry("status", "queued");
        plivo.verify(1, postRequestedFor(urlEqualTo(MESSAGE_API))
                .withBasicAuth(new BasicCredentials(PlivoCallbacks.AUTH_ID, PlivoCallbacks.AUTH_TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"src": "15550100021", "dst": "15550100200", "text": "Yes, the renewal is on track", "type": "sms",
                         "url": "https://sms.example.com/webhooks/plivo/status", "method": "POST"}""")));

        plivoPosts(signed(STATUS, PlivoCallbacks.status(uuid, BOBS_PLIVO_NUMBER, DANA, "delivered", null))).expectStatus().isOk();
        plivoPosts(signed(STATUS, PlivoCallbacks.status(uuid, BOBS_PLIVO_NUMBER, DANA, "sent", null))).expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(message(sent.get("id"))).containsEntry("status", "delivered"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connector.activitiesOf("A-1"))
                .filteredOn(a -> uuid.equals(a.providerMessageId())).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo("delivered")));
    }

    @Test
    void aTextTheCarrierFilteredReadsWhyInTheSellersWords() {
        String uuid = PlivoCallbacks.newMessageUuid();
        plivoAccepts(uuid);
        Map<String, Object> sent = bobSends("account", "A-1", DANA, "Limited offer, reply now");

        plivoPosts(signed(STATUS, PlivoCallbacks.status(uuid, BOBS_PLIVO_NUMBER, DANA, "undelivered", "30"))).expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(message(sent.get("id")))
                .containsEntry("status", "undelivered")
                .containsEntry("failureReason", "Blocked or filtered by carrier"));
    }

    @Test
    void plivosOptOutFlagOnAnOrdinaryLookingTextStopsFurtherTexts() {
        String customer = "+15550177041";
        String uuid = PlivoCallbacks.newMessageUuid();
        Map<String, String> fields = PlivoCallbacks.inbound(uuid, customer, BOBS_PLIVO_NUMBER, "please remove me", List.of(), 1);
        fields.put("MessageIntent", "optout");
        plivoPosts(signed(INBOUND, fields)).expectStatus().isOk();
        Trace trace = awaitWritten(uuid);

        Map<String, Object> refused = bobSends(trace.record().type(), trace.record().id(), customer, "Sorry to see you go");

        assertThat(refused).containsEntry("status", "failed").containsEntry("failureReason", "Recipient opted out");
        plivo.verify(0, postRequestedFor(urlEqualTo(MESSAGE_API)));
    }

    @Test
    void aCallbackSignedWithAnotherTokenIsRefusedWith403AndNothingIsStored() {
        String uuid = PlivoCallbacks.newMessageUuid();
        ProviderCallback forged = PlivoCallbacks.signed(TwilioCallbacks.PUBLIC_BASE_URL + INBOUND,
                PlivoCallbacks.inbound(uuid, DANA, BOBS_PLIVO_NUMBER, "hi", List.of(), 1), "ZDk0NzY3ZmM5OWE5MTc1OWFjNzQ0ZWM4ZDQ3MGFh");

        plivoPosts(forged).expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        connector.adminGets("/admin/v1/messages/plivo/" + uuid).expectStatus().isNotFound();
    }

    @Test
    void aSignedCallbackWithoutTheMessageUuidIsRefusedWith400NamingTheField() {
        Map<String, String> fields = PlivoCallbacks.inbound("unused", DANA, BOBS_PLIVO_NUMBER, "hi", List.of(), 1);
        fields.remove("MessageUUID");

        plivoPosts(signed(INBOUND, fields)).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("MessageUUID"));
    }
}
