package dev.textbridge.crm.salesforce;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.Notification;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.salesforce.fakeorg.FakeOrg;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Custom notifications through the REST action: batched, typed once, token renewed, failures kept in their place. */
class SalesforceNotificationsTest {

    private static final RecordRef C_1 = new RecordRef(RecordType.CONTACT, "C-1");
    private static final String PATH = "/services/data/v65.0/actions/standard/customNotificationAction";

    @AutoClose
    private OrgUnderTest org;

    @Test
    void notificationsForSeveralRecipientsGoInOneCallWithOneInputPerContent() {
        org = OrgUnderTest.holding(CrmFixture.standard());

        org.crm.sendNotifications(List.of(
                new Notification("U-ALICE", "New text from +15550100200", "Still on?", C_1),
                new Notification("U-BOB", "New text from +15550100200", "Still on?", C_1),
                new Notification("U-CARL", "New text from +15550100200", "Still on?", C_1),
                new Notification("U-CARL", "You have a text you cannot open", "Ask your admin.", null)));

        LoggedRequest request = org.server.restRequests().get(0);
        assertThat(org.server.restRequests()).hasSize(1);
        assertThat(request.getUrl()).isEqualTo(PATH);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer 00DFAKE000000001!AQ-token-1");
        JsonNode inputs = json(request).path("inputs");
        assertThat(inputs.size()).isEqualTo(2);
        assertThat(inputs.path(0).path("customNotifTypeId").asString()).isEqualTo(FakeOrg.NOTIFICATION_TYPE_ID);
        assertThat(inputs.path(0).path("recipientIds").toString()).isEqualTo("[\"U-ALICE\",\"U-BOB\",\"U-CARL\"]");
        assertThat(inputs.path(0).path("targetId").asString()).isEqualTo("C-1");
        assertThat(inputs.path(1).path("targetId").asString()).as("Salesforce's placeholder target")
                .isEqualTo("000000000000000AAA");
        assertThat(org.notificationsOf("U-BOB")).containsExactly(
                new Notification("U-BOB", "New text from +15550100200", "Still on?", C_1));
        assertThat(org.notificationsOf("U-CARL")).extracting(Notification::title)
                .as("newest first; both came in the same instant, so in the order sent, reversed")
                .containsExactly("You have a text you cannot open", "New text from +15550100200");
    }

    @Test
    void theTypeIsLookedUpOnceByDeveloperNameAndAnIdIsUsedAsItIs() {
        org = OrgUnderTest.holding(CrmFixture.standard());
        org.crm.sendNotifications(List.of(new Notification("U-ALICE", "One", "1", C_1)));
        org.crm.sendNotifications(List.of(new Notification("U-ALICE", "Two", "2", C_1)));

        assertThat(org.org.operations()).filteredOn(op -> op.contains("CustomNotificationType")).singleElement()
                .isEqualTo("query: SELECT Id FROM CustomNotificationType WHERE DeveloperName = 'Textbridge_Inbound_Text'"
                        + " LIMIT 1");
        assertThat(org.notificationsOf("U-ALICE")).extracting(Notification::title).containsExactly("Two", "One");
        org.close();

        org = OrgUnderTest.holding(CrmFixture.standard(), withType(FakeOrg.NOTIFICATION_TYPE_ID));
        org.crm.sendNotifications(List.of(new Notification("U-ALICE", "Three", "3", C_1)));

        assertThat(org.server.soapRequests()).isEmpty();
        assertThat(org.notificationsOf("U-ALICE")).extracting(Notification::title).containsExactly("Three");
    }

