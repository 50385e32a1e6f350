package dev.textbridge.mappings.crm;

/** The default Task mapping written out, for tests that break one piece of it; it must equal the shipped one. */
final class ActivityMappingsTestYaml {

    static final String TASK = """
            object: Task
            key-field: Textbridge_Key__c
            owner-field: OwnerId
            links:
              contact: WhoId
              lead: WhoId
              account: WhatId
              opportunity: WhatId
            fields:
              body: Description
              date: ActivityDate
              delivery-status: Textbridge_Delivery_Status__c
              failure-reason: Textbridge_Failure_Reason__c
            templates:
              Subject:
                inbound: "Inbound SMS from {customer-number}"
                outbound: "Outbound SMS to {customer-number}"
            constants:
              Status: Completed
              Priority: Normal
            """;

    private ActivityMappingsTestYaml() {
    }
}
