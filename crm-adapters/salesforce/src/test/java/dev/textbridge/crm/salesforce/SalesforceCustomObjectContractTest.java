package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmAdapterContractTest;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.Notification;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.WrittenActivity;
import dev.textbridge.crm.salesforce.fakeorg.FakeOrg;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.FailureReason;
import org.junit.jupiter.api.AfterEach;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Salesforce adapter passes the CRM adapter contract with texts mapped to the custom object
 * {@code Text_Message__c} instead of Tasks. The fake org refuses fields and objects its schema does not have, so a
 * write that ignored the mapping would fail here; activities are read back from the object's own fields.
 */
class SalesforceCustomObjectContractTest extends CrmAdapterContractTest {

    private static final List<String> LOOKUPS = List.of("Contact__c", "Lead__c", "Account__c", "Opportunity__c");

    private OrgUnderTest org;

    @Override
    protected CrmAdapter adapterWith(CrmFixture fixture) {
        org = OrgUnderTest.holding(fixture, settings -> settings.withActivityMapping(TextMessageObject.mapping()));
        TextMessageObject.createIn(org.org.schema());
        return org.crm;
    }

    /** The Text Messages related list of the record: the object's rows whose lookup points to it. */
    @Override
    protected List<WrittenActivity> activitiesOn(CrmAdapter adapter, RecordRef record) {
        assertThat(org.org.rows("Task")).as("no Task is written when texts go to a custom object").isEmpty();
        return org.org.rows(TextMessageObject.NAME).stream()
                .filter(row -> LOOKUPS.stream().anyMatch(lookup -> record.id().equals(row.get(lookup))))
                .map(SalesforceCustomObjectContractTest::asWritten)
                .toList();
    }

    @Override
    protected Optional<Boolean> smsOptOutShownOn(CrmAdapter adapter, RecordRef record) {
        return org.smsOptOutShownOn(record);
    }

    @Override
    protected List<Notification> notificationsOf(CrmAdapter adapter, String userId) {
        return org.notificationsOf(userId);
    }

    private static WrittenActivity asWritten(FakeOrg.Row row) {
        String status = row.get("Delivery_Status__c");
        String failure = row.get("Failure_Reason__c");
        return new WrittenActivity(row.get("Id"), Direction.valueOf(row.get("Direction__c").toUpperCase()),
                row.get("Body__c"), status == null ? null : DeliveryStatus.valueOf(status),
                failure == null ? null : Arrays.stream(FailureReason.values())
                        .filter(reason -> Objects.equals(reason.text(), failure)).findFirst().orElseThrow(),
                row.get("OwnerId"));
    }

    @AfterEach
    void stopTheOrg() {
        if (org != null) {
            org.close();
        }
    }
}
