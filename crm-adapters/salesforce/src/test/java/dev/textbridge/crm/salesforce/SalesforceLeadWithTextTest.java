package dev.textbridge.crm.salesforce;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.salesforce.fakeorg.FakeOrg;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A new customer's lead and first text go to Salesforce in one create call, the Task naming its lead by external id. */
class SalesforceLeadWithTextTest {

    private static final PhoneNumber STRANGER = PhoneNumber.parse("+15550100777", CrmFixture.REGION);
    private static final PhoneNumber OTHER_STRANGER = PhoneNumber.parse("+15550100778", CrmFixture.REGION);

    @AutoClose
    private final OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard());

    @Test
    void aNewCustomersLeadAndFirstTextCostOneCallAndTheTaskLandsOnTheLead() {
        long before = org.crm.apiCalls();

        ActivityWriteResult written = org.crm.writeActivities(List.of(textFrom(STRANGER, "twilio:SM1", "twilio:SM1")))
                .get(0);

        assertThat(org.crm.apiCalls() - before).as("API calls for a new customer's first text").isEqualTo(1);
        assertThat(org.org.operations()).containsExactly("create: 2 Lead");
        assertThat(written.isWritten()).as(String.valueOf(written.error())).isTrue();
        FakeOrg.Row lead = org.org.record(written.lead().ref().id());
        assertThat(lead.type()).isEqualTo("Lead");
        assertThat(lead.get("MobilePhone")).isEqualTo(STRANGER.value());
        assertThat(org.org.record(written.activityId()).get("WhoId")).isEqualTo(lead.get("Id"));
        assertThat(org.activitiesOn(written.lead().ref())).hasSize(1);
    }

    @Test
    void theCallCarriesTheLeadFirstAndTheTaskRefersToItThroughWhoByTheLeadsExternalId() {
        org.crm.writeActivities(List.of(textFrom(STRANGER, "twilio:SM1", "twilio:SM1")));

        LoggedRequest create = org.server.soapRequests().get(org.server.soapRequests().size() - 1);
        String body = create.getBodyAsString();
        assertThat(body).containsSubsequence("<sobj:type xsi:type=\"xsd:string\">Lead</sobj:type>",
                "<sobj:type xsi:type=\"xsd:string\">Task</sobj:type>",
                "<sobj:Who><sobj:type xsi:type=\"xsd:string\">Lead</sobj:type>"
                        + "<sobj:Textbridge_Key__c xsi:type=\"xsd:string\">twilio:SM1</sobj:Textbridge_Key__c></sobj:Who>");
        assertThat(body).doesNotContain("WhoId");
    }

    @Test
    void aRetriedBatchWhoseLeadExistsPutsItsTextOnThatLeadAndMakesNoSecondLead() {
        ActivityWriteResult first = org.crm.writeActivities(List.of(textFrom(STRANGER, "twilio:SM1", "twilio:SM1")))
                .get(0);

        ActivityWriteResult retried = org.crm.writeActivities(List.of(textFrom(STRANGER, "twilio:SM1", "twilio:SM2")))
                .get(0);

        assertThat(retried.isWritten()).as(String.valueOf(retried.error())).isTrue();
        assertThat(retried.lead().ref()).isEqualTo(first.lead().ref());
        assertThat(retried.lead().name()).isEqualTo(first.lead().name());
        assertThat(org.org.rows("Lead")).filteredOn(row -> "twilio:SM1".equals(row.get(FakeOrg.KEY_FIELD))).hasSize(1);
        assertThat(org.org.record(retried.activityId()).get("WhoId")).as("the Task found the lead by its external id")
                .isEqualTo(first.lead().ref().id());
        assertThat(org.activitiesOn(first.lead().ref())).hasSize(2);
    }

    @Test
    void aBatchRepeatedWholeDoublesNeitherLeadNorText() {
        ActivityWriteResult first = org.crm.writeActivities(List.of(textFrom(STRANGER, "twilio:SM1", "twilio:SM1")))
                .get(0);

        ActivityWriteResult again = org.crm.writeActivities(List.of(textFrom(STRANGER, "twilio:SM1", "twilio:SM1")))
                .get(0);

        assertThat(again.isWritten()).isTrue();
        assertThat(again.activityId()).isEqualTo(first.activityId());
        assertThat(again.lead().ref()).isEqualTo(first.lead().ref());
        assertThat(org.org.rows("Lead")).filteredOn(row -> "twilio:SM1".equals(row.get(FakeOrg.KEY_FIELD))).hasSize(1);
        assertThat(org.org.rows("Task")).hasSize(1);
    }

    @Test
    void aLeadSalesforceRefusesFailsItsTextWithTheLeadsReasonAndTheRestOfTheBatchIsWritten() {
        ActivityDraft refused = textFrom(STRANGER, "twilio:SM1", "twilio:SM1", "005NOSUCHUSER0000");
        ActivityDraft accepted = textFrom(OTHER_STRANGER, "twilio:SM2", "twilio:SM2");
        ActivityDraft known = new ActivityDraft("twilio:SM3", new RecordRef(RecordType.CONTACT, "C-1"),
                Direction.INBOUND, PhoneNumber.parse("+15550100200", CrmFixture.REGION),
                PhoneNumber.parse("+15550100001", CrmFixture.REGION), "known", List.of(), OrgUnderTest.NOW, "twilio",
                "SM3", null);

        List<ActivityWriteResult> results = org.crm.writeActivities(List.of(refused, accepted, known));

        assertThat(org.org.operations()).as("one call for the whole batch").hasSize(1);
        assertThat(results.get(0).isWritten()).isFalse();
        assertThat(results.get(0).error()).contains("Salesforce refused the lead for twilio:SM1")
                .contains("INVALID_CROSS_REFERENCE_KEY");
        assertThat(results.get(0).retryable()).isFalse();
        assertThat(results.get(1).isWritten()).isTrue();
        assertThat(results.get(1).lead()).isNotNull();
        assertThat(results.get(2).isWritten()).isTrue();
        assertThat(org.org.rows("Task")).as("no Task for the refused lead's text").hasSize(2);
    }

    @Test
    void twoHundredNewCustomersTakeTwoCallsLeadsAndTasksCountingTowardTheTwoHundredRecordsOfACall() {
        List<ActivityDraft> drafts = IntStream.range(0, 150).mapToObj(i -> textFrom(
                PhoneNumber.parse(String.format("+1555030%04d", i), CrmFixture.REGION), "twilio:L" + i,
                "twilio:SM" + i)).toList();

        List<ActivityWriteResult> results = org.crm.writeActivities(drafts);

        assertThat(results).allSatisfy(result -> assertThat(result.isWritten()).isTrue());
        assertThat(org.org.operations()).containsExactly("create: 200 Lead", "create: 100 Lead");
        assertThat(org.org.rows("Task")).allSatisfy(task -> assertThat(org.org.record(task.get("WhoId")).type())
                .isEqualTo("Lead"));
    }

    @Test
    void textsNamingTheSameNewLeadCreateItOnceAndAllGoOnIt() {
        List<ActivityWriteResult> results = org.crm.writeActivities(List.of(
                textFrom(STRANGER, "twilio:SM1", "twilio:SM1"), textFrom(STRANGER, "twilio:SM1", "twilio:SM2")));

        assertThat(org.org.operations()).containsExactly("create: 3 Lead");
        assertThat(results).allSatisfy(result -> assertThat(result.isWritten()).isTrue());
        assertThat(results.get(1).lead().ref()).isEqualTo(results.get(0).lead().ref());
        assertThat(org.activitiesOn(results.get(0).lead().ref())).hasSize(2);
    }

    private static ActivityDraft textFrom(PhoneNumber from, String leadKey, String textKey) {
        return textFrom(from, leadKey, textKey, "U-ALICE");
    }

    private static ActivityDraft textFrom(PhoneNumber from, String leadKey, String textKey, String owner) {
        NewLead lead = new NewLead(leadKey, from, owner, "SMS " + from.value());
        return new ActivityDraft(textKey, null, Direction.INBOUND, from,
                PhoneNumber.parse("+15550100001", CrmFixture.REGION), "Hi", List.of(), OrgUnderTest.NOW, "twilio",
                textKey.substring(textKey.indexOf(':') + 1), null, owner, lead);
    }
}
