package dev.textbridge.crm.local;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** A fresh in-memory H2 database; it lives until {@link #close()}, which drops it. */
final class H2Database implements AutoCloseable {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Connection keepAlive;

    H2Database() {
        dataSource.setURL("jdbc:h2:mem:local-crm-" + UUID.randomUUID());
        try {
            keepAlive = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        keepAlive.close();
    }
}
