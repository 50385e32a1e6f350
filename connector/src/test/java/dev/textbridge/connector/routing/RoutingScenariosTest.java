package dev.textbridge.connector.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.textbridge.connector.conversation.Conversation;
import dev.textbridge.connector.conversation.ConversationMessage;
import dev.textbridge.connector.conversation.ConversationStore;
import dev.textbridge.connector.routing.RoutingScenario.PriorConversation;
import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorClient.Activity;
import dev.textbridge.connector.support.ConnectorClient.Trace;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.TwilioCallbacks;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.textbridge.connector.routing.RoutingScenario.NEW_LEAD;
import static dev.textbridge.connector.routing.RoutingScenario.RULE_1;
import static dev.textbridge.connector.routing.RoutingScenario.RULE_2;
import static dev.textbridge.connector.routing.RoutingScenario.RULE_3;
import static dev.textbridge.connector.routing.RoutingScenario.RULE_4;
import static dev.textbridge.connector.routing.RoutingScenario.RULE_5;
import static dev.textbridge.connector.routing.RoutingScenario.RULE_6;
import static dev.textbridge.connector.routing.RoutingScenario.SINGLE_CANDIDATE;
import static dev.textbridge.connector.routing.RoutingScenario.conversation;
import static dev.textbridge.connector.routing.RoutingScenario.recordRef;
import static dev.textbridge.connector.routing.RoutingScenario.sellerTexted;
import static dev.textbridge.connector.routing.RoutingScenario.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where an inbound text lands (product spec F2), scenario by scenario against the local CRM seeded from
 * {@code routing-scenarios-crm.yaml}: first the admin's dry-run answers and writes nothing, then the same text goes
 * through the whole pipeline (signed webhook, routing, lead creation, activity) and lands where the dry-run said.
 */
@ConnectorTest
@TestPropertySource(properties = {
        "textbridge.store.url=jdbc:h2:mem:routing-scenarios;DB_CLOSE_DELAY=-1",
        "textbridge.crm.local.seed=classpath:routing-scenarios-crm.yaml",
        "textbridge.numbers[0].number=" + RoutingScenariosTest.ALICE,
        "textbridge.numbers[0].provider=twilio",
        "textbridge.numbers[0].seller=U-ALICE",
        "textbridge.numbers[1].number=" + RoutingScenariosTest.ALICE_2,
        "textbridge.numbers[1].provider=twilio",
        "textbridge.numbers[1].seller=U-ALICE",
        "textbridge.numbers[2].number=" + RoutingScenariosTest.EAST,
        "textbridge.numbers[2].provider=twilio",
        "textbridge.numbers[2].team=T-EAST",
        "textbridge.numbers[3].number=" + RoutingScenariosTest.BOB,
        "textbridge.numbers[3].provider=twilio",
        "textbridge.numbers[3].seller=U-BOB",
        "textbridge.routing.default-lead-owner=U-DEFAULT",
})
class RoutingScenariosTest {

    static final String ALICE = "+15550100001";
    static final String ALICE_2 = "+15550100004";
    static final String EAST = "+15550100002";
    static final String BOB = "+15550100003";
    /** Assigned to nobody: not among the configured numbers. */
    static final String NOBODYS = "+15550100999";

    private static final Set<String> FINAL_STATES = Set.of("written", "unroutable", "dead");

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    @Autowired
    ConversationStore conversations;

