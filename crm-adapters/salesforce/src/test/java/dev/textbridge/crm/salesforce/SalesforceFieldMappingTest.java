package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityMove;
import dev.textbridge.crm.api.ActivityUpdate;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.salesforce.OrgFinding.Severity;
import dev.textbridge.mappings.crm.ActivityAttribute;
import dev.textbridge.mappings.crm.ActivityMapping;
import dev.textbridge.mappings.crm.ActivityMappings;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What an admin's field mapping changes in the org: a custom field on Task is written, texts go to a custom object
 * with every attribute in its own field, and the org check names what the mapping needs but the org lacks.
 */
class SalesforceFieldMappingTest {

    private static final RecordRef C_1 = new RecordRef(RecordType.CONTACT, "C-1");
    private static final RecordRef O_1 = new RecordRef(RecordType.OPPORTUNITY, "O-1");
    private static final PhoneNumber DANA = PhoneNumber.parse("+15550100200", "US");
    private static final PhoneNumber OFFICE = PhoneNumber.parse("+15550100999", "US");
    private static final Instant AT = Instant.parse("2026-11-25T08:59:30Z");

    @AutoClose
    private OrgUnderTest org;

    @Test
    void aCustomTaskFieldTheAdminMapsHoldsTheCustomersNumberBesideTheUsualTask() {
        org = OrgUnderTest.holding(CrmFixture.standard(), settings -> settings.withActivityMapping(taskWith(
                ActivityAttribute.CUSTOMER_NUMBER, "Customer_Number__c")));
        org.org.schema().addCustomField("Task", "Customer_Number__c", "Text");

        String id = written(inbound("twilio:SM1", C_1));

        assertThat(org.org.record(id))
                .containsEntry("Customer_Number__c", "+15550100200")
                .containsEntry("WhoId", "C-1")
                .containsEntry("Subject", "Inbound SMS from +15550100200")
                .containsEntry("Description", "Can we talk tomorrow?")
                .containsEntry("Status", "Completed")
                .containsEntry("Textbridge_Key__c", "twilio:SM1");
    }

