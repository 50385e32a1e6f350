package dev.textbridge.crm.local;

import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmAdapterContractTest;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.WrittenActivity;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local CRM passes the CRM adapter contract on PostgreSQL, as when several connector instances share the work:
 * one embedded server for the class, a fresh schema for each test.
 */
class LocalCrmPostgresContractTest extends CrmAdapterContractTest {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    protected CrmAdapter adapterWith(CrmFixture fixture) {
        String schema = "local_crm_" + SCHEMAS.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        PGSimpleDataSource dataSource = (PGSimpleDataSource) postgres.getPostgresDatabase();
        dataSource.setCurrentSchema(schema);
        return LocalCrmUnderTest.seededWith(dataSource, fixture);
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
}
