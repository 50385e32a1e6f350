package dev.textbridge.crm.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CRM content the contract tests run against, as plain data: each adapter's test writes it into its CRM (a seed
 * file, WireMock stubs in the CRM's wire format) in {@link CrmAdapterContractTest#adapterWith}.
 * <p>
 * Phones are free text exactly as a person typed them into the CRM; numbers without a country code are in region
 * {@value #REGION}.
 */
public record CrmFixture(List<User> users, List<Team> teams, List<FixtureRecord> records) {

    /** The default region the adapter under test must use. */
    public static final String REGION = "US";

    public CrmFixture {
        users = List.copyOf(users);
        teams = List.copyOf(teams);
        records = List.copyOf(records);
    }

    /** A seller or an admin. */
    public record User(String id, String name, List<String> teams, boolean smsPrivilege) {
        public User {
            teams = List.copyOf(teams);
        }
    }

    /** A team; its members are the users whose teams name it. */
    public record Team(String id, String name) {
    }

    /**
     * A contact, account, opportunity or lead.
     *
     * @param phones  phone field ({@code business}, {@code mobile}, {@code home}, {@code other}) to free text, in order
     * @param contact for an opportunity, its contact's id, else null
     * @param account for an opportunity, its account's id, else null
     */
    public record FixtureRecord(RecordType type, String id, String name, String owner, boolean active, Instant lastModified,
                         Map<String, String> phones, String contact, String account) {
        public FixtureRecord {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(lastModified, "lastModified");
            phones = Collections.unmodifiableMap(new LinkedHashMap<>(phones));
        }

        public RecordRef ref() {
            return new RecordRef(type, id);
        }
    }

    /**
     * Users U-ALICE (T-EAST, SMS privilege), U-BOB (T-WEST, privilege), U-CARL (T-EAST, no privilege); teams T-EAST and
     * T-WEST; and records that exercise every matching rule:
     * <ul>
     *   <li>+1 555 010 0200 on contact C-1 (business), account A-1 (business), inactive lead L-1 (mobile), each
     *       written differently, and so on opportunity O-1 through both its contact and its account;</li>
     *   <li>+1 555 010 0201 only on C-1's mobile, so O-1 has it only through its contact;</li>
     *   <li>+1 555 010 0300 only on account A-2, so opportunity O-2 has it only through its account;</li>
     *   <li>+1 555 010 0400 shared by contacts C-2 and C-3 (C-3 holds it in two fields);</li>
     *   <li>+1 555 010 0500 on contact C-4, written with an extension;</li>
     *   <li>+1 555 010 0600 only on the inactive lead L-2;</li>
     *   <li>contact C-5 whose only phone is no number at all.</li>
     * </ul>
     */
    public static CrmFixture standard() {
        return new CrmFixture(
                List.of(new User("U-ALICE", "Alice Seller", List.of("T-EAST"), true),
                        new User("U-BOB", "Bob Seller", List.of("T-WEST"), true),
                        new User("U-CARL", "Carl Junior", List.of("T-EAST"), false)),
                List.of(new Team("T-EAST", "East sales"), new Team("T-WEST", "West sales")),
                List.of(crmRecord(RecordType.CONTACT, "C-1", "Dana Customer", "U-ALICE", true, "2026-11-01T10:00:00Z",
                                phones("business", "(555) 010-0200", "mobile", "+1 555 010 0201")),
                        crmRecord(RecordType.ACCOUNT, "A-1", "Dana Corp", "U-BOB", true, "2026-10-20T08:30:00Z",
                                phones("business", "555.010.0200")),
                        opportunity("O-1", "Renewal 2027", "U-ALICE", "2026-11-03T14:00:00Z", "C-1", "A-1"),
                        crmRecord(RecordType.LEAD, "L-1", "Pat Prospect", "T-EAST", false, "2026-09-12T16:45:00Z",
                                phones("mobile", "0015550100200")),
                        crmRecord(RecordType.ACCOUNT, "A-2", "Harbor Logistics", "U-BOB", true, "2026-08-05T12:00:00Z",
                                phones("business", "+1 (555) 010-0300")),
                        opportunity("O-2", "Harbor fleet 2027", "U-BOB", "2026-10-30T09:15:00Z", null, "A-2"),
                        crmRecord(RecordType.CONTACT, "C-2", "Sam Shared", "U-BOB", true, "2026-07-01T08:00:00Z",
                                phones("mobile", "+1 (555) 010-0400")),
                        crmRecord(RecordType.CONTACT, "C-3", "Kim Shared", "U-CARL", true, "2026-07-02T08:00:00Z",
                                phones("home", "555 010 0400", "mobile", "555-010-0400")),
                        crmRecord(RecordType.CONTACT, "C-4", "Eli Extension", "U-ALICE", true, "2026-06-15T15:30:00Z",
                                phones("business", "(555) 010-0500 ext. 12")),
                        crmRecord(RecordType.LEAD, "L-2", "Robin Lapsed", "U-CARL", false, "2025-12-01T11:00:00Z",
                                phones("mobile", "555-010-0600")),
                        crmRecord(RecordType.CONTACT, "C-5", "Noel Nonumber", "U-ALICE", true, "2026-05-20T10:00:00Z",
                                phones("business", "ask at front desk"))));
    }

    /** The record with this id. */
    public FixtureRecord record(String id) {
        return records.stream().filter(record -> record.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no record " + id + " in the fixture"));
    }

    private static FixtureRecord crmRecord(RecordType type, String id, String name, String owner, boolean active,
                                 String lastModified, Map<String, String> phones) {
        return new FixtureRecord(type, id, name, owner, active, Instant.parse(lastModified), phones, null, null);
    }

    private static FixtureRecord opportunity(String id, String name, String owner, String lastModified, String contact,
                                      String account) {
        return new FixtureRecord(RecordType.OPPORTUNITY, id, name, owner, true, Instant.parse(lastModified), Map.of(),
                contact, account);
    }

    private static Map<String, String> phones(String... fieldsAndTexts) {
        Map<String, String> phones = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndTexts.length; i += 2) {
            phones.put(fieldsAndTexts[i], fieldsAndTexts[i + 1]);
        }
        return phones;
    }
}
