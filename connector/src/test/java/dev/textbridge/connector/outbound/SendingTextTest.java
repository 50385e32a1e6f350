package dev.textbridge.connector.outbound;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.SellerTokens;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A seller sends texts from the CRM; Twilio (WireMock speaking its Messages API) takes them and reports back. */
@ConnectorTest
@TestPropertySource(properties = {"textbridge.store.url=jdbc:h2:mem:sending-test;DB_CLOSE_DELAY=-1",
        "textbridge.consent.help-reply=" + SendingTextTest.HELP_REPLY})
class SendingTextTest {

    static final String HELP_REPLY = "Acme Sales: we text about your orders. Call 555-0100 for help. Reply STOP to opt out.";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + TwilioCallbacks.ACCOUNT_SID + "/Messages.json";
    private static final String ALICES_NUMBER = "+15550100001";
    private static final String EAST_TEAM_NUMBER = "+15550100002";
    private static final String BOBS_NUMBER = "+15550100003";
    private static final WireMockServer twilio = new WireMockServer(options().dynamicPort());

    static {
        twilio.start();
    }

    @DynamicPropertySource
    static void twilioApi(DynamicPropertyRegistry registry) {
        registry.add("textbridge.providers.twilio.base-url", twilio::baseUrl);
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    @Autowired
    dev.textbridge.crm.local.LocalCrm localCrm;

    @BeforeEach
    void resetTwilio() {
        twilio.resetAll();
    }

    private static void twilioAccepts(String body, String sid) {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing(form("Body", body)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                        {"account_sid": "%s", "api_version": "2010-04-01", "body": "%s", "date_created": "Wed, 25 Nov 2026 10:00:00 +0000",
                         "date_sent": null, "date_updated": "Wed, 25 Nov 2026 10:00:00 +0000", "direction": "outbound-api",
                         "error_code": null, "error_message": null, "from": "+15550100001", "messaging_service_sid": null,
                         "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD", "sid": "%s",
                         "status": "queued", "to": "+15550100200", "uri": "%s"}""".formatted(TwilioCallbacks.ACCOUNT_SID, body, sid,
                        MESSAGES.replace(".json", "/" + sid + ".json")))));
    }

    private static String form(String name, String value) {
        return name + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private WebTestClient.ResponseSpec send(String seller, String key, String json) {
        WebTestClient.RequestBodySpec request = web.post().uri("/api/v1/messages")
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller(seller)))
                .contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.bodyValue(json).exchange();
    }

    private static String text(String type, String id, String to, String from, String body) {
        return """
                {"record": {"type": "%s", "id": "%s"}, "to": "%s", "from": "%s", "body": "%s"}""".formatted(type, id, to, from, body);
    }

    private Map<String, Object> sent(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isCreated().expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
        }).returnResult().getResponseBody();
    }

    @Test
    void aliceTextsDanaFromHerNumberAndTheTextBecomesAnActivityOnDana() {
        twilioAccepts("Hi Dana, the renewal is ready", "SM00000000000000000000000000000001");

        Map<String, Object> message = sent(send("U-ALICE", null,
                text("contact", "C-1", "(555) 010-0200", ALICES_NUMBER, "Hi Dana, the renewal is ready")));

        assertThat(message).containsEntry("providerMessageId", "SM00000000000000000000000000000001")
                .containsEntry("status", "queued").containsEntry("segments", 1).containsEntry("encoding", "GSM-7")
                .containsEntry("failureReason", null);
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(TwilioCallbacks.ACCOUNT_SID, TwilioCallbacks.AUTH_TOKEN))
                .withRequestBody(containing(form("To", "+15550100200")))
                .withRequestBody(containing(form("From", ALICES_NUMBER)))
                .withRequestBody(containing(form("StatusCallback", TwilioCallbacks.PUBLIC_BASE_URL + "/webhooks/twilio/status"))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connector.activitiesOf("C-1"))
                .anySatisfy(a -> {
                    assertThat(a.direction()).isEqualTo("outbound");
                    assertThat(a.providerMessageId()).isEqualTo("SM00000000000000000000000000000001");
                    assertThat(a.body()).isEqualTo("Hi Dana, the renewal is ready");
                }));
        web.get().uri("/api/v1/messages/{id}", message.get("id"))
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("queued");
        web.get().uri("/api/v1/messages/{id}", message.get("id"))
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-BOB"))).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void aSellerTextsTheRecordsMobileFieldWithoutTypingTheNumberAndTheActivityIsFiledUnderHer() {
        twilioAccepts("Texting your mobile", "SM00000000000000000000000000000040");

        sent(send("U-ALICE", null, """
                {"record": {"type": "contact", "id": "C-1"}, "phoneField": "mobile", "from": "%s",
                 "body": "Texting your mobile"}""".formatted(ALICES_NUMBER)));

        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withRequestBody(containing(form("To", "+15550100201")))
                .withRequestBody(containing(form("Body", "Texting your mobile"))));
        web.get().uri("/api/v1/records/contact/C-1/conversations")
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE"))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.customerNumber == '+15550100201')].phoneField").isEqualTo(List.of("mobile"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connector.activitiesOf("C-1"))
                .filteredOn(a -> a.body().equals("Texting your mobile")).singleElement()
                .satisfies(a -> assertThat(a.owner()).isEqualTo("U-ALICE")));
    }

    @Test
    void aPhoneFieldTheRecordDoesNotHaveOrBothANumberAndAFieldAreRefusedWithTheReason() {
        send("U-ALICE", null, """
                {"record": {"type": "contact", "id": "C-1"}, "phoneField": "fax", "from": "%s", "body": "Hi"}"""
                .formatted(ALICES_NUMBER)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.detail").isEqualTo("the contact has no phone field 'fax' holding a value; it has business, mobile");
        send("U-ALICE", null, """
                {"record": {"type": "contact", "id": "C-1"}, "to": "+15550100200", "phoneField": "mobile", "from": "%s",
                 "body": "Hi"}""".formatted(ALICES_NUMBER)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.detail").isEqualTo("give either 'to' or 'phoneField', not both");
        twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void onAContactTheConversationTiedToOneOfItsOpportunitiesOpensWithTheOpportunityParameter() {
        twilioAccepts("Renewal pricing attached", "SM00000000000000000000000000000041");
        sent(send("U-ALICE", null, text("opportunity", "O-1", "+15550100201", ALICES_NUMBER, "Renewal pricing attached")));

        web.get().uri("/api/v1/records/contact/C-1/conversations?opportunity=O-1")
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE"))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[*].record.id").value(ids -> assertThat((List<Object>) ids).isNotEmpty().containsOnly("O-1"))
                .jsonPath("$[*].messages[*].body").value(bodies -> assertThat((List<Object>) bodies)
                        .contains("Renewal pricing attached"))
                .jsonPath("$[0].phoneField").isEqualTo("contact.mobile");
        web.get().uri("/api/v1/records/contact/C-1/conversations?opportunity=O-3")
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE"))).exchange()
                .expectStatus().isNotFound(); // O-3 is not Dana's
        web.get().uri("/api/v1/records/contact/C-1/conversations?opportunity=O-1")
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-BOB"))).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void aCustomersHelpIsAnsweredOnceWithTheConfiguredTextFromTheNumberTheyTexted() {
        twilioAccepts(HELP_REPLY, "SM00000000000000000000000000000050");
        String sid = TwilioCallbacks.newMessageSid();
        Map<String, String> help = TwilioCallbacks.inbound(sid, "+15550100231", EAST_TEAM_NUMBER, " Help ");

        connector.twilioPostsInbound(help).expectStatus().isOk();
        ConnectorClient.Trace trace = connector.awaitState(sid, "written");
        connector.twilioPostsInbound(help).expectStatus().isOk(); // Twilio retries the callback

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connector.activitiesOf(trace.record().id()))
                .filteredOn(a -> a.body().equals(HELP_REPLY)).singleElement()
                .satisfies(a -> assertThat(a.owner()).as("no seller sent it").isNull()));
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withRequestBody(containing(form("Body", HELP_REPLY)))
                .withRequestBody(containing(form("To", "+15550100231")))
                .withRequestBody(containing(form("From", EAST_TEAM_NUMBER))));
        assertThat(trace.consent()).isEqualTo("help");
    }

    @Test
    void aReplyToATextSentFromAnOpportunityLandsOnThatOpportunity() {
        twilioAccepts("About the 2027 renewal", "SM00000000000000000000000000000002");
        sent(send("U-ALICE", null, text("opportunity", "O-1", "+15550100201", ALICES_NUMBER, "About the 2027 renewal")));

        String reply = TwilioCallbacks.newMessageSid();
        connector.twilioPostsInbound(TwilioCallbacks.inbound(reply, "+15550100201", ALICES_NUMBER, "Sounds good"))
                .expectStatus().isOk();

        ConnectorClient.Trace trace = connector.awaitState(reply, "written");
        assertThat(trace.record().id()).as("rule 1 beats the contact's type order").isEqualTo("O-1");
        assertThat(trace.decision().decidedBy()).isEqualTo("rule-1");
    }

    @Test
    void aTextToANumberThatIsNotValidE164IsRecordedAsFailedWithoutCallingTwilio() {
        Map<String, Object> message = sent(send("U-ALICE", null, text("contact", "C-1", "010-02", ALICES_NUMBER, "Hello")));

        assertThat(message).containsEntry("status", "failed").containsEntry("failureReason", "Invalid send parameters")
                .containsEntry("providerMessageId", null);
        twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connector.activitiesOf("C-1"))
                .anySatisfy(a -> {
                    assertThat(a.body()).isEqualTo("Hello");
                    assertThat(a.status()).isEqualTo("failed");
                    assertThat(a.failureReason()).as("the seller sees why in the CRM too").isEqualTo("Invalid send parameters");
                }));
        web.get().uri("/api/v1/records/contact/C-1/conversations")
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE"))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.customerNumber == '010-02')].messages[0].failureReason")
                .isEqualTo(List.of("Invalid send parameters"));
    }

    @Test
    void aCustomerWhoTextedStopGetsNothingUntilTheyTextStart() {
        String customer = "+15550100211";
        String stop = TwilioCallbacks.newMessageSid();
        connector.twilioPostsInbound(TwilioCallbacks.inbound(stop, customer, BOBS_NUMBER, " Stop ")).expectStatus().isOk();
        ConnectorClient.Trace stopped = connector.awaitState(stop, "written");
        assertThat(stopped.consent()).isEqualTo("opt-out");
        assertThat(localCrm.smsOptOut(stopped.record().id())).as("the record shows it too").contains(true);

        Map<String, Object> refused = sent(send("U-BOB", null, text("contact", "C-2", customer, BOBS_NUMBER, "Last chance!")));
        assertThat(refused).containsEntry("status", "failed").containsEntry("failureReason", "Recipient opted out");
        twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)));
        web.get().uri("/api/v1/records/contact/C-2/conversations")
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-BOB"))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.customerNumber == '" + customer + "')].messages[?(@.body == 'Last chance!')].failureReason")
                .isEqualTo(List.of("Recipient opted out"));

        String start = TwilioCallbacks.newMessageSid();
        connector.twilioPostsInbound(TwilioCallbacks.inbound(start, customer, BOBS_NUMBER, "START")).expectStatus().isOk();
        assertThat(localCrm.smsOptOut(connector.awaitState(start, "written").record().id())).contains(false);
        twilioAccepts("Welcome back", "SM00000000000000000000000000000003");
        assertThat(sent(send("U-BOB", null, text("contact", "C-2", customer, BOBS_NUMBER, "Welcome back"))))
                .containsEntry("status", "queued");
    }

    @Test
    void aSellerMaySendFromTheirTeamsNumberButNotFromSomeoneElses() {
        twilioAccepts("From the East team", "SM00000000000000000000000000000004");
        sent(send("U-ALICE", null, text("contact", "C-1", "+15550100200", EAST_TEAM_NUMBER, "From the East team")));

        send("U-ALICE", null, text("contact", "C-1", "+15550100200", BOBS_NUMBER, "Pretending to be Bob"))
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains(BOBS_NUMBER));
    }

    @Test
    void aRecordTheSellerMayNotSeeIsNotFoundAsIfItDidNotExist() {
        send("U-ALICE", null, text("account", "A-1", "+15550100200", ALICES_NUMBER, "Hi"))
                .expectStatus().isNotFound();
        send("U-ALICE", null, text("contact", "C-404", "+15550100200", ALICES_NUMBER, "Hi"))
                .expectStatus().isNotFound();
        twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void anEmptyOrOverlongBodyIsRefusedWithTheReason() {
        send("U-ALICE", null, text("contact", "C-1", "+15550100200", ALICES_NUMBER, "  "))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isEqualTo("the body is empty");
        send("U-ALICE", null, text("contact", "C-1", "+15550100200", ALICES_NUMBER, "x".repeat(1601)))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("1600"));
    }

    @Test
    void theSegmentsAndEncodingTellTheCostOfAText() {
        String body = "Ça coûte 10 € ✓ " + "x".repeat(60);
        twilioAccepts(body, "SM00000000000000000000000000000005");

        assertThat(sent(send("U-ALICE", null, text("contact", "C-1", "+15550100200", ALICES_NUMBER, body))))
                .containsEntry("encoding", "UCS-2").containsEntry("segments", 2);
    }

    @Test
    void aRetriedRequestWithTheSameIdempotencyKeySendsOnce() {
        twilioAccepts("Only once", "SM00000000000000000000000000000006");
        String json = text("contact", "C-1", "+15550100200", ALICES_NUMBER, "Only once");

        Map<String, Object> first = sent(send("U-ALICE", "key-1", json));
        Map<String, Object> second = sent(send("U-ALICE", "key-1", json));

        assertThat(second.get("id")).isEqualTo(first.get("id"));
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void whenTwilioTookTheTextButItsAnswerWasLostTheRetryFindsItInsteadOfSendingAgain() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String json = text("contact", "C-1", "+15550100200", ALICES_NUMBER, "Lost answer");

        send("U-ALICE", "key-lost", json).expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("Idempotency-Key"));

        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo("+15550100200"))
                .withQueryParam("From", equalTo(ALICES_NUMBER))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"messages": [{"sid": "SM00000000000000000000000000000007", "status": "sent", "body": "Lost answer",
                                       "to": "+15550100200", "from": "+15550100001"}],
                         "page": 0, "page_size": 50, "uri": "%s"}""".formatted(MESSAGES))));
        Map<String, Object> retried = sent(send("U-ALICE", "key-lost", json));

