package dev.textbridge.connector.routing;

import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The six rules of product-spec F2, each later rule only breaking the ties of the earlier ones. */
class RoutingEngineTest {

    private static final PhoneNumber CUSTOMER = PhoneNumber.ofNormalised("+15550100200");
    private static final PhoneNumber ALICES_NUMBER = PhoneNumber.ofNormalised("+15550100001");
    private static final Instant OLD = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant NEW = Instant.parse("2026-11-01T00:00:00Z");

    private final RoutingEngine engine = new RoutingEngine(List.of(RecordType.CONTACT, RecordType.ACCOUNT,
            RecordType.OPPORTUNITY, RecordType.LEAD));

    private static CandidateRecord record(RecordType type, String id, String owner, boolean active, Instant modified) {
        return new CandidateRecord(new RecordRef(type, id), id + " name", owner, active, modified, CUSTOMER, "mobile");
    }

    private static CandidateRecord contact(String id, String owner) {
        return record(RecordType.CONTACT, id, owner, true, OLD);
    }

    private static RoutingRequest request(Seller seller, List<CandidateRecord> candidates) {
        return request(seller, candidates, Map.of(), Set.of());
    }

    private static RoutingRequest request(Seller seller, List<CandidateRecord> candidates,
                                          Map<RecordRef, Instant> history, Set<String> teamMembers) {
        return new RoutingRequest(CUSTOMER, ALICES_NUMBER, seller, candidates, history, teamMembers, "U-DEFAULT");
    }

