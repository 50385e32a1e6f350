package dev.textbridge.connector.flow;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.TwilioCallbacks;
import dev.textbridge.crm.api.Notification;
import dev.textbridge.crm.local.LocalCrm;
import dev.textbridge.crm.local.SentNotification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A CRM outage at the moment a text's notification is sent delays the notification instead of losing it: the text is
 * written, and the seller is notified once the CRM takes notifications again, once.
 */
@ConnectorTest
@TestPropertySource(properties = "textbridge.store.url=jdbc:h2:mem:notification-outbox-test;DB_CLOSE_DELAY=-1")
class NotificationOutboxTest {

    @Autowired
    ConnectorClient connector;

    @Autowired
    LocalCrm crm;

    @Autowired
    NotificationOutbox outbox;

    @AfterEach
    void crmBack() {
        crm.setAvailable(true);
    }

    private List<Notification> aliceHas(String title) {
        return crm.notifications("U-ALICE").stream().map(SentNotification::notification)
                .filter(n -> n.title().equals(title)).toList();
    }

    @Test
    void aNotificationTheCrmRefusedIsSentOnceTheCrmIsBack() {
        String sid = TwilioCallbacks.newMessageSid();
        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, "+15550186001", "+15550100001", "Still open today?"))
                .expectStatus().isOk();
        connector.awaitState(sid, "written");
        // Notifications go out after the written state is committed.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(aliceHas("New text from +15550186001")).hasSize(1));

        crm.setAvailable(false);
        outbox.keep(List.of(new Notification("U-ALICE", "Kept through an outage", "Still open today?", null)));
        assertThat(outbox.sendDue(100)).as("the CRM is down").isZero();
        assertThat(aliceHas("Kept through an outage")).isEmpty();

        crm.setAvailable(true);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(aliceHas("Kept through an outage")).hasSize(1));
        assertThat(outbox.sendDue(100)).as("nothing is left to send").isZero();
        assertThat(aliceHas("Kept through an outage")).hasSize(1);
    }
}
