package dev.textbridge.crm.local;

import dev.textbridge.crm.api.CrmTeam;
import dev.textbridge.crm.api.CrmUser;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static dev.textbridge.crm.local.LocalCrmUnderTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** The sample data the connector ships as {@code classpath:sample-crm.yaml}. */
class SampleCrmTest {

    private final H2Database database = new H2Database();
    private final LocalCrm crm = LocalCrmUnderTest.over(database.dataSource());

    @BeforeEach
    void loadTheSample() throws Exception {
        try (InputStream sample = LocalCrm.class.getClassLoader().getResourceAsStream("sample-crm.yaml")) {
            assertThat(sample).as("classpath:sample-crm.yaml").isNotNull();
            assertThat(crm.seedIfEmpty(sample)).isTrue();
        }
    }

    @AfterEach
    void dropTheDatabase() throws Exception {
        database.close();
    }

    @Test
    void theSampleHoldsTheThreeSellersAndTwoTeams() {
        assertThat(crm.findUsers(Set.of("U-ALICE", "U-BOB", "U-CARL"))).containsOnly(
                Map.entry("U-ALICE", new CrmUser("U-ALICE", "Alice Seller", Set.of("T-EAST"), true)),
                Map.entry("U-BOB", new CrmUser("U-BOB", "Bob Seller", Set.of("T-WEST"), true)),
                Map.entry("U-CARL", new CrmUser("U-CARL", "Carl Junior", Set.of("T-EAST"), false)));
        assertThat(crm.findTeams(Set.of("T-EAST", "T-WEST"))).containsOnly(
                Map.entry("T-EAST", new CrmTeam("T-EAST", "East sales", Set.of("U-ALICE", "U-CARL"))),
                Map.entry("T-WEST", new CrmTeam("T-WEST", "West sales", Set.of("U-BOB"))));
    }

    @Test
    void theSampleHoldsTheFourRecordsOfTheExampleExactly() {
        assertThat(crm.records()).contains(
                new LocalRecord(RecordType.CONTACT, "C-1", "Dana Customer", "U-ALICE", true,
                        Instant.parse("2026-11-01T10:00:00Z"),
                        Map.of("business", "(555) 010-0200", "mobile", "+1 555 010 0201"), null, null, null),
                new LocalRecord(RecordType.ACCOUNT, "A-1", "Dana Corp", "U-BOB", true, NOW,
                        Map.of("business", "555.010.0200"), null, null, null),
                new LocalRecord(RecordType.OPPORTUNITY, "O-1", "Renewal 2027", "U-ALICE", true, NOW,
                        Map.of(), "C-1", "A-1", null),
                new LocalRecord(RecordType.LEAD, "L-1", "Pat Prospect", "T-EAST", false, NOW,
                        Map.of("mobile", "0015550100200"), null, null, null));
    }

    @Test
    void theSampleHoldsADozenRecordsOfAllFourTypes() {
        assertThat(crm.records()).hasSizeGreaterThanOrEqualTo(12)
                .extracting(LocalRecord::type).contains(RecordType.values());
    }

    @Test
    void everySamplePhoneIsAUsNumberInTheFictionalRange() {
        assertThat(crm.records()).flatExtracting(record -> record.phones().values())
                .isNotEmpty()
                .allSatisfy(text -> assertThat(PhoneNumber.tryParse(text, "US")).get()
                        .extracting(PhoneNumber::value).asString().matches("\\+1555010\\d{4}"));
    }
}
