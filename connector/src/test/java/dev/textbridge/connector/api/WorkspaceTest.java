package dev.textbridge.connector.api;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.SellerTokens;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A seller's workspace: "My text messages", a record's history, read markers, sender numbers; and who sees what. */
@ConnectorTest
class WorkspaceTest {

    private static final String ALICES_NUMBER = "+15550100001";
    private static final String EAST_TEAM_NUMBER = "+15550100002";

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    private WebTestClient.ResponseSpec get(String seller, String path) {
        return web.get().uri(path).headers(h -> h.setBearerAuth(SellerTokens.forSeller(seller))).exchange();
    }

    private WebTestClient.ResponseSpec post(String seller, String path) {
        return web.post().uri(path).headers(h -> h.setBearerAuth(SellerTokens.forSeller(seller))).exchange();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> myTextMessages(String seller) {
        Map<String, Object> page = get(seller, "/api/v1/conversations?page=0&size=100").expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("items");
    }

    private Map<String, Object> conversationWith(String seller, String customer) {
        return myTextMessages(seller).stream().filter(c -> customer.equals(c.get("customerNumber"))).findFirst().orElse(null);
    }

    private ConnectorClient.Trace texts(String from, String to, String body) {
        String sid = TwilioCallbacks.newMessageSid();
        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, from, to, body)).expectStatus().isOk();
        return connector.awaitState(sid, "written");
    }

    @Test
    void aCustomersTextShowsUpUnreadInTheSellersListAndNowhereElse() {
        String customer = "+15550185001";
        ConnectorClient.Trace trace = texts(customer, ALICES_NUMBER, "Is the offer still valid?");

        Map<String, Object> conversation = conversationWith("U-ALICE", customer);
        assertThat(conversation).isNotNull().containsEntry("businessNumber", ALICES_NUMBER).containsEntry("unread", 1);
        assertThat((Map<String, Object>) conversation.get("record")).containsEntry("id", trace.record().id());
        assertThat((Map<String, Object>) conversation.get("lastMessage"))
                .containsEntry("direction", "inbound").containsEntry("body", "Is the offer still valid?");
        assertThat(conversationWith("U-BOB", customer)).as("Bob sees nothing of it").isNull();

        Object id = conversation.get("id");
        post("U-BOB", "/api/v1/conversations/" + id + "/read").expectStatus().isNotFound();
        post("U-ALICE", "/api/v1/conversations/" + id + "/read").expectStatus().isOk().expectBody().jsonPath("$.unread").isEqualTo(0);
        assertThat(conversationWith("U-ALICE", customer)).containsEntry("unread", 0);

        texts(customer, ALICES_NUMBER, "Hello?");
        assertThat(conversationWith("U-ALICE", customer)).containsEntry("unread", 1);
    }

    @Test
    void aRecordsConversationsCarryTheirHistoryAndOnlyForSellersWhoMaySeeThem() {
        String customer = "+15550185002";
        ConnectorClient.Trace first = texts(customer, ALICES_NUMBER, "First");
        texts(customer, ALICES_NUMBER, "Second");
        String path = "/api/v1/records/" + first.record().type() + "/" + first.record().id() + "/conversations";

        get("U-ALICE", path).expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].customerNumber").isEqualTo(customer)
                .jsonPath("$[0].messages[*].body").isEqualTo(List.of("First", "Second"))
                .jsonPath("$[0].messages[0].direction").isEqualTo("inbound")
                .jsonPath("$[0].messages[0].sender").isEqualTo(customer);
        get("U-BOB", path).expectStatus().isNotFound();
        get("U-ALICE", "/api/v1/records/contact/C-NOPE/conversations").expectStatus().isNotFound();
    }

    @Test
    void aRecordShowsTheSellerItsPhoneFieldsAndTheRecordsTiedToIt() {
        get("U-ALICE", "/api/v1/records/contact/C-1").expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Dana Customer")
                .jsonPath("$.phones[*].field").isEqualTo(List.of("business", "mobile"))
                .jsonPath("$.phones[1].text").isEqualTo("+1 555 010 0201")
                .jsonPath("$.phones[1].number").isEqualTo("+15550100201")
                .jsonPath("$.opportunities[*].id").isEqualTo(List.of("O-1"))
                .jsonPath("$.opportunities[0].name").isEqualTo("Renewal 2027");
        get("U-ALICE", "/api/v1/records/opportunity/O-1").expectStatus().isOk().expectBody()
                .jsonPath("$.contact.id").isEqualTo("C-1")
                .jsonPath("$.account").isEmpty() // Dana Corp is Bob's, so Alice is not shown it
                .jsonPath("$.phones[*].field").isEqualTo(List.of("contact.business", "contact.mobile", "account.business"));
        get("U-BOB", "/api/v1/records/account/A-1").expectStatus().isOk().expectBody()
                .jsonPath("$.opportunities.length()").isEqualTo(0); // O-1 is Alice's
    }

    @Test
    void aRecordTheSellerMayNotSeeOrThatDoesNotExistIsNotFound() {
        get("U-BOB", "/api/v1/records/contact/C-1").expectStatus().isNotFound();
        get("U-ALICE", "/api/v1/records/contact/C-404").expectStatus().isNotFound();
        get("U-ALICE", "/api/v1/records/lead/C-1").expectStatus().isNotFound();
        get("U-ALICE", "/api/v1/records/planet/C-1").expectStatus().isBadRequest();
    }

    @Test
    void anInboundTextIsFiledInTheCrmUnderTheRecordsOwner() {
        ConnectorClient.Trace trace = texts("+15550100210", "+15550100003", "Morgan here, call me back");

        String owner = connector.crmRecords().stream().filter(r -> r.id().equals(trace.record().id()))
                .findFirst().orElseThrow().owner();
        assertThat(connector.activitiesOf(trace.record().id()))
                .filteredOn(a -> a.body().equals("Morgan here, call me back")).singleElement()
                .satisfies(a -> assertThat(a.owner()).isEqualTo(owner).isEqualTo("U-BOB"));
    }

    @Test
    void aTeamsNumberMakesItsConversationsVisibleToEveryMemberOfTheTeam() {
        String customer = "+15550185003";
        texts(customer, EAST_TEAM_NUMBER, "Anyone from the east team?");

        assertThat(conversationWith("U-ALICE", customer)).isNotNull();
        assertThat(conversationWith("U-CARL", customer)).isNotNull();
        assertThat(conversationWith("U-BOB", customer)).isNull();
    }

    @Test
    void theSenderNumbersAreTheSellersOwnAndTheirTeams() {
        get("U-ALICE", "/api/v1/sender-numbers").expectStatus().isOk().expectBody()
                .jsonPath("$[*].number").value(numbers -> assertThat((List<String>) numbers)
                        .containsExactlyInAnyOrder(ALICES_NUMBER, EAST_TEAM_NUMBER));
        get("U-BOB", "/api/v1/sender-numbers").expectStatus().isOk().expectBody()
                .jsonPath("$[*].number").isEqualTo(List.of("+15550100003"));
    }

    @Test
    void aPageOutOfBoundsIsRefusedAndAnUnknownSellerIsForbidden() {
        get("U-ALICE", "/api/v1/conversations?page=-1").expectStatus().isBadRequest();
        get("U-ALICE", "/api/v1/conversations?size=1000").expectStatus().isBadRequest();
        get("U-NOBODY", "/api/v1/conversations").expectStatus().isForbidden();
        web.get().uri("/api/v1/conversations").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aSellerMovesAConversationToTheRightContactAndTheNextTextFollowsIt() {
        String customer = "+15550185004";
        ConnectorClient.Trace first = texts(customer, ALICES_NUMBER, "Hi, this is Jordan from my other phone");
        assertThat(first.record().type()).isEqualTo("lead");
        Object id = conversationWith("U-ALICE", customer).get("id");

        web.get().uri("/api/v1/records?query=jordan&types=contact").headers(h -> h.setBearerAuth(SellerTokens.forSeller("U-ALICE")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$[*].id").isEqualTo(List.of("C-5"));
        moves("U-BOB", id, "contact", "C-5").expectStatus().isNotFound();
        moves("U-ALICE", id, "account", "A-1").expectStatus().isNotFound();
        moves("U-ALICE", id, "contact", "C-5").expectStatus().isOk().expectBody()
                .jsonPath("$.conversation.record.id").isEqualTo("C-5")
                .jsonPath("$.failed.length()").isEqualTo(0);

        assertThat(connector.activitiesOf("C-5")).extracting(ConnectorClient.Activity::body).contains("Hi, this is Jordan from my other phone");
        assertThat(connector.activitiesOf(first.record().id())).isEmpty();
        get("U-ALICE", "/api/v1/records/contact/C-5/conversations").expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.customerNumber == '" + customer + "')].messages[*].body")
                .isEqualTo(List.of("Hi, this is Jordan from my other phone"));

        ConnectorClient.Trace next = texts(customer, ALICES_NUMBER, "Did you get my message?");
        assertThat(next.record().id()).isEqualTo("C-5");
        assertThat(next.decision().decidedBy()).isIn("single-candidate", "rule-1");
        assertThat(next.decision().candidates()).extracting(ConnectorClient.Candidate::id).contains("C-5");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> notificationsOf(String user) {
        return web.get().uri("/local-crm/api/notifications?user=" + user).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
    }

    @Test
    void aNewTextNotifiesTheRecordsOwnerOnceAMinuteWithALinkToTheRecord() {
        String customer = "+15550185005";
        ConnectorClient.Trace first = texts(customer, ALICES_NUMBER, "Can you call me back?");
        texts(customer, ALICES_NUMBER, "Today if possible");

        List<Map<String, Object>> aboutIt = notificationsOf("U-ALICE").stream()
                .filter(n -> ("New text from " + customer).equals(n.get("title"))).toList();
        assertThat(aboutIt).singleElement().satisfies(n -> {
            assertThat(n.get("body")).isEqualTo("Can you call me back?");
            assertThat((Map<String, Object>) n.get("target")).containsEntry("type", "lead").containsEntry("id", first.record().id());
        });
        assertThat(notificationsOf("U-BOB")).noneMatch(n -> ("New text from " + customer).equals(n.get("title")));
    }

    @Test
    void aTeamMemberWithoutTheSmsPrivilegeIsToldOnceAndTheTraceSaysSo() {
        String customer = "+15550185006";
        ConnectorClient.Trace first = texts(customer, EAST_TEAM_NUMBER, "Hello east team");
        texts("+15550185007", EAST_TEAM_NUMBER, "Hello again, east team");

        assertThat(first.record().type()).isEqualTo("lead");
        assertThat(connector.trace(first.providerMessageId()).notice()).contains("U-CARL");
        assertThat(notificationsOf("U-CARL")).filteredOn(n -> "You have a text you cannot open".equals(n.get("title"))).hasSize(1);
        assertThat(notificationsOf("U-CARL")).noneMatch(n -> ("New text from " + customer).equals(n.get("title")));
        assertThat(notificationsOf("U-ALICE")).anyMatch(n -> ("New text from " + customer).equals(n.get("title")));
    }

    private WebTestClient.ResponseSpec moves(String seller, Object conversationId, String type, String recordId) {
        return web.post().uri("/api/v1/conversations/" + conversationId + "/move")
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller(seller)))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"record\": {\"type\": \"" + type + "\", \"id\": \"" + recordId + "\"}}")
                .exchange();
    }
}
