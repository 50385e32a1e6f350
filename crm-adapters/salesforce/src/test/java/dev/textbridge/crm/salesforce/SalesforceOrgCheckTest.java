package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.salesforce.OrgFinding.Severity;
import dev.textbridge.crm.salesforce.fakeorg.FakeOrg;
import dev.textbridge.crm.salesforce.fakeorg.FakeOrgServer;
import dev.textbridge.crm.salesforce.fakeorg.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The org check an admin sees at start-up and in {@code GET /admin/v1/config-check}: an org with the setup kit
 * deployed passes in three calls, and each missing piece is named with what to do about it.
 */
class SalesforceOrgCheckTest {

    private OrgUnderTest org;

    @AfterEach
    void stop() {
        if (org != null) {
            org.close();
        }
    }

    @Test
    void anOrgWithTheSetupKitDeployedHasEverythingAndCostsThreeCalls() {
        org = OrgUnderTest.holding(CrmFixture.standard());

        OrgCheck check = org.crm.checkOrg();

        assertThat(check.findings()).isEmpty();
        assertThat(check.isComplete()).isTrue();
        assertThat(check.apiCalls()).isEqualTo(3);
        assertThat(org.org.operations()).containsExactly(
                "describeSObjects: Contact, Account, Lead, Opportunity, OpportunityContactRole, Task, User, Group,"
                        + " GroupMember, PermissionSetAssignment",
                "rest query: SELECT Id, DeveloperName FROM CustomNotificationType WHERE DeveloperName ="
                        + " 'Textbridge_Inbound_Text'",
                "query: SELECT Id FROM PermissionSet WHERE Name = 'Textbridge_Seller'");
        assertThat(org.server.restQueries()).singleElement().satisfies(request ->
                assertThat(request.getHeader("Authorization")).isEqualTo("Bearer 00DFAKE000000001!AQ-token-1"));
    }

    static Stream<Arguments> missingPieces() {
        return Stream.of(
                arguments("the Task key field was never deployed",
                        change(org -> org.schema().dropField("Task", "Textbridge_Key__c")),
                        Severity.ERROR, "Task.Textbridge_Key__c",
                        "is missing: deploy the setup kit (README step 2) and assign the permission set"
                                + " Textbridge_Integration to the integration user (README step 3)"),
                arguments("the Lead key field was never deployed",
                        change(org -> org.schema().dropField("Lead", "Textbridge_Key__c")),
                        Severity.ERROR, "Lead.Textbridge_Key__c", "is missing: deploy the setup kit (README step 2)"),
                arguments("the integration user may read the delivery status but not write it",
                        change(org -> org.schema().makeReadOnly("Task", "Textbridge_Delivery_Status__c")),
                        Severity.ERROR, "Task.Textbridge_Delivery_Status__c",
                        "cannot be set on new records or changed by the integration user: give it Edit access in the"
                                + " permission set Textbridge_Integration (README step 3)"),
                arguments("the lead key is not unique",
                        change(org -> org.schema().makeNotUnique("Lead", "Textbridge_Key__c")),
                        Severity.WARNING, "Lead.Textbridge_Key__c", "is not unique"),
                arguments("a phone field the settings name is hidden",
                        change(org -> org.schema().dropField("Contact", "MobilePhone")),
                        Severity.ERROR, "Contact.MobilePhone",
                        "is missing or hidden from the integration user: correct"
                                + " textbridge.crm.salesforce.phone-fields.contact"),
                arguments("the integration user cannot see opportunity contact roles",
                        change(org -> org.schema().hideObject("OpportunityContactRole")),
                        Severity.ERROR, "OpportunityContactRole", "is not visible to the integration user"),
                arguments("the integration user may not create leads",
                        change(org -> org.schema().makeNotCreateable("Lead")),
                        Severity.ERROR, "Lead", "cannot be created by the integration user"),
                arguments("the custom notification type was never deployed",
                        change(org -> org.removeAll("CustomNotificationType")),
                        Severity.ERROR, "CustomNotificationType Textbridge_Inbound_Text",
                        "does not exist: sellers get no in-app notification of new texts"),
                arguments("the sellers' permission set was never deployed",
                        change(org -> org.removeAll("PermissionSet")),
                        Severity.ERROR, "PermissionSet Textbridge_Seller",
                        "does not exist: no seller has the SMS privilege"));
    }

