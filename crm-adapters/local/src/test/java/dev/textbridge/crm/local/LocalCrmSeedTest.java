package dev.textbridge.crm.local;

import dev.textbridge.crm.api.CrmTeam;
import dev.textbridge.crm.api.CrmUser;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.textbridge.crm.local.LocalCrmUnderTest.NOW;
import static dev.textbridge.crm.local.LocalCrmUnderTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class LocalCrmSeedTest {

    /** The example of the issue, as an admin would write it. */
    private static final String EXAMPLE = """
            users:   [ { id: U-ALICE, name: Alice Seller, teams: [T-EAST], sms-privilege: true } ]
            teams:   [ { id: T-EAST, name: East sales } ]
            records:
              - { type: contact, id: C-1, name: Dana Customer, owner: U-ALICE, active: true,
                  last-modified: "2026-11-01T10:00:00Z",
                  phones: { business: "(555) 010-0200", mobile: "+1 555 010 0201" } }
              - { type: account, id: A-1, name: Dana Corp, owner: U-BOB, phones: { business: "555.010.0200" } }
              - { type: opportunity, id: O-1, name: Renewal 2027, owner: U-ALICE, contact: C-1, account: A-1 }
              - { type: lead, id: L-1, name: Pat Prospect, owner: T-EAST, active: false, phones: { mobile: "0015550100200" } }
            """;

    private final H2Database database = new H2Database();
    private final LocalCrm crm = LocalCrmUnderTest.over(database.dataSource());

    @AfterEach
    void dropTheDatabase() throws Exception {
        database.close();
    }

    @Test
    void theExampleSeedLoadsWithPhonesAsTypedAndDefaultsForActiveAndLastModified() {
        assertThat(crm.seedIfEmpty(yaml(EXAMPLE))).isTrue();

        assertThat(crm.records()).containsExactly(
                new LocalRecord(RecordType.CONTACT, "C-1", "Dana Customer", "U-ALICE", true,
                        Instant.parse("2026-11-01T10:00:00Z"),
                        Map.of("business", "(555) 010-0200", "mobile", "+1 555 010 0201"), null, null, null),
                new LocalRecord(RecordType.ACCOUNT, "A-1", "Dana Corp", "U-BOB", true, NOW,
                        Map.of("business", "555.010.0200"), null, null, null),
                new LocalRecord(RecordType.OPPORTUNITY, "O-1", "Renewal 2027", "U-ALICE", true, NOW,
                        Map.of(), "C-1", "A-1", null),
                new LocalRecord(RecordType.LEAD, "L-1", "Pat Prospect", "T-EAST", false, NOW,
                        Map.of("mobile", "0015550100200"), null, null, null));
        assertThat(crm.records().get(0).phones().keySet()).as("in the seed's order")
                .containsExactly("business", "mobile");
    }

    @Test
    void theExampleSeedGivesUsersTheirTeamsAndTeamsTheirMembers() {
        crm.seedIfEmpty(yaml(EXAMPLE));

        assertThat(crm.findUsers(Set.of("U-ALICE")))
                .containsEntry("U-ALICE", new CrmUser("U-ALICE", "Alice Seller", Set.of("T-EAST"), true));
        assertThat(crm.findTeams(Set.of("T-EAST")))
                .containsEntry("T-EAST", new CrmTeam("T-EAST", "East sales", Set.of("U-ALICE")));
    }

    @Test
    void aUserWithoutSmsPrivilegeOrTeamsIsSeededSo() {
        crm.seedIfEmpty(yaml("users: [ { id: U-DEE, name: Dee Admin } ]"));

        assertThat(crm.findUsers(Set.of("U-DEE")))
                .containsEntry("U-DEE", new CrmUser("U-DEE", "Dee Admin", Set.of(), false));
    }

    @Test
    void aRecordsSourceIsKeptAsWrittenAndABlankOneIsNone() {
        crm.seedIfEmpty(yaml("""
                records:
                  - { type: lead, id: L-1, name: Pat Prospect, source: " Trade show " }
                  - { type: lead, id: L-2, name: Robin Lapsed, source: "" }
                """));

        assertThat(crm.records()).extracting(LocalRecord::id, LocalRecord::source)
                .containsExactly(tuple("L-1", "Trade show"), tuple("L-2", null));
    }

    @Test
    void aSecondSeedIsIgnoredOnceTheCrmHoldsData() {
        crm.seedIfEmpty(yaml(EXAMPLE));

        boolean seededAgain = crm.seedIfEmpty(yaml("records: [ { type: contact, id: C-9, name: Someone Else } ]"));

        assertThat(seededAgain).isFalse();
        assertThat(crm.records()).extracting(LocalRecord::id).containsExactly("C-1", "A-1", "O-1", "L-1");
    }

    @Test
    void aBrokenSeedIsNotEvenReadOnceTheCrmHoldsData() {
        crm.seedIfEmpty(yaml(EXAMPLE));

        assertThat(crm.seedIfEmpty(yaml("records: [ { type: spaceship } ]"))).isFalse();
    }

    @Test
    void leadsTheConnectorCreatedSurviveARestart() {
        crm.seedIfEmpty(yaml(EXAMPLE));
        RecordRef lead = LocalCrmUnderTest.leadWithText(crm, new NewLead("twilio:SM1",
                PhoneNumber.parse("+1 555 010 0999", "US"), "U-ALICE", "SMS +15550100999"));

        LocalCrm restarted = LocalCrmUnderTest.over(database.dataSource());
        restarted.seedIfEmpty(yaml(EXAMPLE));

        assertThat(restarted.records()).extracting(LocalRecord::id)
                .containsExactly("C-1", "A-1", "O-1", "L-1", lead.id());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            an unknown record type | records: [ { type: customer, id: X-1, name: Xavier } ] \
                | record X-1: unknown record type 'customer' (expected contact, account, opportunity or lead)
            a record without type  | records: [ { id: X-1, name: Xavier } ] \
                | record X-1 has no type (expected contact, account, opportunity or lead)
            a record without id    | records: [ { type: contact, name: Dana Customer } ] \
                | record #1 ('Dana Customer') has no id
            a record without name  | records: [ { type: contact, id: C-1 } ] \
                | record C-1 has no name
            a repeated id          | records: [ { type: contact, id: C-1, name: A }, { type: lead, id: C-1, name: B } ] \
                | record C-1 appears more than once
            an opportunity's unknown contact | records: [ { type: opportunity, id: O-1, name: Deal, contact: C-9 } ] \
                | opportunity O-1 names contact C-9, which is no contact of the seed
            an opportunity's account that is a contact | records: [ { type: contact, id: C-1, name: Dana }, { type: opportunity, id: O-1, name: Deal, account: C-1 } ] \
                | opportunity O-1 names account C-1, which is no account of the seed
            a contact with a contact | records: [ { type: contact, id: C-1, name: Dana }, { type: contact, id: C-2, name: Sam, contact: C-1 } ] \
                | record C-2 names a contact or an account, which only an opportunity has
            a last-modified that is no time | records: [ { type: lead, id: L-1, name: Pat, last-modified: yesterday } ] \
                | record L-1: last-modified 'yesterday' is not an instant like 2026-11-01T10:00:00Z
            a user's unknown team  | users: [ { id: U-ALICE, name: Alice, teams: [T-NORTH] } ] \
                | user U-ALICE names team T-NORTH, which the seed does not define
            a team without name    | teams: [ { id: T-EAST } ] \
                | team T-EAST has no name
            a misspelt key         | records: [ { type: lead, id: L-1, name: Pat, acitve: false } ] \
                | acitve
            """)
    void aSeedWithAMistakeIsRefusedNamingTheRecordAndNothingIsStored(String mistake, String seed, String message) {
        assertThatThrownBy(() -> crm.seedIfEmpty(yaml(seed)))
                .isInstanceOf(InvalidSeedException.class)
                .hasMessageStartingWith("the local CRM seed is not valid: ")
                .hasMessageContaining(message);
        assertThat(crm.records()).isEmpty();
    }

    @Test
    void everyMistakeOfASeedIsNamedAtOnce() {
        String seed = """
                records:
                  - { type: contact, id: C-1 }
                  - { type: opportunity, id: O-1, name: Deal, contact: C-9, account: A-9 }
                """;

        assertThatThrownBy(() -> crm.seedIfEmpty(yaml(seed)))
                .isInstanceOfSatisfying(InvalidSeedException.class, e -> assertThat(e.problems()).containsExactly(
                        "record C-1 has no name",
                        "opportunity O-1 names contact C-9, which is no contact of the seed",
                        "opportunity O-1 names account A-9, which is no account of the seed"));
    }

    @Test
    void aFileThatIsNotYamlIsRefused() {
        assertThatThrownBy(() -> crm.seedIfEmpty(yaml("records: [ { type: contact, id: C-1")))
                .isInstanceOf(InvalidSeedException.class);
        assertThat(crm.records()).isEmpty();
    }

    @Test
    void anEmptyFileSeedsNothing() {
        crm.seedIfEmpty(yaml(""));

        assertThat(crm.records()).isEmpty();
    }
}
