package dev.textbridge.connector.webhook;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorClient.Trace;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the inbox cannot commit a callback, the provider hears a 5xx and sends it again later; nothing of it was
 * acknowledged, and the retry becomes exactly one activity. Its own database: the outage must not reach other tests.
 */
@ConnectorTest
@TestPropertySource(properties = "textbridge.store.url=jdbc:h2:mem:inbox-outage-test;DB_CLOSE_DELAY=-1")
class InboxOutageTest {

    @Autowired
    ConnectorClient connector;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCallbackTheInboxCannotStoreIsAnswered503AndTwiliosRetryIsStoredOnceAndWritten() {
        String sid = TwilioCallbacks.newMessageSid();
        Map<String, String> fields = TwilioCallbacks.inbound(sid, "+15550179101", "+15550100001", "during the outage");

        jdbc.sql("alter table inbox_message rename to inbox_message_away").update();
        try {
            connector.twilioPostsInbound(fields)
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(503).jsonPath("$.detail").exists();
        } finally {
            jdbc.sql("alter table inbox_message_away rename to inbox_message").update();
        }
        assertThat(jdbc.sql("select count(*) from inbox_message where provider_message_id = ?").param(sid)
                .query(Long.class).single()).isZero();

        connector.twilioPostsInbound(fields).expectStatus().isOk();
        connector.twilioPostsInbound(fields).expectStatus().isOk();

        Trace trace = connector.awaitState(sid, "written");
        assertThat(connector.activitiesOf(trace.record().id())).filteredOn(a -> sid.equals(a.providerMessageId())).hasSize(1);
    }
}