    static Stream<RoutingScenario> scenarios() {
        return Stream.of(
                // A single candidate needs no rule.
                text("a text to Alice's number from the one customer Bob's contact carries lands on Bob's contact: a single candidate needs no rule")
                        .from(customer(101)).to(ALICE).landsOn("C-0101").by(SINGLE_CANDIDATE),
                text("a text to the East team's number lands on the West team's closed lead when it is the only record with the number")
                        .from(customer(102)).to(EAST).landsOn("L-0102").by(SINGLE_CANDIDATE),
                text("a contact whose business phone says \"n/a\" is still found by its mobile phone")
                        .from(customer(103)).to(BOB).landsOn("C-0103").through("mobile").by(SINGLE_CANDIDATE),
                text("a text to a number assigned to nobody lands on the only record carrying the sender")
                        .from(customer(104)).to(NOBODYS).landsOn("A-0104").by(SINGLE_CANDIDATE),

                // Rule 1: the most recent conversation between this customer and the seller's numbers.
                text("a text to Alice's number follows her conversation of an hour ago to Bob's contact rather than the contact Alice owns (rule 1)")
                        .from(customer(201)).to(ALICE).after(conversation("C-0201B", ALICE, hoursAgo(1)))
                        .landsOn("C-0201B").by(RULE_1),
                text("of two conversations on Alice's number, the one where Alice texted ten minutes ago beats the customer's text of three days ago (rule 1)")
                        .from(customer(202)).to(ALICE)
                        .after(conversation("C-0202A", ALICE, daysAgo(3)), sellerTexted("C-0202B", ALICE, minutesAgo(10)))
                        .landsOn("C-0202B").by(RULE_1),
                text("a conversation on Alice's second number, where she texted last, counts for a text to her first (rule 1)")
                        .from(customer(203)).to(ALICE).after(sellerTexted("C-0203B", ALICE_2, hoursAgo(1)))
                        .landsOn("C-0203B").by(RULE_1),
                text("a conversation on Bob's number does not count for a text to Alice's, so the contact Alice owns wins (rule 2)")
                        .from(customer(204)).to(ALICE).after(conversation("C-0204B", BOB, hoursAgo(1)))
                        .landsOn("C-0204A").by(RULE_2),
                text("for a number assigned to nobody a conversation on that very number counts (rule 1)")
                        .from(customer(205)).to(NOBODYS).after(conversation("C-0205B", NOBODYS, daysAgo(1)))
                        .landsOn("C-0205B").by(RULE_1),
                text("for a number assigned to nobody a conversation on Alice's number does not count, so the contact beats the account (rule 4)")
                        .from(customer(206)).to(NOBODYS).after(conversation("A-0206B", ALICE, hoursAgo(1)))
                        .landsOn("C-0206A").by(RULE_4),
                text("an account holding a conversation moved onto it, though none of its phones is the customer's, is a candidate and wins (rule 1)")
                        .from(customer(207)).to(ALICE).after(conversation("A-0207", ALICE, daysAgo(1)))
                        .landsOn("A-0207").through("conversation").by(RULE_1),
                text("a customer whose number no record carries follows the conversation to the account it was moved to, and no lead is created")
                        .from(customer(208)).to(BOB).after(conversation("A-0208", BOB, daysAgo(5)))
                        .landsOn("A-0208").through("conversation").by(SINGLE_CANDIDATE),
                text("an account holding a conversation only on Bob's number is still a candidate for a text to Alice's, and wins because Alice owns it (rule 2)")
                        .from(customer(209)).to(ALICE).after(conversation("A-0209", BOB, daysAgo(2)))
                        .landsOn("A-0209").through("conversation").by(RULE_2),
                text("a text to the East team's number follows the team's conversation to Bob's contact rather than Carl's (rule 1)")
                        .from(customer(210)).to(EAST).after(conversation("C-0210B", EAST, hoursAgo(2)))
                        .landsOn("C-0210B").by(RULE_1),
                text("a conversation on Alice's own number does not count for a text to the East team's number, so Carl's contact wins (rule 3)")
                        .from(customer(211)).to(EAST).after(conversation("C-0211B", ALICE, hoursAgo(1)))
                        .landsOn("C-0211A").by(RULE_3),
                text("a conversation on Alice's closed lead beats her active contact (rule 1 before rules 4 and 5)")
                        .from(customer(212)).to(ALICE).after(conversation("L-0212", ALICE, hoursAgo(1)))
                        .landsOn("L-0212").by(RULE_1),
                text("a conversation on the East team's number does not count for a text to Alice's own number, so the contact Alice owns wins (rule 2)")
                        .from(customer(213)).to(ALICE).after(conversation("C-0213A", EAST, hoursAgo(1)))
                        .landsOn("C-0213B").by(RULE_2),

                // Free-text numbers in the CRM, each found for the E.164 sender.
                typedAs(301, "C-0301", "(555) 020-0301"),
                typedAs(302, "C-0302", "555.020.0302"),
                typedAs(303, "A-0303", "+1 555 020 0303"),
                typedAs(304, "L-0304", "001 555 020 0304"),
                typedAs(305, "C-0305", "0015550200305"),
                typedAs(306, "C-0306", "555-020-0306"),
                typedAs(307, "A-0307", "5550200307"),
                typedAs(308, "L-0308", "+15550200308"),
                typedAs(309, "C-0309", "+1 (555) 020-0309"),
                typedAs(310, "A-0310", "555 020 0310 ext. 7"),
                typedAs(311, "C-0311", "(555) 020-0311 x 12"),
                typedAs(312, "L-0312", "1-555-020-0312"),
                typedAs(313, "C-0313", "+1-555-020-0313"),
                typedAs(314, "C-0314", "1 (555) 020 0314"),
                typedAs(315, "A-0315", "555/020/0315"),
                typedAs(316, "C-0316", "(555)020-0316 #3"),
                typedAs(317, "L-0317", "  555 - 020 - 0317  "),
                typedAs(318, "C-0318", "+1.555.020.0318"),
                typedAs(319, "C-0319", "555 020 0319 extension 42"),
                typedAs(320, "A-0320", "011 1 555 020 0320"),

                // Rule 2: owned by the seller the number is assigned to.
                text("a text to Alice's number lands on the contact Alice owns rather than Bob's more recently updated one (rule 2)")
                        .from(customer(401)).to(ALICE).landsOn("C-0401A").by(RULE_2),
                text("a lead Alice owns beats Bob's contact for a text to Alice's number (rule 2 before rule 4)")
                        .from(customer(402)).to(ALICE).landsOn("L-0402").by(RULE_2),
                text("a text to Alice's second number prefers Alice's account over Bob's contact (rule 2)")
                        .from(customer(403)).to(ALICE_2).landsOn("A-0403").by(RULE_2),
                text("a text to Bob's number lands on Bob's closed lead rather than Alice's active contact (rule 2 before rules 4 and 5)")
                        .from(customer(404)).to(BOB).landsOn("L-0404").by(RULE_2),
                text("for Alice's own number her team's account is not hers, so Bob's contact wins by type (rule 4)")
                        .from(customer(405)).to(ALICE).landsOn("C-0405").by(RULE_4),
                text("an opportunity Alice owns is a candidate through Bob's contact and wins a text to Alice's number (rule 2)")
                        .from(customer(406)).to(ALICE).landsOn("O-0406").through("contact.mobile").by(RULE_2),
                text("an opportunity Alice owns is a candidate through Bob's account and wins a text to Alice's number (rule 2)")
                        .from(customer(407)).to(ALICE).landsOn("O-0407").through("account.business").by(RULE_2),

                // Rule 3: owned by a member of the team the number is assigned to, or by the team itself.
                text("a text to the East team's number prefers Carl's contact, a team member's, over Bob's more recent one (rule 3)")
                        .from(customer(501)).to(EAST).landsOn("C-0501A").by(RULE_3),
                text("a text to the East team's number prefers the team's own account over Bob's contact (rule 3 before rule 4)")
                        .from(customer(502)).to(EAST).landsOn("A-0502A").by(RULE_3),
                text("a text to the East team's number prefers Alice's lead over the West team's contact (rule 3)")
                        .from(customer(503)).to(EAST).landsOn("L-0503A").by(RULE_3),

                // Rule 4: contact, account, opportunity, lead.
                text("among a contact, an account, an opportunity and a lead Alice owns, the least recently updated contact wins (rule 4)")
                        .from(customer(601)).to(ALICE).landsOn("C-0601").by(RULE_4),
                text("among an account, an opportunity and a lead Alice owns, the account wins (rule 4)")
                        .from(customer(602)).to(ALICE).landsOn("A-0602").by(RULE_4),
                text("an opportunity Alice owns, reached through Bob's contact, beats Alice's lead (rule 4)")
                        .from(customer(603)).to(ALICE).landsOn("O-0603").through("contact.mobile").by(RULE_4),
                text("an opportunity Alice owns, reached through Bob's account, beats Alice's lead (rule 4)")
                        .from(customer(604)).to(ALICE).landsOn("O-0604").through("account.business").by(RULE_4),
                text("a text to the East team's number, where both records are team members', lands on Carl's contact rather than Alice's account (rule 4)")
                        .from(customer(605)).to(EAST).landsOn("C-0605").by(RULE_4),
                text("a text to a number assigned to nobody lands on Bob's contact rather than Alice's lead (rule 4)")
                        .from(customer(606)).to(NOBODYS).landsOn("C-0606").by(RULE_4),
                text("Alice's inactive contact beats her open, more recently updated lead (rule 4 before rule 5)")
                        .from(customer(607)).to(ALICE).landsOn("C-0607").by(RULE_4),

                // Rule 5: active before inactive.
                text("Alice's active contact beats her more recently updated inactive one (rule 5)")
                        .from(customer(701)).to(ALICE).landsOn("C-0701A").by(RULE_5),
                text("of two closed leads of Alice's, being inactive settles nothing and the later updated wins (rule 6)")
                        .from(customer(702)).to(ALICE).landsOn("L-0702B").by(RULE_6),
                text("Alice's open opportunity beats her more recently updated lost one, both through Bob's contact (rule 5)")
                        .from(customer(703)).to(ALICE).landsOn("O-0703B").by(RULE_5),
                text("a text to the East team's number prefers Alice's active account over Carl's inactive one (rule 5)")
                        .from(customer(704)).to(EAST).landsOn("A-0704B").by(RULE_5),
                text("a text to a number assigned to nobody prefers Bob's active contact over Alice's inactive one (rule 5)")
                        .from(customer(705)).to(NOBODYS).landsOn("C-0705B").by(RULE_5),

                // Rule 6: most recently updated; equal timestamps fall to the smaller record id.
                text("of two active contacts of Alice's, the one updated in April beats the one updated in February (rule 6)")
                        .from(customer(801)).to(ALICE).landsOn("C-0801B").by(RULE_6),
                text("two contacts of Alice's updated at the same moment fall to the smaller record id (rule 6)")
                        .from(customer(802)).to(ALICE).landsOn("C-0802A").by(RULE_6),
                text("a text to the East team's number, where two outsiders' contacts tie on every rule, lands on the smaller record id (rule 6)")
                        .from(customer(803)).to(EAST).landsOn("C-0803A").by(RULE_6),
                text("a text to a number assigned to nobody, where three closed leads tie on every rule, lands on the smallest record id (rule 6)")
                        .from(customer(804)).to(NOBODYS).landsOn("L-0804A").by(RULE_6),
                text("two conversations on Alice's number at the same moment tie at rule 1, and the later updated contact wins (rule 6)")
                        .from(customer(805)).to(ALICE)
                        .after(conversation("C-0805A", ALICE, hoursAgo(1)), conversation("C-0805B", ALICE, hoursAgo(1)))
                        .landsOn("C-0805B").by(RULE_6),
                text("a text to Alice's number where neither contact is hers lands on the more recently updated one (rule 6)")
                        .from(customer(806)).to(ALICE).landsOn("C-0806B").by(RULE_6),

                // No record carries the number: a new lead, owned by whoever owns the receiving number.
                text("an unknown sender texting Alice's number becomes a lead owned by Alice")
                        .from(customer(901)).to(ALICE).createsALeadOwnedBy("U-ALICE"),
                text("an unknown sender texting Alice's second number becomes a lead owned by Alice")
                        .from(customer(902)).to(ALICE_2).createsALeadOwnedBy("U-ALICE"),
                text("an unknown sender texting the East team's number becomes a lead owned by the team")
                        .from(customer(903)).to(EAST).createsALeadOwnedBy("T-EAST"),
                text("an unknown sender texting Bob's number becomes a lead owned by Bob")
                        .from(customer(904)).to(BOB).createsALeadOwnedBy("U-BOB"),
                text("an unknown sender texting a number assigned to nobody becomes a lead owned by the default lead owner")
                        .from(customer(905)).to(NOBODYS).createsALeadOwnedBy("U-DEFAULT"),
                text("a contact that wrote the number without its area code is no match, so the sender becomes Alice's lead")
                        .from(customer(906)).to(ALICE).createsALeadOwnedBy("U-ALICE"),

                // Senders that are no phone number and that no record carries: stored as unroutable, no lead.
                text("a text from the short code 12345 to Alice's number is unroutable and creates no lead")
                        .from("12345").to(ALICE).isUnroutable(),
                text("a text from the sender id ACME to the East team's number is unroutable and creates no lead")
                        .from("ACME").to(EAST).isUnroutable(),
                text("a text from the short code 54321 to a number assigned to nobody is unroutable and creates no lead")
                        .from("54321").to(NOBODYS).isUnroutable(),
                text("a text from the sender id \"ACME Bank\" to Bob's number is unroutable and creates no lead")
                        .from("ACME Bank").to(BOB).isUnroutable(),

                // Records nobody owns: never the seller's, never the team's.
                text("a text to the East team's number prefers Carl's contact over a contact nobody owns (rule 3)")
                        .from(customer(1101)).to(EAST).landsOn("C-1101B").by(RULE_3),
                text("a text to the East team's number lands on an account nobody owns when it is the only record with the number")
                        .from(customer(1102)).to(EAST).landsOn("A-1102").by(SINGLE_CANDIDATE),
                text("a text to Alice's number prefers the contact Alice owns over one nobody owns (rule 2)")
                        .from(customer(1103)).to(ALICE).landsOn("C-1103B").by(RULE_2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aTextLandsWhereTheRulesSay(RoutingScenario scenario) {
        givenThePriorConversationsOf(scenario);

        DryRun answer = theDryRunWritingNothingFor(scenario);
        thenTheDryRunAnswersAsExpected(scenario, answer);

        String sid = TwilioCallbacks.newMessageSid();
        Footprint before = footprintOf(scenario, null);
        Trace trace = whenTheTextArrives(scenario, sid);
        thenThePipelineAgreesWithTheDryRun(scenario, answer, trace);
        thenTheTextIsWrittenOnceWhereItLanded(scenario, trace, sid);
        thenALeadExistsOnlyIfOneWasNeeded(scenario, trace, before);
    }

    @Test
    void twoTextsFromTheSameUnknownNumberArrivingAtOnceLandOnOneNewLeadInArrivalOrder() {
        for (int round = 1; round <= 5; round++) {
            twoTextsArriveAtOnceFromAStranger(customer(9900 + round), ALICE, ALICE, "U-ALICE");
        }
    }

    @Test
    void twoTextsFromTheSameUnknownNumberToAlicesAndBobsNumbersArrivingAtOnceLandOnOneNewLead() {
        for (int round = 1; round <= 3; round++) {
            String stranger = customer(9800 + round);
            twoTextsArriveAtOnceFromAStranger(stranger, ALICE, BOB, null);
        }
    }

    /**
     * Two threads post a text each from {@code stranger} at the same moment; both must land on one new lead, which is
     * the only record with the number, with both activities in arrival order.
     *
     * @param owner the lead's expected owner, or null when either seller may own it
     */
    private void twoTextsArriveAtOnceFromAStranger(String stranger, String toFirst, String toSecond, String owner) {
        String first = TwilioCallbacks.newMessageSid();
        String second = TwilioCallbacks.newMessageSid();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> posts = new ArrayList<>();
            for (String[] text : List.of(new String[]{first, toFirst}, new String[]{second, toSecond})) {
                posts.add(senders.submit(() -> {
                    go.await();
                    connector.twilioPostsInbound(TwilioCallbacks.inbound(text[0], stranger, text[1], "text " + text[0]))
                            .expectStatus().isOk();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> post : posts) {
                post.get(20, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("posting the two texts failed", e);
        } finally {
            senders.shutdownNow();
        }

        Trace one = awaitFinalState(first);
        Trace other = awaitFinalState(second);
        assertThat(List.of(one.state(), other.state())).as("both texts from %s are written", stranger)
                .containsOnly("written");
        assertThat(recordsCarrying(stranger)).extracting(RecordView::id)
                .as("exactly one lead carries %s (texts landed on %s and %s)", stranger, one.record(), other.record())
                .containsExactly(one.record().id());
        assertThat(other.record()).as("both texts from %s land on the same record", stranger).isEqualTo(one.record());
        assertThat(recordsCarrying(stranger)).singleElement().satisfies(lead -> {
            assertThat(lead.type()).isEqualTo("lead");
            assertThat(lead.source()).isEqualTo("SMS");
            if (owner != null) {
                assertThat(lead.owner()).isEqualTo(owner);
            }
        });
        List<String> arrivalOrder = Stream.of(first, second).sorted(Comparator.comparing(this::receivedAt)).toList();
        assertThat(connector.activitiesOf(one.record().id())).extracting(Activity::providerMessageId)
                .as("both activities are on the lead, in arrival order")
                .containsExactlyElementsOf(arrivalOrder);
    }

    // ---- the scenario's steps ----------------------------------------------------------------------------------

    private void givenThePriorConversationsOf(RoutingScenario scenario) {
        Instant now = Instant.now();
        for (PriorConversation held : scenario.priorConversations()) {
            conversations.recordMessages(List.of(new ConversationMessage(phone(scenario.from()),
                    phone(held.businessNumber()), held.record(), null, null,
                    held.outbound() ? Direction.OUTBOUND : Direction.INBOUND, "an earlier text", now.minus(held.ago()))));
        }
    }

    /** Asks the dry-run, checking it leaves the CRM and the conversation store as they were. */
    private DryRun theDryRunWritingNothingFor(RoutingScenario scenario) {
        Footprint before = footprintOf(scenario, scenario.expected().recordId());
        var answer = web.post().uri("/admin/v1/routing/dry-run")
                .headers(h -> h.setBasicAuth("admin", ConnectorTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", scenario.from(), "to", scenario.to()))
                .exchange()
                .expectBody(DryRun.class).returnResult();
        assertThat(answer.getStatus().value()).as("the dry-run's HTTP status").isEqualTo(200);
        assertThat(footprintOf(scenario, scenario.expected().recordId()))
                .as("the dry-run writes nothing: no lead, no conversation, no activity").isEqualTo(before);
        return answer.getResponseBody();
    }

    private void thenTheDryRunAnswersAsExpected(RoutingScenario scenario, DryRun answer) {
        RoutingScenario.Expected expected = scenario.expected();
        assertThat(answer.decision().decidedBy()).as("the dry-run's decidedBy; its explanation: %s",
                answer.decision().explanation()).isEqualTo(expected.decidedBy());
        assertThat(answer.decision().leadCreated()).as("a dry-run creates no lead").isFalse();
        assertThat(answer.decision().explanation()).as("the dry-run explains itself").isNotBlank();
        assertThat(answer.leadOwner()).as("the owner of the lead the dry-run would create").isEqualTo(expected.leadOwner());
        if (expected.newLead() || expected.unroutable()) {
            assertThat(answer.record()).as("no record is chosen").isNull();
            assertThat(answer.decision().candidates()).as("no candidate").isEmpty();
            return;
        }
        assertThat(answer.record()).as("the dry-run's record").isNotNull();
        assertThat(answer.record().id()).as("the dry-run's record; its explanation: %s",
                answer.decision().explanation()).isEqualTo(expected.recordId());
        assertThat(answer.record().type()).isEqualTo(recordRef(expected.recordId()).type().wireName());
        List<CandidateView> candidates = answer.decision().candidates();
        assertThat(candidates.get(0)).as("the chosen record comes first")
                .satisfies(chosen -> {
                    assertThat(chosen.id()).isEqualTo(expected.recordId());
                    assertThat(chosen.outcome()).isEqualTo("chosen");
                });
        if (expected.phoneField() != null) {
            assertThat(candidates.get(0).phoneField()).as("the field that made the chosen record a candidate")
                    .isEqualTo(expected.phoneField());
        }
        assertThat(candidates).as("every candidate stands on every rule")
                .allSatisfy(c -> assertThat(c.standings()).containsKeys(RULE_1, RULE_2, RULE_3, RULE_4, RULE_5, RULE_6));
        List<CandidateView> losers = candidates.subList(1, candidates.size());
        if (expected.decidedBy().equals(SINGLE_CANDIDATE)) {
            assertThat(losers).as("a single candidate beats nobody").isEmpty();
        } else {
            int decidingRule = Integer.parseInt(expected.decidedBy().substring("rule-".length()));
            assertThat(losers).as("the losers lose at the deciding rule or before it").isNotEmpty()
                    .allSatisfy(c -> assertThat(ruleLostAt(c)).isBetween(1, decidingRule))
                    .anySatisfy(c -> assertThat(ruleLostAt(c)).isEqualTo(decidingRule));
        }
    }

    private Trace whenTheTextArrives(RoutingScenario scenario, String sid) {
        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, scenario.from(), scenario.to(), scenario.sentence()))
                .expectStatus().isOk();
        return awaitFinalState(sid);
    }

    private void thenThePipelineAgreesWithTheDryRun(RoutingScenario scenario, DryRun answer, Trace trace) {
        RoutingScenario.Expected expected = scenario.expected();
        assertThat(trace.state()).as("the text's final state (last error: %s)", trace.lastError())
                .isEqualTo(expected.unroutable() ? "unroutable" : "written");
        assertThat(trace.decision().decidedBy()).as("the trace's decidedBy is the dry-run's; its explanation: %s",
                trace.decision().explanation()).isEqualTo(answer.decision().decidedBy());
        assertThat(trace.decision().leadCreated()).as("the trace says whether a lead was created")
                .isEqualTo(expected.newLead());
        assertThat(trace.decision().candidates()).extracting(c -> c.id() + " " + c.outcome())
                .as("the trace's candidates and outcomes are the dry-run's")
                .containsExactlyElementsOf(answer.decision().candidates().stream().map(c -> c.id() + " " + c.outcome()).toList());
        if (expected.unroutable()) {
            assertThat(trace.record()).as("an unroutable text has no record").isNull();
            assertThat(trace.activityId()).as("an unroutable text has no activity").isNull();
        } else if (expected.newLead()) {
            assertThat(trace.record().type()).as("the text lands on a lead").isEqualTo("lead");
        } else {
            assertThat(trace.record().id()).as("the trace's record is the dry-run's").isEqualTo(answer.record().id());
        }
    }

    private void thenTheTextIsWrittenOnceWhereItLanded(RoutingScenario scenario, Trace trace, String sid) {
        if (scenario.expected().unroutable()) {
            return;
        }
        assertThat(connector.activitiesOf(trace.record().id())).filteredOn(a -> sid.equals(a.providerMessageId()))
                .as("exactly one activity for the text on %s", trace.record().id())
                .singleElement()
                .satisfies(activity -> assertThat(activity.id()).isEqualTo(trace.activityId()));
        RecordRef landedOn = new RecordRef(RecordType.fromWireName(trace.record().type()), trace.record().id());
        assertThat(conversationsOf(scenario.from()))
                .as("the store now holds the conversation on the record the text landed on")
                .anySatisfy(c -> {
                    assertThat(c.businessNumber()).isEqualTo(phone(scenario.to()));
                    assertThat(c.record()).isEqualTo(landedOn);
                });
    }

    private void thenALeadExistsOnlyIfOneWasNeeded(RoutingScenario scenario, Trace trace, Footprint before) {
        List<RecordView> records = crmRecords();
        List<RecordView> created = records.stream().filter(r -> !before.recordIds().contains(r.id())).toList();
        if (!scenario.expected().newLead()) {
            assertThat(created).as("no record was created").isEmpty();
            return;
        }
        assertThat(created).as("exactly one record was created: the lead the text landed on")
                .singleElement()
                .satisfies(lead -> {
                    assertThat(lead.id()).isEqualTo(trace.record().id());
                    assertThat(lead.type()).isEqualTo("lead");
                    assertThat(lead.owner()).as("the lead's owner").isEqualTo(scenario.expected().leadOwner());
                    assertThat(lead.phones()).as("the lead's phones").containsValue(scenario.from());
                    assertThat(lead.source()).as("the lead's source").isEqualTo("SMS");
                });
        assertThat(records).filteredOn(r -> r.phones().containsValue(scenario.from()))
                .as("exactly one record carries %s", scenario.from()).hasSize(1);
    }

    // ---- shared helpers -----------------------------------------------------------------------------------------

    /** A customer of the seed: +1 555 020 NNNN, NNNN being the scenario's number. */
    private static String customer(int scenario) {
        return "+1555020" + String.format("%04d", scenario);
    }

    private static RoutingScenario typedAs(int scenario, String recordId, String typed) {
        String type = recordRef(recordId).type().wireName();
        return text("a text from " + customer(scenario) + " finds the " + type + " whose phone is typed \"" + typed.strip() + "\"")
                .from(customer(scenario)).to(ALICE).landsOn(recordId).by(SINGLE_CANDIDATE);
    }

    private static Duration minutesAgo(int minutes) {
        return Duration.ofMinutes(minutes);
    }

    private static Duration hoursAgo(int hours) {
        return Duration.ofHours(hours);
    }

    private static Duration daysAgo(int days) {
        return Duration.ofDays(days);
    }

    private static PhoneNumber phone(String number) {
        return PhoneNumber.parse(number, "US");
    }

    private static int ruleLostAt(CandidateView candidate) {
        assertThat(candidate.outcome()).as("candidate %s's outcome", candidate.id()).startsWith("lost at rule-");
        return Integer.parseInt(candidate.outcome().substring("lost at rule-".length()));
    }

    private Trace awaitFinalState(String sid) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25))
                .until(() -> FINAL_STATES.contains(connector.trace(sid).state()));
        return connector.trace(sid);
    }

    private Instant receivedAt(String sid) {
        return connector.adminGets("/admin/v1/messages/twilio/" + sid).expectStatus().isOk()
                .expectBody(Arrival.class).returnResult().getResponseBody().receivedAt();
    }

    private List<Conversation> conversationsOf(String customer) {
        PhoneNumber number = phone(customer);
        return conversations.conversationsOf(Set.of(number)).getOrDefault(number, List.of());
    }

    private List<RecordView> crmRecords() {
        return web.get().uri("/local-crm/api/records").exchange()
                .expectStatus().isOk().expectBodyList(RecordView.class).returnResult().getResponseBody();
    }

    private List<RecordView> recordsCarrying(String number) {
        return crmRecords().stream().filter(r -> r.phones().containsValue(number)).toList();
    }

    /** What a text could leave behind: records in the CRM, the customer's conversations, activities on a record. */
    private Footprint footprintOf(RoutingScenario scenario, String recordId) {
        return new Footprint(crmRecords().stream().map(RecordView::id).collect(Collectors.toSet()),
                Set.copyOf(conversationsOf(scenario.from())),
                recordId == null ? 0 : connector.activitiesOf(recordId).size());
    }

    private record Footprint(Set<String> recordIds, Set<Conversation> conversations, int activitiesOnTheRecord) {
    }

    // ---- the admin and local CRM answers, as far as these tests read them --------------------------------------

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DryRun(RecordId record, DecisionView decision, String leadOwner) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecordId(String type, String id, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DecisionView(String decidedBy, boolean leadCreated, List<CandidateView> candidates, String explanation) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CandidateView(String type, String id, String name, String phoneField, String outcome,
                         Map<String, String> standings) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecordView(String type, String id, String owner, Map<String, String> phones, String source) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Arrival(String providerMessageId, Instant receivedAt) {
    }
}
