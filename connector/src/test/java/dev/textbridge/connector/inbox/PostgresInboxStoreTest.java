package dev.textbridge.connector.inbox;

import com.zaxxer.hikari.HikariDataSource;
import dev.textbridge.connector.support.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The inbox on PostgreSQL, as when several connector instances share the work: one embedded server for the class, a
 * fresh database for each test. Two stores with pools of their own on one database are two connector instances.
 */
class PostgresInboxStoreTest extends InboxStoreContractTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private final List<HikariDataSource> pools = new ArrayList<>();
    private String database;

    @Override
    protected DataSource freshDatabase() {
        database = postgres.newDatabase();
        return anotherInstancesPool();
    }

    @Override
    protected DataSource anotherInstancesPool() {
        HikariDataSource pool = postgres.pool(database);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    @Test
    void theStoreRecognisesPostgreSQL() {
        assertThat(InboxStore.Database.of(dataSource)).isEqualTo(InboxStore.Database.POSTGRESQL);
    }

    @Test
    void aClaimSkipsRowsAnotherInstanceIsClaimingInsteadOfWaitingAndHoldsBackThatCustomersLaterMessages() throws Exception {
        long danasFirst = stored(text(DANA, "dana 1"));
        stored(text(DANA, "dana 2"));
        stored(text(EVE, "eve 1"));

        try (Connection otherInstance = anotherInstancesPool().getConnection()) {
            otherInstance.setAutoCommit(false);
            try (PreparedStatement lock = otherInstance.prepareStatement("select id from inbox_message where id = ? for update")) {
                lock.setLong(1, danasFirst);
                lock.executeQuery().close();
            }

            List<InboxEntry> batch = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> inbox.claimBatch(10, NOW, CLAIM_TIMEOUT));
            assertThat(bodies(batch)).containsExactly("eve 1");

            otherInstance.rollback();
        }

        assertThat(bodies(inbox.claimBatch(10, NOW, CLAIM_TIMEOUT))).containsExactly("dana 1", "dana 2");
    }
}
