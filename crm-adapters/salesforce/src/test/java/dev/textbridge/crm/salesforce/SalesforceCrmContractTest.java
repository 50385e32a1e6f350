package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmAdapterContractTest;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.Notification;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.WrittenActivity;
import org.junit.jupiter.api.AfterEach;

import java.util.List;

/**
 * The Salesforce adapter passes the CRM adapter contract against a fake org holding the fixture, spoken to over HTTP
 * in Salesforce's own OAuth, Partner SOAP and REST (custom notification action) wire formats. Records the adapter creates are not in the fake's search
 * index, so every test that finds a created lead also proves the index-lag cover.
 */
class SalesforceCrmContractTest extends CrmAdapterContractTest {

    private OrgUnderTest org;

    @Override
    protected CrmAdapter adapterWith(CrmFixture fixture) {
        org = OrgUnderTest.holding(fixture);
        return org.crm;
    }

    @Override
    protected List<WrittenActivity> activitiesOn(CrmAdapter adapter, RecordRef record) {
        return org.activitiesOn(record);
    }

    @Override
    protected java.util.Optional<Boolean> smsOptOutShownOn(CrmAdapter adapter, RecordRef record) {
        return org.smsOptOutShownOn(record);
    }

    @Override
    protected List<Notification> notificationsOf(CrmAdapter adapter, String userId) {
        return org.notificationsOf(userId);
    }

    @AfterEach
    void stopTheOrg() {
        if (org != null) {
            org.close();
        }
    }
}
