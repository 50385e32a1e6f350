package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Record search by name: SOQL LIKE per type, every character of the query taken as text, ranked, within limits. */
class SalesforceSearchTest {

    private static final Set<RecordType> ALL = Set.of(RecordType.values());

    @AutoClose
    private OrgUnderTest org;

    @BeforeEach
    void start() {
        org = OrgUnderTest.holding(CrmFixture.standard());
    }

    @Test
    void percentUnderscoreQuotesAndBackslashesInTheQueryMatchOnlyThemselves() {
        String deals = org.org.createdInUi("Account", "Name", "50%_off Deals", "OwnerId", "U-BOB").get("Id");
        org.org.createdInUi("Account", "Name", "50ab off", "OwnerId", "U-BOB");
        String brien = org.org.createdInUi("Contact", "Name", "Dan O'Brien \\ {x} \"q\"", "OwnerId", "U-ALICE")
                .get("Id");

        assertThat(org.crm.searchRecords("0%_o", ALL, 10)).as("% and _ are no wildcards")
                .extracting(CrmRecord::ref).containsExactly(new RecordRef(RecordType.ACCOUNT, deals));
        assertThat(org.crm.searchRecords("o'BRIEN \\ {X} \"Q\"", ALL, 10))
                .extracting(CrmRecord::ref).containsExactly(new RecordRef(RecordType.CONTACT, brien));
        assertThat(org.org.operations())
                .anySatisfy(op -> assertThat(op).contains("FROM Account WHERE Name LIKE '%0\\%\\_o%'"))
                .anySatisfy(op -> assertThat(op).contains("Name LIKE '%o\\'BRIEN \\\\ {X} \\\"Q\\\"%'"));
    }

    @Test
    void theBestMatchesComeFirstEvenWhenMoreRecentOnesAreMany() {
        org.org.createdInUi("Account", "Name", "Big Dana", "OwnerId", "U-BOB");
        org.org.createdInUi("Account", "Name", "Aldana Inc", "OwnerId", "U-BOB");
        org.org.createdInUi("Account", "Name", "Dana", "OwnerId", "U-BOB");

        assertThat(org.crm.searchRecords("dana", ALL, 10)).extracting(CrmRecord::name)
                .as("equal, then starting with it (newest first), then a word starting with it, then the rest")
                .containsExactly("Dana", "Dana Customer", "Dana Corp", "Big Dana", "Aldana Inc");
        assertThat(org.crm.searchRecords("dana", ALL, 2)).extracting(CrmRecord::name)
                .containsExactly("Dana", "Dana Customer");
    }

    @Test
    void onlyTheTypesAskedForAreQueriedOneCallEach() {
        long before = org.crm.apiCalls();

        assertThat(org.crm.searchRecords("dana", Set.of(RecordType.CONTACT), 10)).extracting(CrmRecord::name)
                .containsExactly("Dana Customer");

        assertThat(org.crm.apiCalls() - before).isEqualTo(1);
        assertThat(org.org.operations()).filteredOn(op -> op.startsWith("query"))
                .singleElement().asString().contains("FROM Contact WHERE Name LIKE");
    }

    @Test
    void aBlankOrOverlongQueryOrNoTypeOrNoRoomAnswersNothingWithoutACall() {
        assertThat(org.crm.searchRecords("   ", ALL, 10)).isEmpty();
        assertThat(org.crm.searchRecords(null, ALL, 10)).isEmpty();
        assertThat(org.crm.searchRecords("x".repeat(256), ALL, 10)).isEmpty();
        assertThat(org.crm.searchRecords("dana", Set.of(), 10)).isEmpty();
        assertThat(org.crm.searchRecords("dana", ALL, 0)).isEmpty();

        assertThat(org.server.soapRequests()).isEmpty();
        assertThat(org.crm.apiCalls()).isZero();
    }

    @Test
    void activeFollowsTheRulesOfFindRecordsAndConvertedLeadsAreLeftOut() {
        String lost = org.org.createdInUi("Opportunity", "Name", "Prospect deal lost", "OwnerId", "U-BOB",
                "IsClosed", "true").get("Id");
        org.org.createdInUi("Lead", "Name", "Prospect Converted", "OwnerId", "U-BOB", "IsConverted", "true",
                "Status", "Closed - Converted");
        String open = org.org.createdInUi("Lead", "Name", "Prospect Open", "OwnerId", "U-BOB", "IsConverted", "false",
                "Status", "Open - Not Contacted").get("Id");

        List<CrmRecord> found = org.crm.searchRecords("prospect", ALL, 10);

        assertThat(found).extracting(record -> record.ref().id(), CrmRecord::active)
                .containsExactlyInAnyOrder(tuple("L-1", false), tuple(open, true), tuple(lost, false));
        assertThat(found).extracting(CrmRecord::name).doesNotContain("Prospect Converted");
    }
}
