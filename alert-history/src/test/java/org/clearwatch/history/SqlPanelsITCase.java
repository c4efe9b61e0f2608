package org.clearwatch.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.history.HistoryServers.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.clearwatch.history.HistoryServers.RunningWriter;
import org.clearwatch.history.HistoryServers.Scope;
import org.clearwatch.schema.alert.Alert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every SQL panel of the dashboards returns rows from an alert history that the writer filled from
 * the alerts topic: the fixture dashboard of this module and every dashboard in the repository's
 * {@code dashboards/}. Each panel's query runs with its macros replaced as Grafana replaces them:
 * the time range covers the data, {@code $township} and {@code $model} stand for every code
 * present.
 */
class SqlPanelsITCase {

    private static final Path REPOSITORY_DASHBOARDS =
            Path.of(System.getProperty("clearwatch.dashboards.dir", "../dashboards"));

    private static HistoryServers servers;
    private static Scope scope;
    private static SqlPanels.Values values;

    @BeforeAll
    static void fillTheHistory() throws Exception {
        servers = HistoryServers.start();
        scope = servers.scope("panels");
        // A month of alerts of every model and township, published as the job publishes them.
        List<Alert> alerts = TestAlerts.month(TestAlerts.at(2025, 9, 15, 9, 0), 30, 6);
        scope.publish(alerts, System.currentTimeMillis());
        try (RunningWriter w = RunningWriter.start(scope.config("g-panels"))) {
            await("the history", Duration.ofSeconds(30), () -> scope.rows() == alerts.size());
        }
        values = values();
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFixturePanelReturnsRows() throws Exception {
        List<SqlPanels.Query> queries = SqlPanels.inDirectory(SqlPanelsTest.fixtures());
        assertThat(queries).hasSize(2);
        return queries.stream()
                .map(q -> DynamicTest.dynamicTest(q.toString(), () -> returnsRows(q)));
    }

    @TestFactory
    Stream<DynamicTest> everyRepositoryPanelReturnsRows() throws Exception {
        if (!Files.isDirectory(REPOSITORY_DASHBOARDS)) {
            return Stream.empty();
        }
        List<SqlPanels.Query> queries = SqlPanels.inDirectory(REPOSITORY_DASHBOARDS);
        return queries.stream()
                .map(q -> DynamicTest.dynamicTest(q.toString(), () -> returnsRows(q)));
    }

    @Test
    void repositoryDashboardsHaveSqlPanelsOnceTheyExist() throws Exception {
        if (Files.isDirectory(REPOSITORY_DASHBOARDS)) {
            assertThat(SqlPanels.inDirectory(REPOSITORY_DASHBOARDS))
                    .as(
                            "SQL panels (data source ${history}) in "
                                    + REPOSITORY_DASHBOARDS.toAbsolutePath().normalize())
                    .isNotEmpty();
        }
    }

    private static void returnsRows(SqlPanels.Query query) throws Exception {
        String sql = SqlPanels.substitute(query.rawSql(), values);
        try (Connection c = scope.connect()) {
            // A panel reads; it must not be able to change the history.
            c.setReadOnly(true);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                assertThat(rs.next()).as("rows from " + query + ":\n" + sql).isTrue();
            }
        }
    }

    /** A range over every time column of the data, and every township and model present. */
    private static SqlPanels.Values values() throws Exception {
        try (Connection c = scope.connect();
                Statement s = c.createStatement()) {
            Instant from;
            Instant to;
            try (ResultSet rs =
                    s.executeQuery(
                            "SELECT least(min(event_time), min(detected_at), min(published_at),"
                                    + " min(written_at)), greatest(max(event_time),"
                                    + " max(detected_at), max(published_at), max(written_at))"
                                    + " FROM alert_history")) {
                rs.next();
                from = rs.getTimestamp(1).toInstant().minus(Duration.ofDays(1));
                to = rs.getTimestamp(2).toInstant().plus(Duration.ofDays(1));
            }
            return new SqlPanels.Values(
                    from, to, distinct(s, "township_code"), distinct(s, "model_id"));
        }
    }

    private static List<String> distinct(Statement s, String column) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet rs =
                s.executeQuery("SELECT DISTINCT " + column + " FROM alert_history ORDER BY 1")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