    @Test
    void withoutTheMappedTaskFieldInTheOrgTheCheckSaysToCreateItOrCorrectTheMapping() {
        org = OrgUnderTest.holding(CrmFixture.standard(), settings -> settings.withActivityMapping(taskWith(
                ActivityAttribute.CUSTOMER_NUMBER, "Customer_Number__c")));

        assertThat(org.crm.checkOrg().findings()).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.ERROR);
            assertThat(finding.setting()).isEqualTo("textbridge.crm.salesforce.field-mapping");
            assertThat(finding.subject()).isEqualTo("Task.Customer_Number__c");
            assertThat(finding.message()).isEqualTo("is missing or hidden from the integration user, so texts cannot"
                    + " be written: create the field, correct textbridge.crm.salesforce.field-mapping, or give the"
                    + " integration user Edit access to the field");
        });
    }

    @Test
    void anOutboundTextOnTheCustomObjectHoldsEveryAttributeInItsOwnFieldAndNoTaskIsWritten() {
        org = textMessageOrg();
        ActivityDraft draft = new ActivityDraft("twilio:SM2", C_1, Direction.OUTBOUND, OFFICE, DANA,
                "Your quote is ready", List.of(), AT, "twilio", "SM2", DeliveryStatus.SENT, "U-ALICE");

        String id = written(draft);
        org.crm.updateActivities(List.of(new ActivityUpdate(id, DeliveryStatus.FAILED,
                FailureReason.BLOCKED_BY_CARRIER)));

        assertThat(org.org.record(id).type()).isEqualTo("Text_Message__c");
        assertThat(org.org.record(id))
                .containsEntry("Name", "Outbound SMS +15550100200")
                .containsEntry("Contact__c", "C-1")
                .containsEntry("Direction__c", "Outbound")
                .containsEntry("Customer_Number__c", "+15550100200")
                .containsEntry("Business_Number__c", "+15550100999")
                .containsEntry("Body__c", "Your quote is ready")
                .containsEntry("Sent_At__c", "2026-11-25T08:59:30Z")
                .containsEntry("Delivery_Status__c", "FAILED")
                .containsEntry("Failure_Reason__c", "Blocked or filtered by carrier")
                .containsEntry("Provider_Message_Id__c", "SM2")
                .containsEntry("OwnerId", "U-ALICE")
                .containsEntry("Textbridge_Key__c", "twilio:SM2")
                .doesNotContainKeys("Account__c", "Opportunity__c", "Lead__c");
        assertThat(org.org.rows("Task")).isEmpty();
        assertThat(org.org.operations()).filteredOn(op -> op.startsWith("create") || op.startsWith("update"))
                .containsExactly("create: 1 Text_Message__c", "update: 1 Text_Message__c");
    }

    @Test
    void aTextMovedToAnOpportunityHasOnlyTheOpportunityLookupSet() {
        org = textMessageOrg();
        String id = written(inbound("twilio:SM3", C_1));

        org.crm.moveActivities(List.of(new ActivityMove(id, O_1)));

        assertThat(org.org.record(id)).containsEntry("Opportunity__c", "O-1").doesNotContainKey("Contact__c");
        assertThat(org.org.operations()).anyMatch(op -> op.equals("queryAll: SELECT Id, Contact__c, Account__c,"
                + " Opportunity__c, Lead__c, IsDeleted FROM Text_Message__c WHERE Id IN ('" + id + "')"));
    }

    @Test
    void aTextWrittenTwiceIsFoundByItsKeyOnTheCustomObject() {
        org = textMessageOrg();
        String first = written(inbound("twilio:SM4", C_1));

        assertThat(written(inbound("twilio:SM4", C_1))).isEqualTo(first);
        assertThat(org.org.rows("Text_Message__c")).hasSize(1);
    }

    @Test
    void anOrgWithTheCustomObjectCompleteHasEverythingAndNeedsNoTaskFields() {
        org = textMessageOrg();
        org.org.schema().hideObject("Task");

        OrgCheck check = org.crm.checkOrg();

        assertThat(check.findings()).isEmpty();
        assertThat(org.org.operations().get(0)).isEqualTo("describeSObjects: Contact, Account, Lead, Opportunity,"
                + " OpportunityContactRole, Text_Message__c, User, Group, GroupMember, PermissionSetAssignment");
    }

    @Test
    void withoutTheCustomObjectTheCheckSaysTextsCannotBeWritten() {
        org = OrgUnderTest.holding(CrmFixture.standard(),
                settings -> settings.withActivityMapping(TextMessageObject.mapping()));

        assertThat(org.crm.checkOrg().findings()).singleElement().satisfies(finding -> {
            assertThat(finding.setting()).isEqualTo("textbridge.crm.salesforce.field-mapping");
            assertThat(finding.subject()).isEqualTo("Text_Message__c");
            assertThat(finding.message()).startsWith("does not exist or is not visible to the integration user: texts"
                    + " cannot be written; create the object, correct textbridge.crm.salesforce.field-mapping");
        });
    }

    @Test
    void aMappedFieldMissingFromTheCustomObjectIsNamedWithTheMapping() {
        org = textMessageOrg();
        org.org.schema().dropField("Text_Message__c", "Body__c");
        org.org.schema().makeNotUnique("Text_Message__c", "Textbridge_Key__c");

        assertThat(org.crm.checkOrg().findings())
                .extracting(OrgFinding::severity, OrgFinding::subject, OrgFinding::setting)
                .containsExactly(
                        tuple(Severity.WARNING, "Text_Message__c.Textbridge_Key__c",
                                "textbridge.crm.salesforce.field-mapping"),
                        tuple(Severity.ERROR, "Text_Message__c.Body__c",
                                "textbridge.crm.salesforce.field-mapping"));
    }

    private OrgUnderTest textMessageOrg() {
        OrgUnderTest under = OrgUnderTest.holding(CrmFixture.standard(),
                settings -> settings.withActivityMapping(TextMessageObject.mapping()));
        TextMessageObject.createIn(under.org.schema());
        return under;
    }

    /** The shipped Task mapping with one more attribute in a field of the admin's. */
    private static ActivityMapping taskWith(ActivityAttribute attribute, String field) {
        ActivityMapping task = ActivityMappings.salesforceDefault();
        Map<ActivityAttribute, String> fields = new EnumMap<>(task.fields());
        fields.put(attribute, field);
        return new ActivityMapping(task.object(), task.keyField(), task.ownerField(), task.links(), fields,
                task.templates(), task.constants());
    }

    private static ActivityDraft inbound(String key, RecordRef record) {
        return new ActivityDraft(key, record, Direction.INBOUND, DANA, OFFICE, "Can we talk tomorrow?", List.of(), AT,
                "twilio", key.substring(key.indexOf(':') + 1), null, null);
    }

    private String written(ActivityDraft draft) {
        ActivityWriteResult result = org.crm.writeActivities(List.of(draft)).get(0);
        assertThat(result.isWritten()).as(String.valueOf(result)).isTrue();
        return result.activityId();
    }
}