    static Stream<Arguments> rules() {
        CandidateRecord bobsContact = contact("C-BOB", "U-BOB");
        CandidateRecord alicesContact = contact("C-ALICE", "U-ALICE");
        CandidateRecord carlsContact = contact("C-CARL", "U-CARL");
        CandidateRecord teamsContact = contact("C-TEAM", "T-EAST");
        CandidateRecord alicesLead = record(RecordType.LEAD, "L-ALICE", "U-ALICE", true, NEW);
        CandidateRecord alicesAccount = record(RecordType.ACCOUNT, "A-ALICE", "U-ALICE", true, OLD);
        CandidateRecord alicesOpportunity = record(RecordType.OPPORTUNITY, "O-ALICE", "U-ALICE", true, OLD);
        CandidateRecord inactiveContact = record(RecordType.CONTACT, "C-OLD", "U-ALICE", false, NEW);
        CandidateRecord activeContact = record(RecordType.CONTACT, "C-ACTIVE", "U-ALICE", true, OLD);
        CandidateRecord staleContact = record(RecordType.CONTACT, "C-STALE", "U-ALICE", true, OLD);
        CandidateRecord freshContact = record(RecordType.CONTACT, "C-FRESH", "U-ALICE", true, NEW);
        CandidateRecord twinB = record(RecordType.CONTACT, "C-B", "U-ALICE", true, NEW);
        CandidateRecord twinA = record(RecordType.CONTACT, "C-A", "U-ALICE", true, NEW);
        return Stream.of(
                arguments("the record with the most recent conversation with the seller wins, even over one the seller owns",
                        request(Seller.user("U-ALICE"), List.of(alicesContact, bobsContact),
                                Map.of(bobsContact.ref(), NEW, alicesContact.ref(), OLD), Set.of()),
                        "C-BOB", "rule-1"),
                arguments("a record with a conversation beats one without",
                        request(Seller.user("U-ALICE"), List.of(alicesContact, bobsContact),
                                Map.of(bobsContact.ref(), OLD), Set.of()),
                        "C-BOB", "rule-1"),
                arguments("without conversations, the record owned by the seller wins",
                        request(Seller.user("U-ALICE"), List.of(bobsContact, alicesContact)),
                        "C-ALICE", "rule-2"),
                arguments("for a team's number, a record owned by a team member wins",
                        request(Seller.team("T-EAST"), List.of(bobsContact, carlsContact), Map.of(), Set.of("U-ALICE", "U-CARL")),
                        "C-CARL", "rule-3"),
                arguments("for a team's number, a record owned by the team itself wins",
                        request(Seller.team("T-EAST"), List.of(bobsContact, teamsContact), Map.of(), Set.of("U-ALICE")),
                        "C-TEAM", "rule-3"),
                arguments("among the seller's records, a contact beats an account, an opportunity and a lead",
                        request(Seller.user("U-ALICE"), List.of(alicesLead, alicesOpportunity, alicesAccount, alicesContact)),
                        "C-ALICE", "rule-4"),
                arguments("an account beats an opportunity and a lead",
                        request(Seller.user("U-ALICE"), List.of(alicesLead, alicesOpportunity, alicesAccount)),
                        "A-ALICE", "rule-4"),
                arguments("among records of one type, an active one beats a more recently updated inactive one",
                        request(Seller.user("U-ALICE"), List.of(inactiveContact, activeContact)),
                        "C-ACTIVE", "rule-5"),
                arguments("among active records of one type, the most recently updated wins",
                        request(Seller.user("U-ALICE"), List.of(staleContact, freshContact)),
                        "C-FRESH", "rule-6"),
                arguments("equal in everything, the smaller record id wins so the decision is reproducible",
                        request(Seller.user("U-ALICE"), List.of(twinB, twinA)),
                        "C-A", "rule-6"),
                arguments("for a number assigned to nobody, ownership does not count and type order decides",
                        request(null, List.of(alicesLead, bobsContact)),
                        "C-BOB", "rule-4"),
                arguments("a single candidate wins alone",
                        request(Seller.user("U-ALICE"), List.of(bobsContact)),
                        "C-BOB", "single-candidate"),
                arguments("a record that matched through two phone fields is one candidate",
                        request(Seller.user("U-ALICE"), List.of(bobsContact,
                                new CandidateRecord(bobsContact.ref(), "C-BOB name", "U-BOB", true, OLD, CUSTOMER, "business"))),
                        "C-BOB", "single-candidate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theRulesChooseTheRecord(String sentence, RoutingRequest request, String expectedId, String decidedBy) {
        RoutingDecision decision = engine.decide(request);

        assertThat(decision.chosen().ref().id()).isEqualTo(expectedId);
        assertThat(decision.decidedBy().wireName()).isEqualTo(decidedBy);
        assertThat(decision.candidates().get(0).outcome()).isEqualTo("chosen");
    }

    @Test
    void everyLosingCandidateSaysAtWhichRuleItLost() {
        CandidateRecord bobsAccount = record(RecordType.ACCOUNT, "A-BOB", "U-BOB", true, OLD);
        CandidateRecord alicesLead = record(RecordType.LEAD, "L-ALICE", "U-ALICE", true, NEW);
        CandidateRecord alicesContact = contact("C-ALICE", "U-ALICE");

        RoutingDecision decision = engine.decide(request(Seller.user("U-ALICE"), List.of(bobsAccount, alicesLead, alicesContact)));

        assertThat(decision.candidates()).extracting(o -> o.candidate().ref().id() + " " + o.outcome())
                .containsExactly("C-ALICE chosen", "A-BOB lost at rule-2", "L-ALICE lost at rule-4");
        assertThat(decision.explanation()).contains("C-ALICE").contains("rule 4");
    }

    @Test
    void eachCandidateShowsWhereItStoodOnEveryRule() {
        CandidateRecord bobsAccount = record(RecordType.ACCOUNT, "A-BOB", "U-BOB", false, OLD);
        CandidateRecord alicesContact = contact("C-ALICE", "U-ALICE");

        RoutingDecision decision = engine.decide(request(Seller.user("U-ALICE"), List.of(bobsAccount, alicesContact),
                Map.of(alicesContact.ref(), NEW), Set.of()));

        assertThat(decision.candidates().get(0).standings()).containsExactly(
                Map.entry("rule-1", "last message " + NEW),
                Map.entry("rule-2", "owned by U-ALICE, the seller"),
                Map.entry("rule-3", "not applied: the number belongs to user U-ALICE"),
                Map.entry("rule-4", "contact, 1st in type order"),
                Map.entry("rule-5", "active"),
                Map.entry("rule-6", "updated " + OLD));
        assertThat(decision.candidates().get(1).standings())
                .containsEntry("rule-1", "no conversation with the seller's numbers")
                .containsEntry("rule-2", "owned by U-BOB, not the seller U-ALICE")
                .containsEntry("rule-4", "account, 2nd in type order")
                .containsEntry("rule-5", "inactive");
    }

    @Test
    void forATeamsNumberTheStandingsSayWhoIsInTheTeam() {
        CandidateRecord carls = contact("C-CARL", "U-CARL");
        CandidateRecord bobs = contact("C-BOB", "U-BOB");

        RoutingDecision decision = engine.decide(request(Seller.team("T-EAST"), List.of(carls, bobs), Map.of(), Set.of("U-CARL")));

        assertThat(decision.candidates()).extracting(o -> o.standings().get("rule-3"))
                .containsExactly("owned by U-CARL, a member of T-EAST", "owned by U-BOB, outside team T-EAST");
    }

    @Test
    void aRecordNobodyOwnsNeverCountsAsTheTeamsOrTheSellers() {
        CandidateRecord ownerless = contact("C-NOBODY", null);
        CandidateRecord carls = contact("C-CARL", "U-CARL");

        RoutingDecision forTeam = engine.decide(request(Seller.team("T-EAST"), List.of(ownerless, carls), Map.of(), Set.of("U-CARL")));
        RoutingDecision forAlice = engine.decide(request(Seller.user("U-ALICE"), List.of(ownerless), Map.of(), Set.of()));

        assertThat(forTeam.chosen().ref().id()).isEqualTo("C-CARL");
        assertThat(forTeam.candidates().get(1).standings().get("rule-3")).isEqualTo("owned by nobody, outside team T-EAST");
        assertThat(forAlice.chosen().ref().id()).isEqualTo("C-NOBODY");
    }

    @Test
    void theTypeOrderIsConfiguration() {
        RoutingEngine leadsFirst = new RoutingEngine(List.of(RecordType.LEAD, RecordType.CONTACT));
        CandidateRecord lead = record(RecordType.LEAD, "L-1", "U-ALICE", true, OLD);

        RoutingDecision decision = leadsFirst.decide(request(Seller.user("U-ALICE"), List.of(contact("C-1", "U-ALICE"), lead)));

        assertThat(decision.chosen().ref().id()).isEqualTo("L-1");
    }

    @Test
    void aNumberNoRecordCarriesGetsANewLeadOwnedByTheSeller() {
        RoutingDecision decision = engine.decide(request(Seller.team("T-EAST"), List.of()));

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.NEW_LEAD);
        assertThat(decision.leadOwner()).isEqualTo("T-EAST");
    }

    @Test
    void aNewLeadForAnUnassignedNumberIsOwnedByTheDefaultLeadOwner() {
        RoutingDecision decision = engine.decide(request(null, List.of()));

        assertThat(decision.leadOwner()).isEqualTo("U-DEFAULT");
        assertThat(decision.explanation()).contains("assigned to nobody");
    }

    @Test
    void withNoOneToOwnALeadTheTextIsUnroutable() {
        RoutingDecision decision = engine.decide(new RoutingRequest(CUSTOMER, ALICES_NUMBER, null, List.of(), Map.of(), Set.of(), null));

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.UNROUTABLE);
        assertThat(decision.explanation()).contains("default-lead-owner");
    }

    @Test
    void aShortCodeThatNoRecordCarriesIsUnroutableRatherThanALead() {
        RoutingDecision decision = engine.decide(new RoutingRequest(PhoneNumber.ofNormalised("12345"), ALICES_NUMBER,
                Seller.user("U-ALICE"), List.of(), Map.of(), Set.of(), "U-DEFAULT"));

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.UNROUTABLE);
        assertThat(decision.explanation()).contains("short code");
    }
}
