package dev.textbridge.connector.flow;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorClient.Trace;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.TwilioCallbacks;
import dev.textbridge.crm.local.LocalCrm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** While the CRM is down, texts are still accepted; they wait and are written once when it is back. */
@ConnectorTest
class CrmOutageTest {

    @Autowired
    LocalCrm crm;

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    @AfterEach
    void crmBackOn() {
        crm.setAvailable(true);
        crm.setReadOnly(false);
    }

    @Test
    void aTextThatArrivesWhileTheCrmIsDownIsWrittenOnceWhenItIsBack() {
        String sid = TwilioCallbacks.newMessageSid();
        crm.setAvailable(false);

        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, "+15550180001", "+15550100001", "are you there?"))
                .expectStatus().isOk();

        Trace waiting = connector.awaitState(sid, "retrying");
        assertThat(waiting.lastError()).contains("CRM unavailable");
        assertThat(waiting.record()).isNull();

        crm.setAvailable(true);

        Trace written = connector.awaitState(sid, "written");
        assertThat(written.attempts()).isGreaterThan(1);
        assertThat(written.lastError()).isNull();
        assertThat(connector.activitiesOf(written.record().id())).filteredOn(a -> sid.equals(a.providerMessageId())).hasSize(1);
        assertThat(connector.crmRecords()).filteredOn(r -> r.phones().containsValue("+15550180001")).hasSize(1);
    }

    @Test
    void aTextRoutedBeforeTheCrmRefusedItsActivityIsStillFiledUnderTheRecordsOwnerWhenWrittenLater() {
        String sid = TwilioCallbacks.newMessageSid();
        crm.setReadOnly(true);

        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, "+15550100210", "+15550100001", "still there?"))
                .expectStatus().isOk();

        Trace waiting = connector.awaitState(sid, "retrying");
        assertThat(waiting.lastError()).contains("read-only");
        assertThat(waiting.record().id()).isEqualTo("C-2");

        crm.setReadOnly(false);

        connector.awaitState(sid, "written");
        assertThat(connector.activitiesOf("C-2")).filteredOn(a -> sid.equals(a.providerMessageId()))
                .singleElement().satisfies(activity -> assertThat(activity.owner())
                        .as("Morgan Buyer's owner, as when the text is written at the first attempt").isEqualTo("U-BOB"));
    }
}
