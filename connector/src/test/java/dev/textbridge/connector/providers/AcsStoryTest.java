package dev.textbridge.connector.providers;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.textbridge.connector.support.AcsEventGrid;
import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.SellerTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alice has an Azure Communication Services number beside her Twilio one: Event Grid's subscription handshake, a customer's text
 * reaching the CRM, Alice's reply signed with the access key (WireMock speaking ACS's SMS API) and its delivery
 * report; a wrong secret and a malformed delivery are refused with nothing stored.
 */
@ConnectorTest
@TestPropertySource(properties = {
        "textbridge.store.url=jdbc:h2:mem:acs-story;DB_CLOSE_DELAY=-1",
        "textbridge.providers.acs.access-key=" + AcsEventGrid.ACCESS_KEY,
        "textbridge.providers.acs.webhook-secret=" + AcsEventGrid.WEBHOOK_SECRET,
        "textbridge.numbers[0].number=+15550100001", "textbridge.numbers[0].provider=twilio", "textbridge.numbers[0].seller=U-ALICE",
        "textbridge.numbers[1].number=+15550100002", "textbridge.numbers[1].provider=twilio", "textbridge.numbers[1].team=T-EAST",
        "textbridge.numbers[2].number=+15550100003", "textbridge.numbers[2].provider=twilio", "textbridge.numbers[2].seller=U-BOB",
        "textbridge.numbers[3].number=+15550100013", "textbridge.numbers[3].provider=acs", "textbridge.numbers[3].seller=U-ALICE",
})
class AcsStoryTest {

    private static final String ALICES_NUMBER = "+15550100013";
    private static final String DANA = "+15550100200";
    private static final String EVENTS = AcsEventGrid.EVENTS_PATH + "?secret=" + AcsEventGrid.WEBHOOK_SECRET;
    private static final String SEND = "/sms?api-version=2021-03-07";
    private static final WireMockServer acs = new WireMockServer(options().dynamicPort());

    static {
        acs.start();
    }

    @DynamicPropertySource
    static void acsEndpoint(DynamicPropertyRegistry registry) {
        registry.add("textbridge.providers.acs.endpoint", acs::baseUrl);
    }

    @AfterAll
    static void stopAcs() {
        acs.stop();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    @BeforeEach
    void resetAcs() {
        acs.resetAll();
    }

    private WebTestClient.ResponseSpec eventGridPosts(String pathAndQuery, String events) {
        return web.post().uri(pathAndQuery).contentType(MediaType.APPLICATION_JSON)
                .header("aeg-event-type", "Notification").bodyValue(events).exchange();
    }

    private WebTestClient.ResponseSpec trace(String messageId) {
        return connector.adminGets("/admin/v1/messages/acs/" + messageId);
    }

    @Test
    void theEventGridSubscriptionValidationIsAnsweredWithItsCode() {
        web.post().uri(EVENTS).contentType(MediaType.APPLICATION_JSON).header("aeg-event-type", "SubscriptionValidation")
                .bodyValue(AcsEventGrid.subscriptionValidation("512d38b6-c7b8-40c8-89fe-f46f9e9622b6")).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().json("{\"validationResponse\": \"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"}", true);
    }

    @Test
    void theCloudEventsHandshakeAllowsEventGridsOrigin() {
        web.method(HttpMethod.OPTIONS).uri(EVENTS).header("WebHook-Request-Origin", "eventgrid.azure.net").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("WebHook-Allowed-Origin", "eventgrid.azure.net");
        web.method(HttpMethod.OPTIONS).uri(AcsEventGrid.EVENTS_PATH + "?secret=wrong")
                .header("WebHook-Request-Origin", "eventgrid.azure.net").exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void danasTextToAlicesAcsNumberLandsOnDanaInTheCrm() {
        String id = AcsEventGrid.newIncomingId();

        eventGridPosts(EVENTS, AcsEventGrid.smsReceived(id, DANA, ALICES_NUMBER, "Is the renewal still on? 🙂"))
                .expectStatus().isOk();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25)).until(() -> "written".equals(
                trace(id).expectStatus().isOk().expectBody(ConnectorClient.Trace.class).returnResult().getResponseBody().state()));
        assertThat(trace(id).expectBody(ConnectorClient.Trace.class).returnResult().getResponseBody().record().id())
                .isEqualTo("C-1");
        assertThat(connector.activitiesOf("C-1")).anySatisfy(a -> {
            assertThat(a.provider()).isEqualTo("acs");
            assertThat(a.providerMessageId()).isEqualTo(id);
            assertThat(a.body()).isEqualTo("Is the renewal still on? 🙂");
        });
    }

