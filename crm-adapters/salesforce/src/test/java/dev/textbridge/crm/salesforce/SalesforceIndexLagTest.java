package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.CreatedLead;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Salesforce's search index lags behind records just created or edited; the fake org's does too, until the test says
 * it caught up. The adapter covers the window with a query over recently modified records.
 */
class SalesforceIndexLagTest {

    private static final PhoneNumber STRANGER = PhoneNumber.parse("+15550100777", "US");

    @Test
    void twoTextsMinutesApartFromOneUnknownNumberMakeOneLeadNotTwo() {
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard())) {
            assertThat(org.crm.findCandidates(Set.of(STRANGER)).get(STRANGER)).isEmpty();
            CreatedLead lead = org.leadWithText(new NewLead("twilio:SM1", STRANGER, "U-ALICE", "SMS +15550100777"));

            org.clock.advance(Duration.ofMinutes(3));
            List<CandidateRecord> second = org.crm.findCandidates(Set.of(STRANGER)).get(STRANGER);

            assertThat(second).extracting(CandidateRecord::ref).as("the connector routes the second text to it")
                    .containsExactly(lead.ref());
            assertThat(org.org.rows("Lead")).filteredOn(row -> STRANGER.value().equals(row.get("MobilePhone")))
                    .hasSize(1);
        }
    }

    @Test
    void aLeadCreatedForOneNumberIsNotReadAgainWhenOtherNumbersAreLookedUp() {
        PhoneNumber other = PhoneNumber.parse("+15550100778", "US");
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard())) {
            CreatedLead lead = org.leadWithText(new NewLead("twilio:SM1", STRANGER, "U-ALICE", "SMS +15550100777"));
            int before = org.org.operations().size();

            assertThat(org.crm.findCandidates(Set.of(other)).get(other)).isEmpty();

            List<String> sent = org.org.operations();
            assertThat(sent.subList(before, sent.size())).as("what the lookup of another number sent").isNotEmpty()
                    .noneMatch(operation -> operation.contains(lead.ref().id()));
            assertThat(org.crm.findCandidates(Set.of(STRANGER)).get(STRANGER)).extracting(CandidateRecord::ref)
                    .containsExactly(lead.ref());
        }
    }

    @Test
    void aContactASellerCreatedAMinuteAgoIsACandidateBeforeTheSearchIndexShowsIt() {
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard())) {
            org.clock.advance(Duration.ofMinutes(-1));
            String id = org.org.createdInUi("Contact", "Name", "Sam New", "OwnerId", "U-BOB",
                    "MobilePhone", "555-010-0777").get("Id");
            org.clock.advance(Duration.ofMinutes(1));

            assertThat(org.crm.findCandidates(Set.of(STRANGER)).get(STRANGER))
                    .extracting(CandidateRecord::ref, CandidateRecord::phoneField)
                    .containsExactly(tuple(new RecordRef(RecordType.CONTACT, id), "mobile"));
        }
    }

    @Test
    void withoutTheCoverARecordIsFoundOnlyOnceTheIndexCaughtUp() {
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard(),
                settings -> settings.withIndexLagWindow(Duration.ZERO))) {
            String id = org.org.createdInUi("Contact", "Name", "Sam New", "OwnerId", "U-BOB",
                    "Phone", "(555) 010-0777").get("Id");

            assertThat(org.crm.findCandidates(Set.of(STRANGER)).get(STRANGER)).isEmpty();
            org.org.catchUpSearchIndex();
            assertThat(org.crm.findCandidates(Set.of(STRANGER)).get(STRANGER)).extracting(CandidateRecord::ref)
                    .containsExactly(new RecordRef(RecordType.CONTACT, id));
        }
    }

    @Test
    void aRecordEditedBeforeTheWindowAndNotYetIndexedIsMissedUntilTheIndexCatchesUp() {
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard())) {
            org.clock.advance(Duration.ofMinutes(-20));
            org.org.createdInUi("Lead", "Name", "Old Lead", "LastName", "Old Lead", "OwnerId", "U-BOB",
                    "IsConverted", "false", "Status", "Open - Not Contacted", "Phone", "5550100777");
            org.clock.advance(Duration.ofMinutes(20));

            assertThat(org.crm.findCandidates(Set.of(STRANGER)).get(STRANGER)).as("15 minutes of cover by default")
                    .isEmpty();
            org.org.catchUpSearchIndex();
            assertThat(org.crm.findCandidates(Set.of(STRANGER)).get(STRANGER)).hasSize(1);
        }
    }
}
