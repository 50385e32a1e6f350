package dev.textbridge.connector.api;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.SellerTokens;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The panel polls with If-None-Match: an unchanged answer costs a 304 without a body, a change a fresh ETag. */
@ConnectorTest
// Its own store: the conversation it starts would otherwise decide other tests' routing (rule 1).
@TestPropertySource(properties = "textbridge.store.url=jdbc:h2:mem:etags-test;DB_CLOSE_DELAY=-1")
class SellerApiETagsTest {

    private static final String DANAS_CONVERSATIONS = "/api/v1/records/contact/C-1/conversations";

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    private WebTestClient.ResponseSpec get(String seller, String path, String ifNoneMatch) {
        return web.get().uri(path).headers(h -> {
            h.setBearerAuth(SellerTokens.forSeller(seller));
            if (ifNoneMatch != null) {
                h.setIfNoneMatch(ifNoneMatch);
            }
        }).exchange();
    }

    @Test
    void anUnchangedConversationAnswers304AndANewTextANewETag() {
        String sid = TwilioCallbacks.newMessageSid();
        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, "+15550100200", "+15550100001", "First")).expectStatus().isOk();
        connector.awaitState(sid, "written");

        String etag = get("U-ALICE", DANAS_CONVERSATIONS, null).expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getETag();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        get("U-ALICE", DANAS_CONVERSATIONS, etag).expectStatus().isNotModified().expectBody().isEmpty();
        get("U-ALICE", DANAS_CONVERSATIONS, "W/" + etag).expectStatus().isNotModified();

        String next = TwilioCallbacks.newMessageSid();
        connector.twilioPostsInbound(TwilioCallbacks.inbound(next, "+15550100200", "+15550100001", "Second")).expectStatus().isOk();
        connector.awaitState(next, "written");
        String changed = get("U-ALICE", DANAS_CONVERSATIONS, etag).expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("Second"))
                .returnResult().getResponseHeaders().getETag();
        assertThat(changed).isNotEqualTo(etag);
    }

    @Test
    void theETagNeverStandsInForTheToken() {
        String etag = get("U-ALICE", DANAS_CONVERSATIONS, null).expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getETag();

        web.get().uri(DANAS_CONVERSATIONS).header("If-None-Match", etag).exchange().expectStatus().isUnauthorized();
        get("U-BOB", DANAS_CONVERSATIONS, etag).expectStatus().isNotFound();
    }
}
