package dev.textbridge.connector.api;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.SellerTokens;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees what (product-spec F3), endpoint by endpoint: Dana texts Alice's own number and her text lands on Alice's
 * contact C-1. Alice may see all of it; Bob (another team) and Carl (Alice's teammate, but neither the number nor the
 * record is the team's) may see none of it, and every endpoint answers them as if it did not exist.
 */
@ConnectorTest
@TestPropertySource(properties = "textbridge.store.url=jdbc:h2:mem:visibility-test;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VisibilityMatrixTest {

    private static final String ALICES_NUMBER = "+15550100001";
    private static final String DANA = "+15550100200";

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    private long conversationId;
    private String messageId;

    @BeforeAll
    void danaTextsAliceAndAliceAnswersAnInvalidNumber() {
        String sid = TwilioCallbacks.newMessageSid();
        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, DANA, ALICES_NUMBER, "Is the renewal ready?"))
                .expectStatus().isOk();
        assertThat(connector.awaitState(sid, "written").record().id()).isEqualTo("C-1");
        Map<String, Object> page = call("U-ALICE", HttpMethod.GET, "/api/v1/conversations?size=100", null)
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        conversationId = ((Number) items.stream().filter(c -> DANA.equals(c.get("customerNumber"))).findFirst()
                .orElseThrow().get("id")).longValue();
        // An invalid number is recorded as failed without calling Twilio: a message id to look up.
        messageId = (String) call("U-ALICE", HttpMethod.POST, "/api/v1/messages", """
                {"record": {"type": "contact", "id": "C-1"}, "to": "12", "from": "%s", "body": "Hi"}"""
                .formatted(ALICES_NUMBER)).expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("id");
    }

    /** An endpoint, and how its answer tells whether the seller saw the conversation, its record or its message. */
    private record Endpoint(String name, HttpMethod method, String path, String body, boolean listsIt) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Stream<Arguments> everyEndpointAndSeller() {
        List<Endpoint> endpoints = List.of(
                new Endpoint("the record", HttpMethod.GET, "/api/v1/records/contact/C-1", null, false),
                new Endpoint("the record's conversations", HttpMethod.GET,
                        "/api/v1/records/contact/C-1/conversations", null, false),
                new Endpoint("the conversations of the record's opportunity", HttpMethod.GET,
                        "/api/v1/records/contact/C-1/conversations?opportunity=O-1", null, false),
                new Endpoint("marking the conversation read", HttpMethod.POST,
                        "/api/v1/conversations/" + conversationId + "/read", null, false),
                new Endpoint("moving the conversation (onto its own record)", HttpMethod.POST,
                        "/api/v1/conversations/" + conversationId + "/move",
                        "{\"record\": {\"type\": \"contact\", \"id\": \"C-1\"}}", false),
                new Endpoint("the sent message", HttpMethod.GET, "/api/v1/messages/" + messageId, null, false),
                new Endpoint("sending on the record", HttpMethod.POST, "/api/v1/messages",
                        "{\"record\": {\"type\": \"contact\", \"id\": \"C-1\"}, \"to\": \"12\", \"body\": \"Hi\"}", false),
                new Endpoint("My text messages", HttpMethod.GET, "/api/v1/conversations?size=100", null, true),
                new Endpoint("the record search", HttpMethod.GET, "/api/v1/records?query=Dana", null, true));
        return endpoints.stream().flatMap(endpoint -> Stream.of(
                Arguments.of(endpoint, "U-ALICE", true),
                Arguments.of(endpoint, "U-BOB", false),
                Arguments.of(endpoint, "U-CARL", false)));
    }

    @ParameterizedTest(name = "{0}: {1} may see it = {2}")
    @MethodSource("everyEndpointAndSeller")
    void everyEndpointShowsTheConversationOnlyToSellersWhoMaySeeIt(Endpoint endpoint, String seller, boolean maySee) {
        String body = endpoint.body() == null ? null : withSellersNumber(endpoint.body(), seller);
        WebTestClient.ResponseSpec response = call(seller, endpoint.method(), endpoint.path(), body);
        if (endpoint.listsIt()) {
            String listed = response.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            assertThat(listed.contains(DANA) || listed.contains("\"C-1\"")).as("listed for " + seller).isEqualTo(maySee);
        } else if (maySee) {
            response.expectStatus().value(status -> assertThat(HttpStatus.valueOf(status).is2xxSuccessful()).isTrue());
        } else {
            response.expectStatus().isNotFound().expectBody().jsonPath("$.detail").value(detail ->
                    assertThat((String) detail).doesNotContain("Dana").doesNotContain(DANA));
        }
    }

    /** Each seller sends from a number of their own, so that only the record decides. */
    private static String withSellersNumber(String body, String seller) {
        String from = switch (seller) {
            case "U-ALICE" -> ALICES_NUMBER;
            case "U-BOB" -> "+15550100003";
            default -> "+15550100002"; // Carl's team's number
        };
        return body.replace("\"to\":", "\"from\": \"" + from + "\", \"to\":");
    }

    private WebTestClient.ResponseSpec call(String seller, HttpMethod method, String path, String body) {
        WebTestClient.RequestBodySpec request = web.method(method).uri(path)
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller(seller)));
        if (body != null) {
            return request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        }
        return request.exchange();
    }
}
