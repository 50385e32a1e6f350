package dev.textbridge.benchmarks;

import dev.textbridge.benchmarks.Population.Block;
import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.salesforce.SalesforceCrm;
import dev.textbridge.crm.salesforce.SalesforceSettings;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Salesforce stand-in as the connector meets it: the real Salesforce adapter, configured from the settings the
 * stand-in writes for the connector, finds the benchmark's known customers in it and writes there, and the stand-in
 * counts each of those calls and reports what its org holds.
 */
class SalesforceStandInTest {

    private SalesforceStandIn.Running standIn;
    private Http control;
    private SalesforceCrm crm;
    private Properties connector;

    @BeforeEach
    void start() throws IOException {
        standIn = SalesforceStandIn.start(0, 0, 10, Duration.ZERO, Duration.ZERO);
        control = new Http(standIn.controlUrl());
        connector = new Properties();
        connector.load(new StringReader(standIn.connectorProperties()));
        crm = new SalesforceCrm(SalesforceSettings.clientCredentials(
                        URI.create(connector.getProperty("textbridge.crm.salesforce.my-domain-url")),
                        connector.getProperty("textbridge.crm.salesforce.client-id"),
                        connector.getProperty("textbridge.crm.salesforce.client-secret"))
                .withNotificationType(connector.getProperty("textbridge.crm.salesforce.notification-type")));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void aKnownCustomersNumberFindsItsContactAndOpportunityInTwoCountedCalls() {
        // Customer 0 of a block is known: a contact of Alice's with an opportunity, its phone as the US UI writes it.
        PhoneNumber customer = PhoneNumber.parse(Block.RATE.customer(0), "US");

        Map<PhoneNumber, List<CandidateRecord>> found = crm.findCandidates(Set.of(customer));

        assertThat(found.get(customer)).extracting(CandidateRecord::ref).containsExactlyInAnyOrder(
                new RecordRef(RecordType.CONTACT, "003BENCH4000000AAA"),
                new RecordRef(RecordType.OPPORTUNITY, "006BENCH4000000AAA"));
        assertThat(found.get(customer)).allSatisfy(candidate ->
                assertThat(candidate.ownerId()).isEqualTo(SalesforceStandIn.ALICE));
        assertThat(calls().path("api").asLong()).isEqualTo(crm.apiCalls()).isEqualTo(2);
        assertThat(calls().path("token").asLong()).isEqualTo(crm.tokenRequests()).isEqualTo(1);
        assertThat(kinds()).as("the search, then the Contact, Account and Lead reads in one composite request")
                .containsExactlyInAnyOrderEntriesOf(Map.of("token", 1L, "soap search", 1L, "rest composite", 1L));
    }

    @Test
    void anUnknownCustomerFindsNothingAndTheLeadTheConnectorCreatesIsHeldForItsNumber() {
        PhoneNumber customer = PhoneNumber.parse(Block.RATE.customer(1), "US");

        assertThat(crm.findCandidates(Set.of(customer)).get(customer)).isEmpty();
        NewLead lead = new NewLead("twilio:SMlead", customer, SalesforceStandIn.ALICE, "");
        crm.writeActivities(List.of(new ActivityDraft("twilio:SMlead", null, Direction.INBOUND, customer,
                PhoneNumber.parse(Population.BUSINESS_NUMBERS.get(0), "US"), "Hi, who is this?", List.of(),
                Instant.parse("2026-11-25T09:00:00Z"), "twilio", "SMlead", null, SalesforceStandIn.ALICE, lead)));

        // The seeded leads (known customers) are not the connector's: only leads with lead source SMS count.
        assertThat(control.getJson("/holdings").path("leads").properties())
                .extracting(Map.Entry::getKey).containsExactly(customer.value());
        assertThat(control.getJson("/holdings").path("activities").properties())
                .extracting(e -> e.getKey() + "=" + e.getValue().asInt()).containsExactly("SMlead=1");
        assertThat(kinds()).as("the lead and its text in one create call").containsEntry("soap create Lead", 1L)
                .doesNotContainKey("soap create Task");
    }

    @Test
    void eachTextWrittenIsHeldAsOneTaskUnderItsMessageSidAndARepeatAddsNone() {
        PhoneNumber customer = PhoneNumber.parse(Block.BURST.customer(0), "US");
        RecordRef contact = new RecordRef(RecordType.CONTACT, "003BENCH5000000AAA");
        List<ActivityDraft> drafts = List.of(inbound("SMaaa", contact, customer), inbound("SMbbb", contact, customer));

        crm.writeActivities(drafts);
        crm.writeActivities(drafts.subList(0, 1));

        assertThat(control.getJson("/holdings").path("activities").properties())
                .extracting(e -> e.getKey() + "=" + e.getValue().asInt())
                .containsExactlyInAnyOrder("SMaaa=1", "SMbbb=1");
        assertThat(kinds().get("soap create Task")).isEqualTo(2);
        assertThat(calls().path("api").asLong()).isEqualTo(crm.apiCalls());
    }

    @Test
    void theConnectorsNumbersGoToTheOrgsSellersAndQueue() {
        assertThat(connector).containsEntry("textbridge.crm.type", "salesforce")
                .containsEntry("textbridge.numbers[0].seller", SalesforceStandIn.ALICE)
                .containsEntry("textbridge.numbers[1].team", SalesforceStandIn.EAST)
                .containsEntry("textbridge.numbers[2].seller", SalesforceStandIn.BOB)
                .containsEntry("textbridge.routing.default-lead-owner", SalesforceStandIn.ALICE);
        assertThat(standIn.org.record(SalesforceStandIn.EAST)).containsEntry("Type", "Queue");
        assertThat(crm.findTeams(Set.of(SalesforceStandIn.EAST)).get(SalesforceStandIn.EAST).memberIds())
                .containsExactlyInAnyOrder(SalesforceStandIn.ALICE, SalesforceStandIn.CARL);
    }

    private tools.jackson.databind.JsonNode calls() {
        return control.getJson("/calls");
    }

    private Map<String, Long> kinds() {
        return new SalesforceStandInSide(control).callsByKind();
    }

    private static ActivityDraft inbound(String sid, RecordRef record, PhoneNumber from) {
        return new ActivityDraft("twilio:" + sid, record, Direction.INBOUND, from,
                PhoneNumber.parse(Population.BUSINESS_NUMBERS.get(0), "US"), "Is the renewal still on?", List.of(),
                Instant.parse("2026-11-25T09:00:00Z"), "twilio", sid, null, null);
    }
}