    @Test
    void aliceRepliesThroughAcsWithASignedRequestAndTheDeliveryReportFollows() throws Exception {
        String outgoing = "Outgoing_202611251000138813a09b-0cbf-4304-9b03-1546683bb910";
        acs.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody("""
                        {"value": [{"to": "+15550100200", "messageId": "%s", "httpStatusCode": 202,
                                    "repeatabilityResult": "accepted", "successful": true}]}""".formatted(outgoing))));

        Map<String, Object> message = send("Hi Dana, the renewal is ready");

        assertThat(message).containsEntry("status", "queued").containsEntry("providerMessageId", outgoing);
        List<LoggedRequest> requests = acs.findAll(postRequestedFor(urlEqualTo(SEND)));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        byte[] body = request.getBody();
        String contentHash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        String date = request.getHeader("x-ms-date");
        String host = request.getHeader("Host");
        assertThat(host).isEqualTo("localhost:" + acs.port());
        assertThat(request.getHeader("x-ms-content-sha256")).isEqualTo(contentHash);
        assertThat(Duration.between(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(), Instant.now()).abs())
                .isLessThan(Duration.ofMinutes(1));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(AcsEventGrid.ACCESS_KEY), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(
                ("POST\n" + SEND + "\n" + date + ";" + host + ";" + contentHash).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeader("Authorization"))
                .isEqualTo("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
        JsonNode json = JsonMapper.builder().build().readTree(body);
        assertThat(json.path("from").asString()).isEqualTo(ALICES_NUMBER);
        assertThat(json.path("message").asString()).isEqualTo("Hi Dana, the renewal is ready");
        assertThat(json.path("smsRecipients").path(0).path("to").asString()).isEqualTo(DANA);
        assertThat(json.path("smsRecipients").path(0).path("repeatabilityRequestId").asString()).isEqualTo(message.get("id"));
        assertThat(json.path("smsSendOptions").path("enableDeliveryReport").asBoolean()).isTrue();

        eventGridPosts(EVENTS, AcsEventGrid.deliveryReport(outgoing, ALICES_NUMBER, DANA, "Delivered", "No error."))
                .expectStatus().isOk();
        awaitStatus(message, "delivered");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connector.activitiesOf("C-1"))
                .anySatisfy(a -> {
                    assertThat(a.providerMessageId()).isEqualTo(outgoing);
                    assertThat(a.status()).as("the CRM activity follows").isEqualTo("delivered");
                }));
    }

    @Test
    void aFailedDeliveryReportMarksTheTextUndelivered() {
        String outgoing = "Outgoing_20261125100014" + java.util.UUID.randomUUID();
        acs.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                .withBody("{\"value\": [{\"to\": \"+15550100200\", \"messageId\": \"" + outgoing
                        + "\", \"httpStatusCode\": 202, \"repeatabilityResult\": \"accepted\", \"successful\": true}]}")));
        Map<String, Object> message = send("Are you there?");

        eventGridPosts(EVENTS, AcsEventGrid.deliveryReport(outgoing, ALICES_NUMBER, DANA, "Failed", "Message failed to be delivered"))
                .expectStatus().isOk();

        awaitStatus(message, "undelivered");
        assertThat(get(message)).containsEntry("failureReason", "Unknown error");
    }

    @Test
    void aRecipientAcsRefusesIsFailedWithItsReason() {
        acs.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"value": [{"to": "+15550100200", "httpStatusCode": 400, "repeatabilityResult": "accepted",
                                    "errorMessage": "Invalid To phone number format.", "successful": false}]}""")));

        assertThat(send("To nowhere")).containsEntry("status", "failed")
                .containsEntry("failureReason", "Invalid send parameters").containsEntry("providerMessageId", null);
    }

    @ParameterizedTest(name = "a delivery to {0} is refused with 403 and nothing is stored")
    @ValueSource(strings = {AcsEventGrid.EVENTS_PATH, AcsEventGrid.EVENTS_PATH + "?secret=wrong",
            AcsEventGrid.EVENTS_PATH + "?secret=" + AcsEventGrid.WEBHOOK_SECRET + "x"})
    void aDeliveryWithoutTheRightSecretIsRefused(String pathAndQuery) {
        String id = AcsEventGrid.newIncomingId();

        eventGridPosts(pathAndQuery, AcsEventGrid.smsReceived(id, DANA, ALICES_NUMBER, "forged"))
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        trace(id).expectStatus().isNotFound();
    }

    @Test
    void aMalformedDeliveryIsRefusedWithItsReasonAndNothingIsStored() {
        String id = AcsEventGrid.newIncomingId();
        String withoutSender = AcsEventGrid.smsReceived(id, DANA, ALICES_NUMBER, "hi").replace("\"from\": \"" + DANA + "\", ", "");

        eventGridPosts(EVENTS, withoutSender).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("event 0: the field 'from' is missing");
        trace(id).expectStatus().isNotFound();
        eventGridPosts(EVENTS, "{not json").expectStatus().isBadRequest();
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
