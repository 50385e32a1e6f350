package dev.textbridge.connector.inbox;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox on embedded H2, the default store: a fresh in-memory database for each test. */
class H2InboxStoreTest extends InboxStoreContractTest {

    private Connection keepAlive;

    @Override
    protected DataSource freshDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:inbox-" + UUID.randomUUID());
        try {
            keepAlive = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return dataSource;
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        keepAlive.close();
    }

    @Test
    void theStoreRecognisesH2() {
        assertThat(InboxStore.Database.of(dataSource)).isEqualTo(InboxStore.Database.H2);
    }
}
