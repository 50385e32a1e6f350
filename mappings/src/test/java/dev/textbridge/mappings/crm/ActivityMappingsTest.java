package dev.textbridge.mappings.crm;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class ActivityMappingsTest {

    private static final PhoneNumber CUSTOMER = PhoneNumber.parse("+15550100200", "US");
    private static final PhoneNumber BUSINESS = PhoneNumber.parse("+15550100999", "US");
    private static final Instant AT = Instant.parse("2026-11-25T23:30:00Z");

    private static final String CUSTOM_OBJECT = """
            object: Text_Message__c
            key-field: Textbridge_Key__c
            owner-field: OwnerId
            links:
              contact: Contact__c
              lead: Lead__c
              account: Account__c
              opportunity: Opportunity__c
            fields:
              direction: Direction__c
              customer-number: Customer_Number__c
              business-number: Business_Number__c
              body: Body__c
              time: Sent_At__c
              delivery-status: Delivery_Status__c
              failure-reason: Failure_Reason__c
              provider: Provider__c
              provider-message-id: Provider_Message_Id__c
            templates:
              Name: "{direction} {customer-number}"
            """;

    @Test
    void theDefaultForSalesforceIsACompletedTaskLinkedByWhoIdOrWhatId() {
        ActivityMapping task = ActivityMappings.salesforceDefault();

        assertThat(task.object()).isEqualTo("Task");
        assertThat(task.keyField()).isEqualTo("Textbridge_Key__c");
        assertThat(task.ownerField()).isEqualTo("OwnerId");
        assertThat(task.links()).containsOnly(entry(RecordKind.CONTACT, "WhoId"), entry(RecordKind.LEAD, "WhoId"),
                entry(RecordKind.ACCOUNT, "WhatId"), entry(RecordKind.OPPORTUNITY, "WhatId"));
        assertThat(task.linkFields()).containsExactly("WhoId", "WhatId");
        assertThat(task.field(ActivityAttribute.DELIVERY_STATUS)).contains("Textbridge_Delivery_Status__c");
        assertThat(task.field(ActivityAttribute.FAILURE_REASON)).contains("Textbridge_Failure_Reason__c");
    }

    @Test
    void anInboundTextOnTheDefaultTaskNamesItsSenderInTheSubjectAndCarriesItsBodyAndMedia() {
        ActivityFacts text = new ActivityFacts(Direction.INBOUND, CUSTOMER, BUSINESS, "See the photo",
                List.of(new MediaAttachment("https://media.example/1.jpg", "image/jpeg")), AT, null, null, "twilio",
                "SM1");

        assertThat(ActivityMappings.salesforceDefault().valuesOnCreate(text)).containsExactly(
                entry("Subject", "Inbound SMS from +15550100200"),
                entry("Description", "See the photo\nMedia: https://media.example/1.jpg"),
                entry("ActivityDate", "2026-11-25"),
                entry("Status", "Completed"),
                entry("Priority", "Normal"));
    }

    @Test
    void anOutboundTextToAnUnknownNumberSaysSoAndCarriesItsDeliveryState() {
        ActivityFacts text = new ActivityFacts(Direction.OUTBOUND, null, BUSINESS, "Your quote", List.of(), AT,
                DeliveryStatus.SENT, null, "twilio", "SM2");

        assertThat(ActivityMappings.salesforceDefault().valuesOnCreate(text))
                .contains(entry("Subject", "Outbound SMS to an unknown number"),
                        entry("Textbridge_Delivery_Status__c", "SENT"));
    }

    @Test
    void aCustomObjectGetsEveryAttributeInItsOwnField() {
        ActivityMapping mapping = ActivityMappings.read(CUSTOM_OBJECT, "test.yaml");
        ActivityFacts text = new ActivityFacts(Direction.OUTBOUND, CUSTOMER, BUSINESS, "Hi", List.of(), AT,
                DeliveryStatus.FAILED, FailureReason.BLOCKED_BY_CARRIER, "twilio", "SM3");

        assertThat(mapping.linkFields()).containsExactly("Contact__c", "Account__c", "Opportunity__c", "Lead__c");
        assertThat(mapping.valuesOnCreate(text)).containsExactly(
                entry("Name", "Outbound +15550100200"),
                entry("Direction__c", "Outbound"),
                entry("Customer_Number__c", "+15550100200"),
                entry("Business_Number__c", "+15550100999"),
                entry("Body__c", "Hi"),
                entry("Sent_At__c", "2026-11-25T23:30:00Z"),
                entry("Delivery_Status__c", "FAILED"),
                entry("Failure_Reason__c", "Blocked or filtered by carrier"),
                entry("Provider__c", "twilio"),
                entry("Provider_Message_Id__c", "SM3"));
    }

    @Test
    void theTimeIsWrittenToTheMillisecondAsSalesforceKeepsIt() {
        ActivityFacts text = new ActivityFacts(Direction.INBOUND, CUSTOMER, BUSINESS, "Hi", List.of(),
                Instant.parse("2026-11-25T23:30:00.250999Z"), null, null, "twilio", "SM5");

        assertThat(text.value(ActivityAttribute.TIME)).isEqualTo("2026-11-25T23:30:00.250Z");
        assertThat(text.value(ActivityAttribute.DATE)).isEqualTo("2026-11-25");
    }

    @Test
    void aTemplateGivenOnceServesBothDirections() {
        ActivityMapping mapping = ActivityMappings.read(CUSTOM_OBJECT, "test.yaml");
        ActivityFacts text = new ActivityFacts(Direction.INBOUND, CUSTOMER, BUSINESS, "Hi", List.of(), AT, null,
                null, "twilio", "SM4");

        assertThat(mapping.valuesOnCreate(text)).contains(entry("Name", "Inbound +15550100200"));
    }

    static Stream<Arguments> brokenMappings() {
        String task = ActivityMappingsTestYaml.TASK;
        return Stream.of(
                Arguments.of("a mapping without an object", task.replace("object: Task\n", ""),
                        "object: missing"),
                Arguments.of("a mapping without a key field", task.replace("key-field: Textbridge_Key__c\n", ""),
                        "key-field: missing"),
                Arguments.of("a record type without a link", task.replace("  lead: WhoId\n", ""),
                        "links.lead: missing"),
                Arguments.of("no links at all", task.replaceAll("links:\\n(  .*\\n)+", ""),
                        "links: missing"),
                Arguments.of("a link to a record type the product does not know",
                        task.replace("  lead: WhoId\n", "  lead: WhoId\n  case: WhatId\n"),
                        "links.case: unknown record type"),
                Arguments.of("an unknown attribute", task.replace("  body: Description\n", "  message: Description\n"),
                        "fields.message: unknown activity attribute; expected one of direction, customer-number"),
                Arguments.of("a placeholder that does not exist",
                        task.replace("{customer-number}\"\n    outbound", "{customer-phone}\"\n    outbound"),
                        "templates.Subject.inbound: unknown placeholder {customer-phone}"),
                Arguments.of("the body as a placeholder",
                        task.replace("Outbound SMS to {customer-number}", "Outbound SMS: {body}"),
                        "templates.Subject.outbound: unknown placeholder {body}"),
                Arguments.of("a template with one direction only",
                        task.replace("    outbound: \"Outbound SMS to {customer-number}\"\n", ""),
                        "templates.Subject.outbound: missing"),
                Arguments.of("a field written twice", task.replace("  date: ActivityDate\n", "  date: Description\n"),
                        "fields.date: Description is already written by fields.body"),
                Arguments.of("a constant on the key field", task + "  Textbridge_Key__c: fixed\n",
                        "constants.Textbridge_Key__c: Textbridge_Key__c is already written by key-field"),
                Arguments.of("a field name Salesforce cannot have", task.replace("key-field: Textbridge_Key__c",
                        "key-field: Textbridge Key"), "key-field: 'Textbridge Key' is no Salesforce API name"),
                Arguments.of("a misspelt key", task.replace("owner-field:", "owner:"),
                        "owner: unknown key; expected one of object, key-field"),
                Arguments.of("a list where a map belongs", task.replaceAll("links:\\n(  .*\\n)+", "links: [WhoId]\n"),
                        "links: must be a map"),
                Arguments.of("an empty file", "", "(document): is empty"),
                Arguments.of("text that is not YAML", "object: [Task", "(document): is not YAML"));
    }

    @ParameterizedTest(name = "{0} stops the start: \"{2}\"")
    @MethodSource("brokenMappings")
    void aBrokenMappingFailsNamingItsYamlPath(String what, String yaml, String message) {
        assertThatThrownBy(() -> ActivityMappings.read(yaml, "file:/etc/textbridge/salesforce-fields.yaml"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("file:/etc/textbridge/salesforce-fields.yaml: ")
                .hasMessageContaining(message);
    }

    @Test
    void theTestsCopyOfTheDefaultIsTheShippedOne() {
        assertThat(ActivityMappings.read(ActivityMappingsTestYaml.TASK, "copy"))
                .isEqualTo(ActivityMappings.salesforceDefault());
    }

    @Test
    void aMappingWithoutOwnerFieldLeavesTheOwnerToTheCrm() {
        ActivityMapping mapping = ActivityMappings.read(CUSTOM_OBJECT.replace("owner-field: OwnerId\n", ""), "t");

        assertThat(mapping.ownerField()).isNull();
        assertThat(mapping.allFields()).doesNotContain("OwnerId").contains("Textbridge_Key__c", "Lead__c", "Name");
    }

    @Test
    void constantsMayBeAnyScalar() {
        ActivityMapping mapping = ActivityMappings.read(ActivityMappingsTestYaml.TASK + "  IsReminderSet: false\n", "t");

        assertThat(mapping.constants()).isEqualTo(Map.of("Status", "Completed", "Priority", "Normal",
                "IsReminderSet", "false"));
    }
}
