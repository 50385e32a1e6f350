package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.Notification;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.salesforce.fakeorg.FakeOrg;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a burst of texts costs in Salesforce API calls. */
class SalesforceCallBudgetTest {

    private static final String REGION = CrmFixture.REGION;

    @AutoClose
    private OrgUnderTest org;

    @Test
    void fiftyTextsFromFiftyKnownNumbersCostAtMostFourCallsToLookUpAndOneToWrite() {
        org = OrgUnderTest.holding(fiftyCustomers());
        Set<PhoneNumber> numbers = new LinkedHashSet<>();
        IntStream.range(0, 50).forEach(i -> numbers.add(customerNumber(i)));

        long before = org.crm.apiCalls();
        Map<PhoneNumber, List<CandidateRecord>> found = org.crm.findCandidates(numbers);
        long lookups = org.crm.apiCalls() - before;

        assertThat(found.values()).as("every number matched its contact").allSatisfy(candidates ->
                assertThat(candidates).extracting(candidate -> candidate.ref().type())
                        .containsExactlyInAnyOrder(RecordType.CONTACT));
        assertThat(lookups).as("API calls to find the candidates of 50 numbers").isLessThanOrEqualTo(4);
        assertThat(org.org.operations()).as("one SOSL, then one composite request holding the three reads")
                .filteredOn(op -> !op.startsWith("composite query")).hasSize(2)
                .first().asString().startsWith("search: FIND {");
        assertThat(org.server.soapRequests().size() + org.server.restRequests().size()).isEqualTo((int) lookups);

        List<ActivityDraft> drafts = new ArrayList<>();
        found.forEach((number, candidates) -> drafts.add(inbound("twilio:SM" + number.value(),
                candidates.get(0).ref(), number)));
        before = org.crm.apiCalls();
        List<ActivityWriteResult> written = org.crm.writeActivities(drafts);

        assertThat(written).allSatisfy(result -> assertThat(result.isWritten()).isTrue());
        assertThat(org.crm.apiCalls() - before).as("SOAP calls to write 50 activities").isEqualTo(1);
        assertThat(org.crm.tokenRequests()).as("one token for the whole burst").isEqualTo(1);
    }

    @Test
    void aSingleTextFromAKnownContactCostsASearchACompositeReadAWriteAndItsNotification() {
        // the type given by id, as the notification type's id is looked up once and then kept
        org = OrgUnderTest.holding(fiftyCustomers(), settings -> settings.withNotificationType(
                FakeOrg.NOTIFICATION_TYPE_ID));
        PhoneNumber number = customerNumber(7);

        long before = org.crm.apiCalls();
        List<CandidateRecord> candidates = org.crm.findCandidates(Set.of(number)).get(number);
        ActivityWriteResult written = org.crm.writeActivities(List.of(inbound("twilio:SM1", candidates.get(0).ref(),
                number))).get(0);
        long lookupAndWrite = org.crm.apiCalls() - before;
        org.crm.sendNotifications(List.of(new Notification("U-ALICE", "New text", "hello", candidates.get(0).ref())));

        assertThat(candidates).extracting(CandidateRecord::ref).containsExactly(new RecordRef(RecordType.CONTACT, "C-7"));
        assertThat(written.isWritten()).isTrue();
        assertThat(lookupAndWrite).as("SOSL + composite + create").isEqualTo(3);
        assertThat(org.crm.apiCalls() - before).as("with the seller's notification").isEqualTo(4);
        assertThat(org.org.operations()).filteredOn(op -> !op.startsWith("composite query")).satisfiesExactly(
                op -> assertThat(op).startsWith("search: "),
                op -> assertThat(op).isEqualTo("rest: /composite 3 subrequests"),
                op -> assertThat(op).isEqualTo("create: 1 Task"),
                op -> assertThat(op).startsWith("rest: /actions/standard/customNotificationAction"));
    }

    @Test
    void aSingleTextFromANewCustomerCostsTheSameTheLeadWrittenWithTheText() {
        // the type given by id, as the notification type's id is looked up once and then kept
        org = OrgUnderTest.holding(fiftyCustomers(), settings -> settings.withNotificationType(
                FakeOrg.NOTIFICATION_TYPE_ID));
        PhoneNumber stranger = PhoneNumber.parse("+15550109999", REGION);

        long before = org.crm.apiCalls();
        List<CandidateRecord> candidates = org.crm.findCandidates(Set.of(stranger)).get(stranger);
        ActivityWriteResult written = org.crm.writeActivities(List.of(new ActivityDraft("twilio:SM1", null,
                Direction.INBOUND, stranger, PhoneNumber.parse("+15550100001", REGION), "hello", List.of(),
                Instant.parse("2026-11-25T08:59:00Z"), "twilio", "SM1", null, "U-ALICE",
                new NewLead("twilio:SM1", stranger, "U-ALICE", "SMS " + stranger.value())))).get(0);
        long lookupAndWrite = org.crm.apiCalls() - before;
        org.crm.sendNotifications(List.of(new Notification("U-ALICE", "New text", "hello", written.lead().ref())));

        assertThat(candidates).isEmpty();
        assertThat(written.isWritten()).isTrue();
        assertThat(lookupAndWrite).as("SOSL + composite + create of lead and Task").isEqualTo(3);
        assertThat(org.crm.apiCalls() - before).as("with the seller's notification").isEqualTo(4);
    }

    @Test
    void activitiesAreWrittenTwoHundredACall() {
        org = OrgUnderTest.holding(fiftyCustomers());
        RecordRef contact = new RecordRef(RecordType.CONTACT, "C-0");
        List<ActivityDraft> drafts = IntStream.range(0, 450)
                .mapToObj(i -> inbound("twilio:SM" + i, contact, customerNumber(0))).toList();

        long before = org.crm.apiCalls();
        List<ActivityWriteResult> written = org.crm.writeActivities(drafts);

        assertThat(written).hasSize(450).allSatisfy(result -> assertThat(result.isWritten()).isTrue());
        assertThat(org.crm.apiCalls() - before).isEqualTo(3);
        assertThat(org.org.operations()).filteredOn(op -> op.startsWith("create"))
                .containsExactly("create: 200 Task", "create: 200 Task", "create: 50 Task");
    }

    static CrmFixture fiftyCustomers() {
        List<CrmFixture.FixtureRecord> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String national = customerNumber(i).value().substring(2);
            String written = "(" + national.substring(0, 3) + ") " + national.substring(3, 6) + "-" + national.substring(6);
            records.add(new CrmFixture.FixtureRecord(RecordType.CONTACT, "C-" + i, "Customer " + i, "U-ALICE", true,
                    Instant.parse("2026-10-01T00:00:00Z"), Map.of("mobile", written), null, null));
        }
        return new CrmFixture(CrmFixture.standard().users(), CrmFixture.standard().teams(), records);
    }

    static PhoneNumber customerNumber(int i) {
        return PhoneNumber.parse(String.format("+1555020%04d", i), REGION);
    }

    static ActivityDraft inbound(String key, RecordRef record, PhoneNumber from) {
        return new ActivityDraft(key, record, Direction.INBOUND, from, PhoneNumber.parse("+15550100001", REGION),
                "hello", List.of(), Instant.parse("2026-11-25T08:59:00Z"), "twilio", key.substring(7), null);
    }
}
