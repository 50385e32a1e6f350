package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.CreatedLead;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.Notification;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.api.WrittenActivity;
import dev.textbridge.crm.salesforce.fakeorg.FakeOrg;
import dev.textbridge.crm.salesforce.fakeorg.FakeOrgServer;
import dev.textbridge.crm.salesforce.fakeorg.MutableClock;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.PhoneNumber;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** A fake org holding a fixture, served over HTTP, and a {@link SalesforceCrm} pointed at it; close after use. */
final class OrgUnderTest implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final FakeOrg org;
    final FakeOrgServer server;
    final SalesforceCrm crm;

    private OrgUnderTest(CrmFixture fixture, UnaryOperator<SalesforceSettings> settings) {
        org = FakeOrg.holding(fixture, clock);
        server = new FakeOrgServer(org);
        crm = new SalesforceCrm(settings.apply(clientCredentials(server)), clock);
    }

    static OrgUnderTest holding(CrmFixture fixture) {
        return new OrgUnderTest(fixture, UnaryOperator.identity());
    }

    static OrgUnderTest holding(CrmFixture fixture, UnaryOperator<SalesforceSettings> settings) {
        return new OrgUnderTest(fixture, settings);
    }

    static SalesforceSettings clientCredentials(FakeOrgServer server) {
        return SalesforceSettings.clientCredentials(server.url(), FakeOrg.CLIENT_ID, FakeOrg.CLIENT_SECRET)
                .withDefaultRegion(CrmFixture.REGION).withNotificationType(FakeOrg.NOTIFICATION_TYPE)
                .withConsentFields(OPT_OUT_FIELD, CONSENT_CHANGED_FIELD);
    }

    static final String OPT_OUT_FIELD = "Textbridge_SMS_Opt_Out__c";
    static final String CONSENT_CHANGED_FIELD = "Textbridge_SMS_Consent_Changed__c";

    /** The opt-out checkbox as the record page shows it; empty when never set. */
    java.util.Optional<Boolean> smsOptOutShownOn(RecordRef record) {
        FakeOrg.Row row = org.record(record.id());
        return row == null || row.get(OPT_OUT_FIELD) == null ? java.util.Optional.empty()
                : java.util.Optional.of(Boolean.parseBoolean(row.get(OPT_OUT_FIELD)));
    }

    /** The Tasks on the record, oldest first, read from the org as a seller's activity timeline would show them. */
    /** The lead the connector creates for a new customer, with the customer's first text. */
    CreatedLead leadWithText(NewLead lead) {
        ActivityDraft text = new ActivityDraft(lead.requestKey(), null, Direction.INBOUND, lead.phone(),
                PhoneNumber.parse("+15550100001", CrmFixture.REGION), "Hi", List.of(), NOW, "twilio",
                lead.requestKey().substring(lead.requestKey().indexOf(':') + 1), null, lead.ownerId(), lead);
        return crm.writeActivities(List.of(text)).get(0).lead();
    }

    List<WrittenActivity> activitiesOn(RecordRef record) {
        return org.rows("Task").stream()
                .filter(task -> record.id().equals(task.get("WhoId")) || record.id().equals(task.get("WhatId")))
                .map(OrgUnderTest::asWritten)
                .toList();
    }

    /** The custom notifications the user received, newest first, as the bell would list them. */
    List<Notification> notificationsOf(String userId) {
        return org.notificationsOf(userId).stream()
                .map(n -> new Notification(n.recipientId(), n.title(), n.body(), target(n.targetId())))
                .toList();
    }

    private RecordRef target(String id) {
        FakeOrg.Row row = id == null ? null : org.record(id);
        if (row == null) {
            return null; // Salesforce's placeholder target, or a record since deleted
        }
        return new RecordRef(switch (row.type()) {
            case "Contact" -> RecordType.CONTACT;
            case "Account" -> RecordType.ACCOUNT;
            case "Opportunity" -> RecordType.OPPORTUNITY;
            case "Lead" -> RecordType.LEAD;
            default -> throw new IllegalStateException("a notification targets a " + row.type());
        }, id);
    }

    private static WrittenActivity asWritten(FakeOrg.Row task) {
        Direction direction = task.get("Subject").startsWith("Inbound SMS") ? Direction.INBOUND : Direction.OUTBOUND;
        String status = task.get("Textbridge_Delivery_Status__c");
        String failure = task.get("Textbridge_Failure_Reason__c");
        return new WrittenActivity(task.get("Id"), direction, task.get("Description"),
                status == null ? null : DeliveryStatus.valueOf(status),
                failure == null ? null : Arrays.stream(FailureReason.values())
                        .filter(reason -> Objects.equals(reason.text(), failure)).findFirst().orElseThrow(),
                task.get("OwnerId"));
    }

    @Override
    public void close() {
        server.close();
    }
}
