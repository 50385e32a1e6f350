package dev.textbridge.connector.flow;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorClient.Trace;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.TwilioCallbacks;
import dev.textbridge.crm.local.LocalCrm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A message that outlives its retry budget is dead; an admin lists it and replays it, and it is written once. */
@ConnectorTest
@TestPropertySource(properties = {
        "textbridge.store.url=jdbc:h2:mem:dead-letter-test;DB_CLOSE_DELAY=-1",
        "textbridge.inbox.give-up-after=600ms",
        // Leads for texts to a number assigned to nobody go to a user the CRM does not know.
        "textbridge.routing.default-lead-owner=U-GONE",
})
class DeadLetterTest {

    @Autowired
    LocalCrm crm;

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    @AfterEach
    void crmBackOn() {
        crm.setAvailable(true);
    }

    @Test
    void aDeadMessageIsListedWithItsLastErrorAndAReplayWritesItOnce() {
        String sid = TwilioCallbacks.newMessageSid();
        crm.setAvailable(false);
        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, "+15550181001", "+15550100001", "long outage"))
                .expectStatus().isOk();

        Trace dead = connector.awaitState(sid, "dead");
        assertThat(dead.attempts()).isGreaterThan(1);
        assertThat(dead.lastError()).contains("CRM unavailable");
        connector.adminGets("/admin/v1/dead-letters").expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.providerMessageId == '" + sid + "')].lastError").exists();

        crm.setAvailable(true);
        connector.adminPosts("/admin/v1/messages/twilio/" + sid + "/replay").expectStatus().isOk();

        Trace written = connector.awaitState(sid, "written");
        assertThat(connector.activitiesOf(written.record().id())).filteredOn(a -> sid.equals(a.providerMessageId())).hasSize(1);
        connector.adminPosts("/admin/v1/messages/twilio/" + sid + "/replay").expectStatus().isEqualTo(409);
        connector.adminGets("/admin/v1/dead-letters").expectBody()
                .jsonPath("$[?(@.providerMessageId == '" + sid + "')]").doesNotExist();
    }

    @Test
    void aTextWhoseNewLeadTheCrmRefusesIsDeadAtOnceWithTheLeadsReason() {
        String sid = TwilioCallbacks.newMessageSid();
        String stranger = "+15550181004";

        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, stranger, "+15550100999", "anyone?"))
                .expectStatus().isOk();

        Trace dead = connector.awaitState(sid, "dead");
        assertThat(dead.attempts()).as("an owner the CRM does not know will not appear by retrying").isEqualTo(1);
        assertThat(dead.lastError()).contains("for good").contains("U-GONE");
        assertThat(connector.crmRecords()).filteredOn(r -> r.phones().containsValue(stranger)).isEmpty();
    }

    @Test
    void replayingAllDeadLettersPutsEachBackOnce() {
        String first = TwilioCallbacks.newMessageSid();
        String second = TwilioCallbacks.newMessageSid();
        crm.setAvailable(false);
        connector.twilioPostsInbound(TwilioCallbacks.inbound(first, "+15550181002", "+15550100001", "one")).expectStatus().isOk();
        connector.twilioPostsInbound(TwilioCallbacks.inbound(second, "+15550181003", "+15550100002", "two")).expectStatus().isOk();
        connector.awaitState(first, "dead");
        connector.awaitState(second, "dead");

        crm.setAvailable(true);
        connector.adminPosts("/admin/v1/dead-letters/replay").expectStatus().isOk()
                .expectBody().jsonPath("$.replayed").value(n -> assertThat(((Number) n).intValue()).isGreaterThanOrEqualTo(2));

        for (String sid : new String[]{first, second}) {
            Trace written = connector.awaitState(sid, "written");
            assertThat(connector.activitiesOf(written.record().id())).filteredOn(a -> sid.equals(a.providerMessageId())).hasSize(1);
        }
    }
}
