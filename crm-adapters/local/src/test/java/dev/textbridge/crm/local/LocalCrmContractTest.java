package dev.textbridge.crm.local;

import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmAdapterContractTest;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.WrittenActivity;
import org.junit.jupiter.api.AfterEach;

import java.util.List;

/** The local CRM passes the CRM adapter contract on H2, the connector's default database. */
class LocalCrmContractTest extends CrmAdapterContractTest {

    private final H2Database database = new H2Database();

    @Override
    protected CrmAdapter adapterWith(CrmFixture fixture) {
        return LocalCrmUnderTest.seededWith(database.dataSource(), fixture);
    }

    @Override
    protected List<WrittenActivity> activitiesOn(CrmAdapter adapter, RecordRef record) {
        return LocalCrmUnderTest.writtenOn(adapter, record);
    }

    @Override
    protected java.util.Optional<Boolean> smsOptOutShownOn(CrmAdapter adapter, RecordRef record) {
        return ((LocalCrm) adapter).smsOptOut(record.id());
    }

    @Override
    protected List<dev.textbridge.crm.api.Notification> notificationsOf(CrmAdapter adapter, String userId) {
        return ((LocalCrm) adapter).notifications(userId).stream().map(SentNotification::notification).toList();
    }

    @AfterEach
    void dropTheDatabase() throws Exception {
        database.close();
    }
}
