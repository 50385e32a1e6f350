package dev.textbridge.connector.flow;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorClient.Trace;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.TwilioCallbacks;
import dev.textbridge.crm.local.LocalCrm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a text arriving alone costs in CRM calls, once the connector's brief cache of sellers is warm: finding the
 * sender's candidates, writing the activity (with the lead, for a new customer), notifying the seller; one more while
 * the seller's SMS privilege is not cached (a minute).
 * Its own store, so that no other test's leftovers call the CRM meanwhile.
 */
@ConnectorTest
@TestPropertySource(properties = "textbridge.store.url=jdbc:h2:mem:single-text-crm-calls-test;DB_CLOSE_DELAY=-1")
class SingleTextCrmCallsTest {

    private static final String ALICES_NUMBER = "+15550100001";
    private static final String DANA = "+15550100200";

    @Autowired
    ConnectorClient connector;

    @Autowired
    LocalCrm crm;

    @Test
    void aNewCustomersTextCostsThreeCrmCallsLikeAKnownCustomersText() {
        Cost first = textToAlice("+15550187001", "the first text looks Alice up once, for her SMS privilege");

        Cost known = textToAlice(DANA, "Is the renewal still on?");
        Cost fresh = textToAlice("+15550187002", "Hi, who is this?");

        assertThat(first.calls()).as("candidates, the lead with the activity, Alice (a user, so no team lookup), the "
                + "notification").isEqualTo(4);
        assertThat(known.trace().record().id()).isEqualTo("C-1");
        assertThat(known.calls()).as("candidates, the activity, the notification").isEqualTo(3);
        assertThat(fresh.trace().decision().leadCreated()).isTrue();
        assertThat(fresh.calls()).as("candidates, the lead with the activity, the notification").isEqualTo(3);
    }

    private record Cost(long calls, Trace trace) {
    }

    /** Posts a text to Alice's number and waits for its last CRM call, Alice's notification. */
    private Cost textToAlice(String from, String body) {
        long before = crm.apiCalls();
        String sid = TwilioCallbacks.newMessageSid();
        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, from, ALICES_NUMBER, body)).expectStatus().isOk();
        Trace written = connector.awaitState(sid, "written");
        await().atMost(Duration.ofSeconds(20)).until(() -> crm.notifications("U-ALICE").stream()
                .anyMatch(sent -> sent.notification().title().equals("New text from " + from)));
        return new Cost(crm.apiCalls() - before, written);
    }
}