    @ParameterizedTest(name = "when {0}, the check says: {3} {4}")
    @MethodSource("missingPieces")
    void eachMissingPieceIsNamedWithWhatToDo(String situation, Change change, Severity severity, String subject,
                                              String message) {
        org = OrgUnderTest.holding(CrmFixture.standard());
        change.apply(org.org);

        OrgCheck check = org.crm.checkOrg();

        assertThat(check.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(severity);
            assertThat(finding.subject()).isEqualTo(subject);
            assertThat(finding.message()).contains(message);
        });
        assertThat(check.isComplete()).isEqualTo(severity == Severity.WARNING);
    }

    @Test
    void anObjectTheUserCannotSeeCostsOneMoreCallAndTheOthersAreStillChecked() {
        org = OrgUnderTest.holding(CrmFixture.standard());
        org.org.schema().hideObject("GroupMember");
        org.org.schema().dropField("Task", "Textbridge_Failure_Reason__c");

        OrgCheck check = org.crm.checkOrg();

        assertThat(check.findings()).extracting(OrgFinding::subject)
                .containsExactly("GroupMember", "Task.Textbridge_Failure_Reason__c");
        assertThat(check.apiCalls()).isEqualTo(4);
    }

    @Test
    void withoutANotificationTypeConfiguredTheCheckWarnsAndAsksNothing() {
        org = OrgUnderTest.holding(CrmFixture.standard(), settings -> settings.withNotificationType(null));

        OrgCheck check = org.crm.checkOrg();

        assertThat(check.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.WARNING);
            assertThat(finding.setting()).isEqualTo("textbridge.crm.salesforce.notification-type");
            assertThat(finding.message()).startsWith("is not set: sellers get no in-app notification");
        });
        assertThat(org.server.restQueries()).isEmpty();
    }

    @Test
    void aNotificationTypeConfiguredByIdIsLookedUpById() {
        org = OrgUnderTest.holding(CrmFixture.standard(),
                settings -> settings.withNotificationType(FakeOrg.NOTIFICATION_TYPE_ID));

        assertThat(org.crm.checkOrg().findings()).isEmpty();
        assertThat(org.org.operations()).contains("rest query: SELECT Id, DeveloperName FROM CustomNotificationType"
                + " WHERE Id = '" + FakeOrg.NOTIFICATION_TYPE_ID + "'");
    }

    @Test
    void aRefusedLoginIsTheOnlyFindingAndNamesNoSecret() {
        MutableClock clock = new MutableClock(OrgUnderTest.NOW);
        FakeOrg fake = FakeOrg.holding(CrmFixture.standard(), clock);
        try (FakeOrgServer server = new FakeOrgServer(fake)) {
            SalesforceCrm crm = new SalesforceCrm(SalesforceSettings.clientCredentials(server.url(), FakeOrg.CLIENT_ID,
                    "a-wrong-secret-never-shown"), clock);

            OrgCheck check = crm.checkOrg();

            assertThat(check.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.severity()).isEqualTo(Severity.ERROR);
                assertThat(finding.subject()).isEqualTo("login");
                assertThat(finding.message()).contains("invalid_client")
                        .contains("client-credentials flow (README step 4)")
                        .doesNotContain("a-wrong-secret-never-shown");
            });
            assertThat(server.soapRequests()).isEmpty();
        }
    }

    @Test
    void anExpiredSessionIsRenewedAndTheCheckCompletes() {
        org = OrgUnderTest.holding(CrmFixture.standard());
        org.crm.findUsers(Set.of("U-ALICE"));
        org.org.expireSessions();

        OrgCheck check = org.crm.checkOrg();

        assertThat(check.findings()).isEmpty();
        assertThat(org.server.tokenRequests()).hasSize(2);
    }

    /** A change to the fake org; a named type keeps the parameterized test's signature readable. */
    @FunctionalInterface
    interface Change {
        void apply(FakeOrg org);
    }

    private static Change change(Consumer<FakeOrg> change) {
        return change::accept;
    }
}
