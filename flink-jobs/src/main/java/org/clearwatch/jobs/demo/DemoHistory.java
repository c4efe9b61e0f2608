package org.clearwatch.jobs.demo;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import org.clearwatch.history.AlertHistoryStore;
import org.clearwatch.history.AlertHistoryWriter;
import org.clearwatch.history.HistoryConfig;
import org.clearwatch.history.HistoryMetrics;
import org.clearwatch.history.local.LocalPostgres;

/**
 * The demo's alert history: a local PostgreSQL and the history writer (as {@code clearwatch
 * history} runs it) reading the demo's alerts topic. If PostgreSQL cannot start here, the demo goes
 * on without it and says why.
 */
final class DemoHistory {

    private static final Duration SETTLE = Duration.ofMillis(1_500);
    private static final Duration AT_MOST = Duration.ofSeconds(15);

    private final LocalPostgres postgres;
    private final AlertHistoryWriter writer;
    private final HTTPServer metrics;
    private final String url;

    private DemoHistory(
            LocalPostgres postgres, AlertHistoryWriter writer, HTTPServer metrics, String url) {
        this.postgres = postgres;
        this.writer = writer;
        this.metrics = metrics;
        this.url = url;
    }

    /** Starts PostgreSQL and the writer; never throws, a demo without history still runs. */
    static DemoHistory start(String bootstrapServers, String topic, PrintStream out) {
        LocalPostgres postgres = null;
        try {
            postgres = LocalPostgres.start();
            String url = postgres.jdbcUrl("postgres");
            HistoryConfig config =
                    HistoryConfig.of(
                            Map.of(
                                    "kafka.bootstrap-servers", bootstrapServers,
                                    "topics.alerts", topic,
                                    "db.url", url,
                                    "db.user", LocalPostgres.USER),
                            Map.of());
            AlertHistoryStore.migrate(url, LocalPostgres.USER, "");
            HistoryMetrics historyMetrics = new HistoryMetrics(topic);
            HTTPServer server = serve(historyMetrics, config.metricsPort());
            AlertHistoryWriter writer = new AlertHistoryWriter(config, historyMetrics);
            Thread thread = new Thread(writer, "demo-alert-history");
            thread.setDaemon(true);
            thread.start();
            out.println(
                    "Alert history: PostgreSQL on "
                            + url
                            + " (user "
                            + LocalPostgres.USER
                            + ", no password), written as alerts commit; writer metrics at"
                            + " http://localhost:"
                            + server.getPort()
                            + "/metrics");
            return new DemoHistory(postgres, writer, server, url);
        } catch (RuntimeException | IOException e) {
            out.println("Alert history not started (" + e.getMessage() + "); the demo goes on.");
            if (postgres != null) {
                postgres.close();
            }
            return new DemoHistory(null, null, null, null);
        }
    }

    private static HTTPServer serve(HistoryMetrics metrics, int port) throws IOException {
        try {
            return metrics.serve(port);
        } catch (IOException e) {
            return metrics.serve(0); // another process has the usual port
        }
    }

    /**
     * Waits until the history has every alert (no new row for a moment), prints what it holds and
     * how to query it, and stops the writer and PostgreSQL.
     */
    void reportAndStop(PrintStream out) {
        if (postgres == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, "");
                Statement s = c.createStatement()) {
            long end = System.nanoTime() + AT_MOST.toNanos();
            long rows = count(s);
            long stableSince = System.nanoTime();
            while (System.nanoTime() < end && System.nanoTime() - stableSince < SETTLE.toNanos()) {
                Thread.sleep(250);
                long now = count(s);
                if (now != rows) {
                    rows = now;
                    stableSince = System.nanoTime();
                }
            }
            StringJoiner byKind = new StringJoiner(", ");
            try (ResultSet rs =
                    s.executeQuery(
                            "SELECT kind, count(*) FROM alert_history GROUP BY kind ORDER BY kind")) {
                while (rs.next()) {
                    byKind.add(rs.getString(1) + " " + rs.getLong(2));
                }
            }
            out.println();
            out.println(
                    "Alert history: "
                            + rows
                            + " rows in alert_history ("
                            + byKind
                            + ") at "
                            + url
                            + ". While a demo runs, query it with e.g.");
            out.println(
                    "  psql -h 127.0.0.1 -p "
                            + postgres.port()
                            + " -U postgres -c \"SELECT event_time, kind, model_id, title FROM"
                            + " alert_history WHERE township_code = '330299101' ORDER BY event_time"
                            + " DESC LIMIT 10\"");
            out.println("  (more queries in alert-history/README.md)");
        } catch (SQLException e) {
            out.println("Alert history not readable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writer.stop();
            try {
                writer.awaitStop(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            metrics.close();
            postgres.close();
        }
    }

    private static long count(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM alert_history")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
