package dev.textbridge.connector.support;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded PostgreSQL server for tests (zonky's binaries from Maven, no Docker), handing out a fresh database
 * whenever a test wants one.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USERNAME = "postgres";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static PostgresServer start() {
        try {
            return new PostgresServer(EmbeddedPostgres.start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** Creates a new, empty database and answers its name. */
    public String newDatabase() {
        String name = "textbridge_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return name;
    }

    /** A pool of up to ten connections to the database, as one connector instance has; close it after use. */
    public HikariDataSource pool(String database) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(jdbcUrl(database));
        pool.setUsername(USERNAME);
        pool.setMaximumPoolSize(10);
        pool.setMinimumIdle(1);
        return pool;
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl(USERNAME, database);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
