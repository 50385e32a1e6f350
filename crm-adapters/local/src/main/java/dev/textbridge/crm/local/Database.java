package dev.textbridge.crm.local;

import dev.textbridge.crm.api.CrmUnavailableException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Transactions over the connector's DataSource, plain JDBC, portable between H2 and PostgreSQL. */
final class Database {

    /** SQLSTATE of a unique or primary key violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 3;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;

    Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs the work in one transaction. Idempotent writes first read what exists and then insert the rest; when
     * another writer inserted the same key in between, the unique violation rolls everything back and the work runs
     * again, now finding that row.
     */
    <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw new CrmUnavailableException("the local CRM's database failed: " + e.getMessage(), e);
                }
            }
        }
    }

    private <T> T runOnce(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    static <T> List<T> query(Connection connection, String sql, List<?> parameters, Row<T> row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(row.read(rows));
                }
                return result;
            }
        }
    }

    static int update(Connection connection, String sql, List<?> parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    /** Runs one statement for each parameter list in a single JDBC batch. */
    static void batch(Connection connection, String sql, Collection<? extends List<?>> parameterLists)
            throws SQLException {
        if (parameterLists.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (List<?> parameters : parameterLists) {
                bind(statement, parameters);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** {@code ?, ?, ?} for an {@code in (...)} list of the given size. */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** Splits a large batch so that no single statement carries thousands of parameters. */
    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static void bind(PreparedStatement statement, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof Instant instant) {
                statement.setObject(i + 1, timestamp(instant));
            } else if (value == null) {
                statement.setNull(i + 1, java.sql.Types.VARCHAR);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
