package dev.textbridge.connector.flow;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stored text is taken up by the flow the moment it is committed, not at the flow's next poll: here the flow looks
 * for work on its own only once an hour, and texts still reach the CRM within the test's patience.
 */
@ConnectorTest
@TestPropertySource(properties = {
        "textbridge.store.url=jdbc:h2:mem:taken-up-on-arrival-test;DB_CLOSE_DELAY=-1",
        "textbridge.inbox.poll-interval=1h",
})
class TakenUpOnArrivalTest {

    private static final String ALICES_NUMBER = "+15550100001";

    @Autowired
    ConnectorClient connector;

    @Test
    void textsAreWrittenAsTheyArriveThoughTheFlowPollsOnlyHourly() {
        for (String customer : new String[] {"+15550187201", "+15550187202"}) {
            String sid = TwilioCallbacks.newMessageSid();
            connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, customer, ALICES_NUMBER, "Are you open today?"))
                    .expectStatus().isOk();

            assertThat(connector.awaitState(sid, "written").activityId()).isNotBlank();
        }
    }
}
