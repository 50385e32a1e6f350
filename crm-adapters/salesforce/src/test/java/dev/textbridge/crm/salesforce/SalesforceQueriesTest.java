package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.salesforce.internal.Sosl;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Large answers come page by page, large batches are split at the API's limits, and ids may be asked in 15 characters. */
class SalesforceQueriesTest {

    @Test
    void largeQueryResultsAreReadToTheEndWithQueryMore() {
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard())) {
            org.org.pageSize(2);
            Set<RecordRef> all = CrmFixture.standard().records().stream().map(CrmFixture.FixtureRecord::ref)
                    .collect(Collectors.toSet());

            Map<RecordRef, CrmRecord> found = org.crm.findRecords(all);

            assertThat(found).containsOnlyKeys(all);
            assertThat(org.org.operations()).anySatisfy(op -> assertThat(op).startsWith("queryMore"));
        }
    }

    @Test
    void candidateReadsSplitIntoPagesAreReadToTheEndThroughNextRecordsUrl() {
        try (OrgUnderTest org = OrgUnderTest.holding(SalesforceCallBudgetTest.fiftyCustomers())) {
            org.org.pageSize(20);
            Set<PhoneNumber> numbers = new LinkedHashSet<>();
            IntStream.range(0, 50).forEach(i -> numbers.add(SalesforceCallBudgetTest.customerNumber(i)));

            long before = org.crm.apiCalls();
            Map<PhoneNumber, List<CandidateRecord>> found = org.crm.findCandidates(numbers);

            assertThat(found.values()).allSatisfy(candidates -> assertThat(candidates).hasSize(1));
            assertThat(org.org.operations()).filteredOn(op -> op.startsWith("rest query: /query/01g")).hasSize(2);
            assertThat(org.crm.apiCalls() - before).as("SOSL, composite, two next pages of contacts").isEqualTo(4);
        }
    }

    @Test
    void aReadSalesforceRefusesInsideTheCompositeFailsTheLookupNamingTheFieldAsBefore() {
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard(), settings -> settings.withPhoneFields(
                Map.of(RecordType.CONTACT, List.of("MobilePhone", "Pager__c"), RecordType.ACCOUNT, List.of("Phone"),
                        RecordType.LEAD, List.of("MobilePhone"))))) {
            PhoneNumber number = PhoneNumber.parse("+15550100200", "US");

            assertThatThrownBy(() -> org.crm.findCandidates(Set.of(number)))
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("Salesforce read contacts failed: INVALID_FIELD: No such column 'Pager__c'")
                    .hasMessageContaining("textbridge.crm.salesforce.field-mapping");
        }
    }

    @Test
    void aBatchTooLongForOneSearchIsSplitAndEveryNumberStillFound() {
        try (OrgUnderTest org = OrgUnderTest.holding(SalesforceCallBudgetTest.fiftyCustomers())) {
            Set<PhoneNumber> numbers = new LinkedHashSet<>();
            IntStream.range(0, 50).forEach(i -> numbers.add(SalesforceCallBudgetTest.customerNumber(i)));
            IntStream.range(1000, 1150).forEach(i -> numbers.add(SalesforceCallBudgetTest.customerNumber(i)));

            Map<PhoneNumber, List<CandidateRecord>> found = org.crm.findCandidates(numbers);

            List<String> searches = org.org.operations().stream().filter(op -> op.startsWith("search")).toList();
            assertThat(searches).hasSizeGreaterThan(1).allSatisfy(search -> assertThat(
                    search.substring(search.indexOf('{') + 1, search.indexOf("} IN")).length()).isLessThan(4000));
            assertThat(found).hasSize(200);
            assertThat(found.values().stream().filter(candidates -> !candidates.isEmpty()).count()).isEqualTo(50);
        }
    }

    @Test
    void theSearchGroupsKeepEveryExpressionUnderFourThousandCharacters() {
        List<PhoneNumber> numbers = IntStream.range(0, 500).mapToObj(SalesforceCallBudgetTest::customerNumber).toList();

        List<List<PhoneNumber>> groups = Sosl.groups(numbers);

        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(500);
        assertThat(groups).allSatisfy(group -> assertThat(Sosl.phoneSearch(group.stream()
                .flatMap(number -> Sosl.termsFor(number).stream()).toList(), "Contact(Id)")).hasSizeLessThan(4100));
    }

    @Test
    void aRecordAskedForByItsFifteenCharacterIdIsAnsweredUnderThatId() {
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard())) {
            String id18 = org.org.createdInUi("Contact", "Name", "Long Id", "OwnerId", "U-BOB").get("Id");
            RecordRef asked = new RecordRef(RecordType.CONTACT, id18.substring(0, 15));

            assertThat(id18).hasSize(18);
            assertThat(org.crm.findRecords(Set.of(asked))).containsOnlyKeys(asked)
                    .hasEntrySatisfying(asked, record -> assertThat(record.name()).isEqualTo("Long Id"));
        }
    }

    @Test
    void usersAreInTheirQueuesAndHoldTheSmsPrivilegeThroughThePermissionSet() {
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard())) {
            assertThat(org.crm.findUsers(Set.of("U-BOB")).get("U-BOB").smsPrivilege()).isTrue();
            assertThat(org.org.operations()).anySatisfy(op -> assertThat(op)
                    .contains("FROM PermissionSetAssignments WHERE PermissionSet.Name = 'Textbridge_Seller'"));
        }
    }

    @Test
    void aClosedOpportunityIsAnInactiveCandidateAndAConvertedLeadIsNoCandidate() {
        PhoneNumber harbor = PhoneNumber.parse("+15550100300", "US");
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard())) {
            String closed = org.org.createdInUi("Opportunity", "Name", "Harbor lost deal", "OwnerId", "U-BOB",
                    "AccountId", "A-2", "IsClosed", "true").get("Id");
            String converted = org.org.createdInUi("Lead", "Name", "Converted Harbor", "LastName", "Converted Harbor",
                    "OwnerId", "U-BOB", "IsConverted", "true", "Status", "Closed - Converted",
                    "Phone", "555 010 0300").get("Id");
            org.org.catchUpSearchIndex();

            List<CandidateRecord> found = org.crm.findCandidates(Set.of(harbor)).get(harbor);

            assertThat(found).filteredOn(candidate -> candidate.ref().id().equals(closed)).singleElement()
                    .satisfies(candidate -> {
                        assertThat(candidate.active()).isFalse();
                        assertThat(candidate.phoneField()).isEqualTo("account.business");
                    });
            assertThat(found).noneMatch(candidate -> candidate.ref().id().equals(converted));
            RecordRef convertedRef = new RecordRef(RecordType.LEAD, converted);
            assertThat(org.crm.findRecords(Set.of(convertedRef)).get(convertedRef).active()).isFalse();
        }
    }

    @Test
    void aDeliveryStateForAnActivityDeletedSinceIsDroppedWithoutFailingTheRest() {
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard())) {
            RecordRef contact = new RecordRef(RecordType.CONTACT, "C-1");
            String written = org.crm.writeActivities(List.of(SalesforceCallBudgetTest.inbound("twilio:SM1", contact,
                    PhoneNumber.parse("+15550100200", "US")))).get(0).activityId();

            org.crm.updateActivities(List.of(
                    new dev.textbridge.crm.api.ActivityUpdate("00TDELETED0000001AAA",
                            dev.textbridge.mappings.model.DeliveryStatus.DELIVERED, null),
                    new dev.textbridge.crm.api.ActivityUpdate(written,
                            dev.textbridge.mappings.model.DeliveryStatus.DELIVERED, null)));

            assertThat(org.org.record(written).get("Textbridge_Delivery_Status__c")).isEqualTo("DELIVERED");
        }
    }

    @Test
    void aSearchHitWhoseNumberIsAnotherAfterNormalisingDoesNotCount() {
        PhoneNumber dana = PhoneNumber.parse("+15550100200", "US");
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard())) {
            String london = org.org.createdInUi("Contact", "Name", "Same Digits London", "OwnerId", "U-BOB",
                    "Phone", "+44 555 010 0200").get("Id");
            org.org.catchUpSearchIndex();

            List<CandidateRecord> found = org.crm.findCandidates(Set.of(dana)).get(dana);

            assertThat(org.org.operations()).anySatisfy(op -> assertThat(op).contains("'" + london + "'"));
            assertThat(found).as("the search returned it; the re-check drops it").hasSize(4)
                    .noneMatch(candidate -> candidate.ref().id().equals(london));
        }
    }
}
