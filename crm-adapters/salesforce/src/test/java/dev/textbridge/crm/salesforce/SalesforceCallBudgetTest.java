package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
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

    private OrgUnderTest org;

    @AfterEach
    void stop() {
        org.close();
    }

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
        assertThat(lookups).as("SOAP calls to find the candidates of 50 numbers").isLessThanOrEqualTo(4);
        assertThat(org.server.soapRequests()).hasSize((int) lookups);

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
