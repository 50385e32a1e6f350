package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.salesforce.fakeorg.OrgSchema;
import dev.textbridge.mappings.crm.ActivityMapping;
import dev.textbridge.mappings.crm.ActivityMappings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The custom object {@code Text_Message__c} an admin might hold texts in instead of Tasks: a lookup per record type
 * and a field per attribute, as {@code text-message-object.yaml} maps them.
 */
final class TextMessageObject {

    static final String NAME = "Text_Message__c";
    static final String MAPPING_RESOURCE = "text-message-object.yaml";

    private TextMessageObject() {
    }

    /** The mapping, read as the connector reads {@code textbridge.crm.salesforce.field-mapping}. */
    static ActivityMapping mapping() {
        try (InputStream in = TextMessageObject.class.getClassLoader().getResourceAsStream(MAPPING_RESOURCE)) {
            return ActivityMappings.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "classpath:" + MAPPING_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the object and its fields in the org, as the admin would in Setup. */
    static void createIn(OrgSchema schema) {
        schema.addCustomObject(NAME, "a01");
        schema.addCustomField(NAME, "Textbridge_Key__c", "ExternalId");
        schema.addCustomField(NAME, "Contact__c", "Lookup(Contact)");
        schema.addCustomField(NAME, "Lead__c", "Lookup(Lead)");
        schema.addCustomField(NAME, "Account__c", "Lookup(Account)");
        schema.addCustomField(NAME, "Opportunity__c", "Lookup(Opportunity)");
        schema.addCustomField(NAME, "Direction__c", "Picklist");
        schema.addCustomField(NAME, "Customer_Number__c", "Text");
        schema.addCustomField(NAME, "Business_Number__c", "Text");
        schema.addCustomField(NAME, "Body__c", "LongTextArea");
        schema.addCustomField(NAME, "Sent_At__c", "DateTime");
        schema.addCustomField(NAME, "Delivery_Status__c", "Picklist");
        schema.addCustomField(NAME, "Failure_Reason__c", "Text");
        schema.addCustomField(NAME, "Provider_Message_Id__c", "Text");
    }
}
