package dev.textbridge.connector.providers;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorClient.Trace;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.SellerTokens;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Twilio's own opt-out flag ({@code OptOutType}, Advanced Opt-Out) counts even when the words are not ours. */
@ConnectorTest
class TwilioConsentFlagTest {

    private static final String ALICES_NUMBER = "+15550100001";

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    @Test
    void aTextTwilioFlaggedAsStopKeepsTheSellerFromTextingThatCustomerAgain() {
        String customer = "+15550177051";
        String sid = TwilioCallbacks.newMessageSid();
        Map<String, String> fields = TwilioCallbacks.inbound(sid, customer, ALICES_NUMBER, "arrêt");
        fields.put("OptOutType", "STOP");
        connector.twilioPostsInbound(fields).expectStatus().isOk();
        Trace trace = connector.awaitState(sid, "written");

        Map<String, Object> refused = web.post().uri("/api/v1/messages")
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"record": {"type": "%s", "id": "%s"}, "to": "%s", "from": "%s", "body": "One more offer"}"""
                        .formatted(trace.record().type(), trace.record().id(), customer, ALICES_NUMBER))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();

        assertThat(refused).containsEntry("status", "failed").containsEntry("failureReason", "Recipient opted out")
                .containsEntry("providerMessageId", null);
    }
}
