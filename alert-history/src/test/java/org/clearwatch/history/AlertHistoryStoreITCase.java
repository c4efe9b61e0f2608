package org.clearwatch.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.clearwatch.history.local.LocalPostgres;
import org.clearwatch.schema.alert.Alert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The table, its migrations, its upsert and its indexes, on a real PostgreSQL. */
class AlertHistoryStoreITCase {

    private static final Instant PUBLISHED = TestAlerts.at(2025, 10, 2, 8, 0);

    private static LocalPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = LocalPostgres.start();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String migratedDatabase(String name) {
        String url = postgres.createDatabase(name);
        AlertHistoryStore.migrate(url, LocalPostgres.USER, "");
        return url;
    }

    @Test
    void flywayMigratesAnEmptyDatabaseOnceWithValidIndexes() throws Exception {
        String url = postgres.createDatabase("empty");

        assertThat(AlertHistoryStore.migrate(url, LocalPostgres.USER, "")).isEqualTo(1);
        assertThat(AlertHistoryStore.migrate(url, LocalPostgres.USER, ""))
                .as("a second run finds nothing to do")
                .isZero();

        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, "");
                Statement s = c.createStatement()) {
            assertThat(
                            strings(
                                    s,
                                    "SELECT column_name FROM information_schema.columns"
                                            + " WHERE table_name = 'alert_history'"
                                            + " ORDER BY ordinal_position"))
                    .containsExactly(
                            "alert_id",
                            "kind",
                            "model_id",
                            "model_version",
                            "severity",
                            "entity_type",
                            "entity_id",
                            "township_code",
                            "village_code",
                            "title",
                            "summary",
                            "amount_fen",
                            "evidence",
                            "facts",
                            "event_time",
                            "detected_at",
                            "published_at",
                            "written_at");
            assertThat(
                            strings(
                                    s,
                                    "SELECT c.relname FROM pg_index i"
                                            + " JOIN pg_class c ON c.oid = i.indexrelid"
                                            + " WHERE i.indrelid = 'alert_history'::regclass"
                                            + " AND i.indisvalid AND i.indisready"
                                            + " ORDER BY 1"))
                    .containsExactly(
                            "alert_history_model_day",
                            "alert_history_pkey",
                            "alert_history_township_latest");
            assertThat(strings(s, "SELECT version FROM flyway_schema_history WHERE success"))
                    .containsExactly("1");
        }
    }

    @Test
    void upsertWritesNewAlertsAndAbsorbsTheSameRecordReadAgain() throws Exception {
        String url = migratedDatabase("upsert");
        List<AlertRow> rows = rows(TestAlerts.month(TestAlerts.NATIONAL_DAY, 3, 5), PUBLISHED);

        try (AlertHistoryStore store = new AlertHistoryStore(url, LocalPostgres.USER, "")) {
            AlertHistoryStore.Outcome first =
                    store.write(rows, AlertHistoryStore.BeforeCommit.NONE);
            AlertHistoryStore.Outcome again =
                    store.write(rows, AlertHistoryStore.BeforeCommit.NONE);

            assertThat(first.written()).isEqualTo(rows.size());
            assertThat(first.unchanged()).isZero();
            assertThat(again.written()).isZero();
            assertThat(again.unchanged()).isEqualTo(rows.size());
        }
        assertThat(count(url, "SELECT count(*) FROM alert_history")).isEqualTo(rows.size());
    }

    @Test
    void laterPublicationOfAnAlertReplacesItsRowAndAnOlderOneNever() throws Exception {
        String url = migratedDatabase("newer");
        Alert alert = TestAlerts.lateDeposit("SJ1").build();
        Alert corrected = Alert.newBuilder(alert).setAmountFen(1_500_000L).build();
        Alert stale = Alert.newBuilder(alert).setAmountFen(1L).build();

        try (AlertHistoryStore store = new AlertHistoryStore(url, LocalPostgres.USER, "")) {
            store.write(
                    List.of(AlertRow.of(alert, PUBLISHED)), AlertHistoryStore.BeforeCommit.NONE);
            AlertHistoryStore.Outcome newer =
                    store.write(
                            List.of(AlertRow.of(corrected, PUBLISHED.plusSeconds(60))),
                            AlertHistoryStore.BeforeCommit.NONE);
            AlertHistoryStore.Outcome older =
                    store.write(
                            List.of(AlertRow.of(stale, PUBLISHED.plusSeconds(30))),
                            AlertHistoryStore.BeforeCommit.NONE);

            assertThat(newer.written()).isEqualTo(1);
            assertThat(older.unchanged()).isEqualTo(1);
        }
        assertThat(count(url, "SELECT amount_fen FROM alert_history")).isEqualTo(1_500_000L);
        assertThat(count(url, "SELECT count(*) FROM alert_history")).isEqualTo(1);
    }

    @Test
    void forcedRollbackLeavesNoRowAndTheRetryWritesThemAll() throws Exception {
        String url = migratedDatabase("rollback");
        List<AlertRow> rows = rows(TestAlerts.month(TestAlerts.NATIONAL_DAY, 2, 5), PUBLISHED);

        try (AlertHistoryStore store = new AlertHistoryStore(url, LocalPostgres.USER, "")) {
            assertThatThrownBy(
                            () ->
                                    store.write(
                                            rows,
                                            c -> {
                                                throw new SQLException("simulated crash", "08006");
                                            }))
                    .hasMessage("simulated crash");
            assertThat(count(url, "SELECT count(*) FROM alert_history")).isZero();

            AlertHistoryStore.Outcome retry =
                    store.write(rows, AlertHistoryStore.BeforeCommit.NONE);
            assertThat(retry.written()).isEqualTo(rows.size());
        }
        assertThat(count(url, "SELECT count(*) FROM alert_history")).isEqualTo(rows.size());
    }

    @Test
    void rowTheDatabaseRefusesIsLeftOutAndTheRestOfTheBatchIsWritten() throws Exception {
        String url = migratedDatabase("refused");
        List<AlertRow> rows =
                new ArrayList<>(rows(TestAlerts.month(TestAlerts.NATIONAL_DAY, 1, 4), PUBLISHED));
        AlertRow good = rows.get(0);
        AlertRow bad =
                new AlertRow(
                        "bad:1",
                        "ESCALATED",
                        good.modelId(),
                        good.modelVersion(),
                        good.severity(),
                        good.entityType(),
                        good.entityId(),
                        good.townshipCode(),
                        good.villageCode(),
                        good.title(),
                        good.summary(),
                        good.amountFen(),
                        good.evidenceJson(),
                        good.factsJson(),
                        good.eventTime(),
                        good.detectedAt(),
                        good.publishedAt());
        rows.add(1, bad);

        AlertHistoryStore.Outcome outcome;
        try (AlertHistoryStore store = new AlertHistoryStore(url, LocalPostgres.USER, "")) {
            outcome = store.write(rows, AlertHistoryStore.BeforeCommit.NONE);
        }

        assertThat(outcome.rejectedKeys()).containsExactly("bad:1/ESCALATED");
        assertThat(outcome.written()).isEqualTo(rows.size() - 1);
        assertThat(count(url, "SELECT count(*) FROM alert_history")).isEqualTo(rows.size() - 1);
    }

    @Test
    void latestByTownshipAndByModelAndDayQueriesUseTheirIndexes() throws Exception {
        String url = migratedDatabase("explain");
        // 60 days x 100 alerts: enough rows that a sequential scan costs more than the index.
        try (AlertHistoryStore store = new AlertHistoryStore(url, LocalPostgres.USER, "")) {
            List<Alert> alerts = TestAlerts.month(TestAlerts.NATIONAL_DAY, 60, 100);
            for (int i = 0; i < alerts.size(); i += 5_000) {
                store.write(
                        rows(alerts.subList(i, Math.min(alerts.size(), i + 5_000)), PUBLISHED),
                        AlertHistoryStore.BeforeCommit.NONE);
            }
        }
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, "");
                Statement s = c.createStatement()) {
            s.execute("ANALYZE alert_history");
            String latest =
                    String.join(
                            "\n",
                            strings(
                                    s,
                                    "EXPLAIN SELECT alert_id, kind, title, event_time"
                                            + " FROM alert_history WHERE township_code = '"
                                            + TestAlerts.TOWNSHIP_B
                                            + "' ORDER BY event_time DESC LIMIT 20"));
            String byDay =
                    String.join(
                            "\n",
                            strings(
                                    s,
                                    "EXPLAIN SELECT count(*) FROM alert_history"
                                            + " WHERE model_id = 'rent-arrears'"
                                            + " AND (event_time AT TIME ZONE 'Asia/Shanghai')::date"
                                            + " = DATE '2025-10-07'"));
            assertThat(latest).contains("alert_history_township_latest");
            assertThat(byDay).contains("alert_history_model_day");
        }
    }

    private static List<AlertRow> rows(List<Alert> alerts, Instant published) {
        return alerts.stream().map(a -> AlertRow.of(a, published)).toList();
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
