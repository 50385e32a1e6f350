package dev.textbridge.connector;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorClient.Activity;
import dev.textbridge.connector.support.ConnectorClient.Trace;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A customer texts a business number; the text lands on the right CRM record, and an admin can see why. */
@ConnectorTest
class InboundTextStoryTest {

    private static final String ALICES_NUMBER = "+15550100001";
    private static final String DANAS_NUMBER = "+15550100200";

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    @Test
    void aTextFromDanaToAlicesNumberLandsOnDanaTheContactThatAliceOwns() {
        String sid = TwilioCallbacks.newMessageSid();

        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, DANAS_NUMBER, ALICES_NUMBER, "Hi Alice, can we talk? 👋"))
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_XML)
                .expectBody(String.class).value(body -> assertThat(body).contains("<Response/>"));

        Trace trace = connector.awaitState(sid, "written");
        assertThat(trace.record().type()).isEqualTo("contact");
        assertThat(trace.record().id()).isEqualTo("C-1");
        assertThat(trace.record().name()).isEqualTo("Dana Customer");
        assertThat(trace.direction()).isEqualTo("inbound");
        assertThat(trace.from()).isEqualTo(DANAS_NUMBER);
        assertThat(trace.to()).isEqualTo(ALICES_NUMBER);
        assertThat(trace.attempts()).isEqualTo(1);
        assertThat(trace.lastError()).isNull();
        // Dana's number is on her contact, her account (Bob's), her opportunity and an old lead of the East team.
        assertThat(trace.decision().decidedBy()).isEqualTo("rule-4");
        assertThat(trace.decision().leadCreated()).isFalse();
        assertThat(trace.decision().candidates())
                .extracting(c -> c.id() + " " + c.outcome())
                .contains("C-1 chosen", "A-1 lost at rule-2", "L-1 lost at rule-2", "O-1 lost at rule-4");
        assertThat(trace.decision().explanation()).contains("C-1").contains("rule 4");

        assertThat(connector.activitiesOf("C-1"))
                .filteredOn(a -> sid.equals(a.providerMessageId()))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.id()).isEqualTo(trace.activityId());
                    assertThat(a.direction()).isEqualTo("inbound");
                    assertThat(a.body()).isEqualTo("Hi Alice, can we talk? 👋");
                    assertThat(a.from()).isEqualTo(DANAS_NUMBER);
                    assertThat(a.to()).isEqualTo(ALICES_NUMBER);
                    assertThat(a.provider()).isEqualTo("twilio");
                });
    }

    @Test
    void aTextFromANumberNoRecordCarriesCreatesALeadOwnedByTheSellerOfTheNumber() {
        String sid = TwilioCallbacks.newMessageSid();
        String stranger = "+15550177001";

        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, stranger, "+15550100003", "Who is this?"))
                .expectStatus().isOk();

        Trace trace = connector.awaitState(sid, "written");
        assertThat(trace.record().type()).isEqualTo("lead");
        assertThat(trace.decision().decidedBy()).isEqualTo("new-lead");
        assertThat(trace.decision().leadCreated()).isTrue();
        assertThat(connector.crmRecords())
                .filteredOn(r -> r.id().equals(trace.record().id()))
                .singleElement()
                .satisfies(lead -> {
                    assertThat(lead.type()).isEqualTo("lead");
                    assertThat(lead.owner()).isEqualTo("U-BOB");
                    assertThat(lead.phones()).containsValue(stranger);
                });
        assertThat(connector.activitiesOf(trace.record().id())).extracting(Activity::providerMessageId).containsExactly(sid);
    }

    @Test
    void aSecondTextFromTheSameStrangerLandsOnTheLeadTheFirstOneCreated() {
        String stranger = "+15550177002";
        String first = TwilioCallbacks.newMessageSid();
        String second = TwilioCallbacks.newMessageSid();

        connector.twilioPostsInbound(TwilioCallbacks.inbound(first, stranger, ALICES_NUMBER, "Hello")).expectStatus().isOk();
        connector.twilioPostsInbound(TwilioCallbacks.inbound(second, stranger, ALICES_NUMBER, "Anyone there?")).expectStatus().isOk();

        Trace firstTrace = connector.awaitState(first, "written");
        Trace secondTrace = connector.awaitState(second, "written");
        assertThat(secondTrace.record()).isEqualTo(firstTrace.record());
        assertThat(connector.crmRecords()).filteredOn(r -> r.phones().containsValue(stranger)).hasSize(1);
        assertThat(connector.activitiesOf(firstTrace.record().id()))
                .extracting(Activity::body).containsExactly("Hello", "Anyone there?");
    }

    @Test
    void aTextToANumberAssignedToNobodyIsStillRoutedAndTheTraceSaysSo() {
        String sid = TwilioCallbacks.newMessageSid();

        // +1 555 010 0240 is the lead Jamie Walk-in in the sample CRM; +1 555 010 0999 is no configured business number.
        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, "+15550100240", "+15550100999", "Hi"))
                .expectStatus().isOk();

        Trace trace = connector.awaitState(sid, "written");
        assertThat(trace.record()).isNotNull();
        assertThat(trace.decision().explanation()).contains("assigned to nobody");
    }

    @Test
    void aTextWithPicturesKeepsItsMediaLinks() {
        String sid = "MM" + TwilioCallbacks.newMessageSid().substring(2);
        Map<String, String> fields = TwilioCallbacks.inbound(sid, "+15550177003", ALICES_NUMBER, "");
        fields.put("NumMedia", "2");
        fields.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + TwilioCallbacks.ACCOUNT_SID + "/Messages/" + sid + "/Media/ME1");
        fields.put("MediaContentType0", "image/jpeg");
        fields.put("MediaUrl1", "https://api.twilio.com/2010-04-01/Accounts/" + TwilioCallbacks.ACCOUNT_SID + "/Messages/" + sid + "/Media/ME2");
        fields.put("MediaContentType1", "image/png");

        connector.twilioPostsInbound(fields).expectStatus().isOk();

        connector.awaitState(sid, "written");
        connector.adminGets("/admin/v1/messages/twilio/" + sid).expectBody()
                .jsonPath("$.media.length()").isEqualTo(2)
                .jsonPath("$.media[0].contentType").isEqualTo("image/jpeg")
                .jsonPath("$.media[1].url").value(url -> assertThat((String) url).endsWith("/Media/ME2"));
    }
}