        assertThat(retried).containsEntry("providerMessageId", "SM00000000000000000000000000000007").containsEntry("status", "sent");
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void twilioRefusingTheNumberRecordsTheReasonTheSellerUnderstands() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing(form("Body", "To a landline")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"code": 21614, "message": "'To' number is not a valid mobile number", "more_info": "https://www.twilio.com/docs/errors/21614", "status": 400}""")));

        assertThat(sent(send("U-ALICE", null, text("contact", "C-1", "+15550100200", ALICES_NUMBER, "To a landline"))))
                .containsEntry("status", "failed").containsEntry("failureReason", "Invalid send parameters");
    }

    @Test
    void deliveryReportsOnlyMoveAMessageForwardEvenWhenTheyArriveBeforeTheSendAnswer() {
        String sid = "SM00000000000000000000000000000008";
        statusCallback(sid, "sent", null);
        twilioAccepts("Reports in any order", sid);
        Map<String, Object> message = sent(send("U-ALICE", null, text("contact", "C-1", "+15550100200", ALICES_NUMBER, "Reports in any order")));

        awaitStatus(message, "sent");
        statusCallback(sid, "delivered", null);
        awaitStatus(message, "delivered");
        statusCallback(sid, "sent", null);
        statusCallback(sid, "queued", null);
        statusCallback(sid, "delivered", null);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(status(message)).isEqualTo("delivered"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connector.activitiesOf("C-1"))
                .filteredOn(a -> sid.equals(a.providerMessageId())).singleElement()
                .satisfies(a -> assertThat(a.status()).as("the CRM activity follows").isEqualTo("delivered")));
    }

    @Test
    void repeatedAndConcurrentReportsEndOnTheFurthestStatus() throws Exception {
        String sid = "SM00000000000000000000000000000012";
        twilioAccepts("Many reports", sid);
        Map<String, Object> message = sent(send("U-ALICE", null, text("contact", "C-1", "+15550100200", ALICES_NUMBER, "Many reports")));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<?>> posts = new java.util.ArrayList<>();
            for (String status : new String[]{"delivered", "sent", "queued", "sent", "delivered", "sent", "queued", "delivered", "sent"}) {
                posts.add(pool.submit(() -> statusCallback(sid, status, null)));
            }
            for (java.util.concurrent.Future<?> post : posts) {
                post.get();
            }
        } finally {
            pool.shutdownNow();
        }

        awaitStatus(message, "delivered");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(status(message)).isEqualTo("delivered"));
    }

    @Test
    void anUndeliveredReportCarriesTheReason() {
        String sid = "SM00000000000000000000000000000009";
        twilioAccepts("Into the void", sid);
        Map<String, Object> message = sent(send("U-ALICE", null, text("contact", "C-1", "+15550100200", ALICES_NUMBER, "Into the void")));

        statusCallback(sid, "undelivered", "30003");

        awaitStatus(message, "undelivered");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connector.activitiesOf("C-1"))
                .filteredOn(a -> sid.equals(a.providerMessageId())).singleElement()
                .satisfies(a -> assertThat(a.failureReason()).isEqualTo("Unknown or unreachable destination")));
        web.get().uri("/api/v1/messages/{id}", message.get("id")).headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE")))
                .exchange().expectBody().jsonPath("$.failureReason").isEqualTo("Unknown or unreachable destination");
    }

    @Test
    void withoutAValidSellerTokenTheApiAnswers401() {
        String json = text("contact", "C-1", "+15550100200", ALICES_NUMBER, "Hi");
        for (String token : new String[]{null, "not-a-jwt",
                SellerTokens.mint(SellerTokens.SECRET, "U-ALICE", Instant.now().minusSeconds(120)),
                SellerTokens.mint(SellerTokens.SECRET, "U-ALICE", null),
                SellerTokens.mint("another-secret-that-is-long-enough-0123456789", "U-ALICE", Instant.now().plusSeconds(60))}) {
            web.post().uri("/api/v1/messages").headers(h -> {
                        if (token != null) {
                            h.setBearerAuth(token);
                        }
                    })
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Autowired
    OutboundStore outbound;

    @Test
    void aTemplateIsFilledFromTheRecordAndTheSeller() {
        String template = (String) web.post().uri("/api/v1/templates").headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Hello\", \"body\": \"Hi {{record.firstName}}, {{seller.name}} here.\"}").exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        twilioAccepts("Hi Dana, Alice Seller here.", "SM00000000000000000000000000000011");

        Map<String, Object> message = sent(send("U-ALICE", null, """
                {"record": {"type": "contact", "id": "C-1"}, "to": "+15550100200", "from": "+15550100001", "templateId": "%s"}""".formatted(template)));

        assertThat(message).containsEntry("providerMessageId", "SM00000000000000000000000000000011");
        send("U-ALICE", null, """
                {"record": {"type": "contact", "id": "C-1"}, "to": "+15550100200", "from": "+15550100001", "templateId": "nope"}""")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isEqualTo("unknown template nope");
    }

    @Test
    void aTextWhoseRequestDiedBeforeTwilioAnsweredIsSettledByAskingTwilioNeverByResending() {
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(3));
        OutboundText taken = abandoned("Taken by Twilio", longAgo);
        OutboundText lost = abandoned("Never reached Twilio", longAgo);
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo("+15550100200"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"messages": [{"sid": "SM00000000000000000000000000000010", "status": "delivered", "body": "Taken by Twilio",
                                       "to": "+15550100200", "from": "+15550100001"}], "page": 0, "page_size": 50}""")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(outbound.find(taken.id()).orElseThrow().providerMessageId()).isEqualTo("SM00000000000000000000000000000010");
            assertThat(outbound.find(lost.id()).orElseThrow().status()).isEqualTo("failed");
        });
        twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    private OutboundText abandoned(String body, Instant at) {
        OutboundText text = new OutboundText(java.util.UUID.randomUUID().toString(), "U-ALICE", null,
                new dev.textbridge.crm.api.RecordRef(dev.textbridge.crm.api.RecordType.CONTACT, "C-1"), "Dana Customer",
                ALICES_NUMBER, "+15550100200", body, 1, "GSM-7", "twilio", null, OutboundText.SENDING, null, null,
                null, null, at);
        return outbound.insert(text, at).orElseThrow();
    }

    private void statusCallback(String sid, String status, String errorCode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountSid", TwilioCallbacks.ACCOUNT_SID);
        fields.put("ApiVersion", "2010-04-01");
        fields.put("From", ALICES_NUMBER);
        fields.put("MessageSid", sid);
        fields.put("MessageStatus", status);
        fields.put("SmsSid", sid);
        fields.put("SmsStatus", status);
        fields.put("To", "+15550100200");
        if (errorCode != null) {
            fields.put("ErrorCode", errorCode);
        }
        connector.twilioPosts("/webhooks/twilio/status", fields).expectStatus().isOk();
    }

    private String status(Map<String, Object> message) {
        return web.get().uri("/api/v1/messages/{id}", message.get("id")).headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE")))
                .exchange().expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("status").toString();
    }

    private void awaitStatus(Map<String, Object> message, String expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> expected.equals(status(message)));
    }
}