    @Test
    void anExpiredSessionIsRenewedOnceAndTheNotificationsSent() {
        org = OrgUnderTest.holding(CrmFixture.standard());
        org.crm.sendNotifications(List.of(new Notification("U-ALICE", "One", "1", C_1)));
        org.org.expireSessions();

        org.crm.sendNotifications(List.of(new Notification("U-ALICE", "Two", "2", C_1)));

        assertThat(org.crm.tokenRequests()).isEqualTo(2);
        List<LoggedRequest> requests = org.server.restRequests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(1).getHeader("Authorization")).endsWith("AQ-token-1");
        assertThat(requests.get(2).getHeader("Authorization")).endsWith("AQ-token-2");
        assertThat(requests.get(2).getBodyAsString()).isEqualTo(requests.get(1).getBodyAsString());
        assertThat(org.notificationsOf("U-ALICE")).extracting(Notification::title).containsExactly("Two", "One");
    }

    @Test
    void aSessionRefusedAgainAfterRenewalMakesTheCrmUnavailableWithoutShowingTheToken() {
        org = OrgUnderTest.holding(CrmFixture.standard());
        String expired = "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";
        org.org.failNextRestCall(401, expired, Map.of());
        org.org.failNextRestCall(401, expired, Map.of());

        assertThatThrownBy(() -> org.crm.sendNotifications(List.of(new Notification("U-ALICE", "One", "1", C_1))))
                .isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("INVALID_SESSION_ID")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AQ-token"));
        assertThat(org.crm.tokenRequests()).as("renewed once, not in a loop").isEqualTo(2);
    }

    @Test
    void tooManyRequestsAndOutagesMakeTheCrmUnavailable() {
        org = OrgUnderTest.holding(CrmFixture.standard());
        List<Notification> one = List.of(new Notification("U-ALICE", "One", "1", C_1));
        org.org.failNextRestCall(429, "[{\"message\":\"TotalRequests Limit exceeded.\","
                + "\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]", Map.of("Retry-After", "30"));
        org.org.failNextRestCall(503, "", Map.of());
        org.org.failNextRestCall(403, "[{\"message\":\"TotalRequests Limit exceeded.\","
                + "\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]", Map.of());

        assertThatThrownBy(() -> org.crm.sendNotifications(one)).isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("HTTP 429").hasMessageContaining("Retry-After 30");
        assertThatThrownBy(() -> org.crm.sendNotifications(one)).isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("HTTP 503");
        assertThatThrownBy(() -> org.crm.sendNotifications(one)).isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("REQUEST_LIMIT_EXCEEDED");
        org.crm.sendNotifications(one);
        assertThat(org.notificationsOf("U-ALICE")).hasSize(1);
    }

    @Test
    void aRefusedInputIsLoggedWithoutItsTextAndTheOthersAreDelivered() {
        org = OrgUnderTest.holding(CrmFixture.standard());

        String output = SalesforceAuthenticationTest.capturingOutput(() -> org.crm.sendNotifications(List.of(
                new Notification("U-NOBODY", "New text from +15550100999", "my secret account number", C_1),
                new Notification("U-BOB", "New text from +15550100200", "Still on?", C_1))));

        assertThat(org.notificationsOf("U-BOB")).hasSize(1);
        assertThat(Arrays.stream(output.split("\n")).filter(line -> line.contains("WARN")).toList())
                .singleElement().asString()
                .contains("U-NOBODY").contains("INVALID_ARGUMENT")
                .doesNotContain("my secret account number").doesNotContain("+15550100999");
    }

    @Test
    void withoutATypeConfiguredNotificationsAreDroppedWithOneWarning() {
        org = OrgUnderTest.holding(CrmFixture.standard(), withType(null));
        List<Notification> one = List.of(new Notification("U-ALICE", "One", "1", C_1));

        String output = SalesforceAuthenticationTest.capturingOutput(() -> {
            org.crm.sendNotifications(one);
            org.crm.sendNotifications(one);
        });

        assertThat(output.split("notification-type is not set", -1)).hasSize(2);
        assertThat(org.server.restRequests()).isEmpty();
        assertThat(org.server.soapRequests()).isEmpty();
        assertThat(org.crm.tokenRequests()).isZero();
    }

    @Test
    void aTypeTheOrgDoesNotKnowDropsNotificationsAndIsLookedUpAgainAfterAQuarterHour() {
        org = OrgUnderTest.holding(CrmFixture.standard(), withType("No_Such_Type"));
        List<Notification> one = List.of(new Notification("U-ALICE", "One", "1", C_1));

        org.crm.sendNotifications(one);
        org.crm.sendNotifications(one);
        org.clock.advance(Duration.ofMinutes(16));
        org.crm.sendNotifications(one);

        assertThat(org.org.operations()).filteredOn(op -> op.contains("CustomNotificationType")).hasSize(2);
        assertThat(org.server.restRequests()).isEmpty();
    }

    @Test
    void longTitlesAndBodiesAreCutToTheActionsLimitsAndABlankBodyBecomesTheTitle() {
        org = OrgUnderTest.holding(CrmFixture.standard());

        org.crm.sendNotifications(List.of(
                new Notification("U-ALICE", "T".repeat(300), "B".repeat(800), C_1),
                new Notification("U-BOB", "Just a title", " ", C_1)));

        assertThat(org.notificationsOf("U-ALICE")).singleElement().satisfies(n -> {
            assertThat(n.title()).hasSize(250).endsWith("T…");
            assertThat(n.body()).hasSize(750).endsWith("B…");
        });
        assertThat(org.notificationsOf("U-BOB")).singleElement()
                .satisfies(n -> assertThat(n.body()).isEqualTo("Just a title"));
    }

    private static UnaryOperator<SalesforceSettings> withType(String type) {
        return settings -> settings.withNotificationType(type);
    }

    private static JsonNode json(LoggedRequest request) {
        return JsonMapper.shared().readTree(request.getBodyAsString());
    }
}
