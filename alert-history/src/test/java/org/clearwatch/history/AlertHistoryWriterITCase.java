package org.clearwatch.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.history.HistoryServers.await;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.clearwatch.history.HistoryServers.RunningWriter;
import org.clearwatch.history.HistoryServers.Scope;
import org.clearwatch.schema.alert.Alert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The writer on a real KRaft broker and a real PostgreSQL: every committed alert becomes one row,
 * and neither a replayed topic, nor a restart, nor a crash between the database commit and the
 * offset commit, nor a connection lost mid-transaction loses a row or writes one twice.
 */
class AlertHistoryWriterITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long PUBLISHED = TestAlerts.at(2025, 10, 2, 8, 0).toEpochMilli();

    private static HistoryServers servers;

    @BeforeAll
    static void startServers() {
        servers = HistoryServers.start();
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    private static List<Alert> alerts() {
        return TestAlerts.month(TestAlerts.NATIONAL_DAY, 5, 8);
    }

    @Test
    void writesEachCommittedAlertOnceSkipsAbortedOnesAndCountsUnreadableRecords() throws Exception {
        Scope scope = servers.scope("committed");
        List<Alert> alerts = alerts();
        scope.publish(alerts, PUBLISHED);
        scope.publish(
                List.of(TestAlerts.lateDeposit("ABORTED-1").build()),
                PUBLISHED, /* commit */
                false);
        scope.publishGarbage(new byte[] {1, 2, 3, 4});

        try (RunningWriter w = RunningWriter.start(scope.config("g-committed"));
                HTTPServer http = w.metrics.serve(0)) {
            await("all rows", TIMEOUT, () -> scope.rows() == alerts.size());
            await("the unreadable record", TIMEOUT, () -> w.metric(decodeFailures()) == 1);

            assertThat(
                            scope.count(
                                    "SELECT count(*) FROM alert_history WHERE alert_id LIKE '%ABORTED%'"))
                    .isZero();
            assertThat(w.metric("clearwatch_history_rows_written")).isEqualTo(alerts.size());
            assertThat(w.metric("clearwatch_history_duplicates_absorbed")).isZero();
            assertThat(w.metric("clearwatch_history_last_write_timestamp_seconds"))
                    .isGreaterThan(0);
            await(
                    "lag to reach zero",
                    TIMEOUT,
                    () -> w.metric("clearwatch_history_consumer_lag_records") == 0);

            String scrape = get("http://127.0.0.1:" + http.getPort() + "/metrics");
            assertThat(scrape)
                    .contains(
                            "clearwatch_history_rows_written_total{topic=\""
                                    + scope.topic
                                    + "\"} "
                                    + alerts.size())
                    .contains("clearwatch_history_decode_failures_total{topic=\"" + scope.topic);
            // No alert, entity or village in a label.
            assertThat(scrape)
                    .doesNotContain("case-")
                    .doesNotContain(TestAlerts.TOWNSHIP_A + "00")
                    .doesNotContain("late-deposit");
        }

        Alert first = alerts.get(0);
        try (Connection c = scope.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT kind, model_id, severity, township_code, amount_fen,"
                                        + " evidence->0->>'record_id', facts->>'deadline',"
                                        + " event_time, published_at, title"
                                        + " FROM alert_history WHERE alert_id = '"
                                        + first.getAlertId()
                                        + "' AND kind = 'RAISED'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("RAISED");
            assertThat(rs.getString(2)).isEqualTo(first.getModelId());
            assertThat(rs.getString(3)).isEqualTo(first.getSeverity().name());
            assertThat(rs.getString(4)).isEqualTo(first.getTownshipCode());
            assertThat(rs.getLong(5)).isEqualTo(first.getAmountFen());
            assertThat(rs.getString(6)).isEqualTo(first.getEvidence().get(0).getRecordId());
            assertThat(rs.getString(7)).isEqualTo("2025-09-30");
            assertThat(rs.getTimestamp(8).toInstant()).isEqualTo(first.getEventTime());
            assertThat(rs.getTimestamp(9).getTime()).isEqualTo(PUBLISHED);
            assertThat(rs.getString(10)).isEqualTo(first.getTitle());
        }
    }

    @Test
    void replayingTheTopicFromTheEarliestOffsetChangesNoRow() throws Exception {
        Scope scope = servers.scope("replay");
        List<Alert> alerts = alerts();
        scope.publish(alerts, PUBLISHED);
        String group = "g-replay";
        try (RunningWriter w = RunningWriter.start(scope.config(group))) {
            await("all rows", TIMEOUT, () -> scope.rows() == alerts.size());
        }
        String writtenBefore = writtenAtFingerprint(scope);

        resetToEarliest(scope.topic, group);
        try (RunningWriter again = RunningWriter.start(scope.config(group))) {
            await(
                    "the replay to be absorbed",
                    TIMEOUT,
                    () -> again.metric("clearwatch_history_duplicates_absorbed") == alerts.size());
            assertThat(again.metric("clearwatch_history_rows_written")).isZero();
        }
        assertThat(scope.rows()).isEqualTo(alerts.size());
        // Not one row was rewritten.
        assertThat(writtenAtFingerprint(scope)).isEqualTo(writtenBefore);
    }

    @Test
    void restartedWriterGoesOnFromItsCommittedOffsets() throws Exception {
        Scope scope = servers.scope("restart");
        List<Alert> before = TestAlerts.month(TestAlerts.NATIONAL_DAY, 2, 8);
        List<Alert> after =
                TestAlerts.month(TestAlerts.NATIONAL_DAY.plusSeconds(86_400 * 10), 2, 8).stream()
                        .map(a -> Alert.newBuilder(a).setAlertId(a.getAlertId() + "-later").build())
                        .toList();
        scope.publish(before, PUBLISHED);
        try (RunningWriter w = RunningWriter.start(scope.config("g-restart"))) {
            await("the first rows", TIMEOUT, () -> scope.rows() == before.size());
        }
        scope.publish(after, PUBLISHED + 1_000);
        try (RunningWriter w = RunningWriter.start(scope.config("g-restart"))) {
            await("the later rows", TIMEOUT, () -> scope.rows() == before.size() + after.size());
            assertThat(w.metric("clearwatch_history_rows_written")).isEqualTo(after.size());
            assertThat(w.metric("clearwatch_history_duplicates_absorbed")).isZero();
        }
    }

    @Test
    void writerDyingBetweenDatabaseCommitAndOffsetCommitLosesNothingAndDuplicatesNothing()
            throws Exception {
        Scope scope = servers.scope("crash");
        List<Alert> alerts = alerts();
        scope.publish(alerts, PUBLISHED);
        HistoryConfig config = scope.config("g-crash");

        RunningWriter crashing =
                RunningWriter.start(
                        config,
                        AlertHistoryStore.BeforeCommit.NONE,
                        () -> {
                            throw new IllegalStateException("simulated crash");
                        });
        crashing.thread.join(TIMEOUT.toMillis());
        assertThat(crashing.died.get()).hasMessage("simulated crash");
        long writtenByCrashed = scope.rows();
        assertThat(writtenByCrashed).isPositive().isLessThanOrEqualTo(alerts.size());

        try (RunningWriter w = RunningWriter.start(config)) {
            await("all rows", TIMEOUT, () -> scope.rows() == alerts.size());
            await(
                    "the crashed batch to be read again",
                    TIMEOUT,
                    () ->
                            w.metric("clearwatch_history_rows_written")
                                            + w.metric("clearwatch_history_duplicates_absorbed")
                                    == alerts.size());
            // The batch the crashed writer had committed to the database, but not to Kafka.
            assertThat(w.metric("clearwatch_history_duplicates_absorbed"))
                    .isEqualTo(writtenByCrashed);
        }
        assertThat(scope.count("SELECT count(DISTINCT (alert_id, kind)) FROM alert_history"))
                .isEqualTo(alerts.size());
    }

    @Test
    void transactionCutOffByALostConnectionIsRolledBackAndWrittenOnRetry() throws Exception {
        Scope scope = servers.scope("lost");
        List<Alert> alerts = alerts();
        scope.publish(alerts, PUBLISHED);
        AtomicBoolean killed = new AtomicBoolean();
        AlertHistoryStore.BeforeCommit killOnce =
                connection -> {
                    if (killed.compareAndSet(false, true)) {
                        try (Statement s = connection.createStatement()) {
                            // The server ends this very session, with the rows uncommitted.
                            s.execute("SELECT pg_terminate_backend(pg_backend_pid())");
                        }
                    }
                };
        try (RunningWriter w =
                RunningWriter.start(
                        scope.config("g-lost"), killOnce, AlertHistoryWriter.AfterDbCommit.NONE)) {
            await("all rows", TIMEOUT, () -> scope.rows() == alerts.size());
            assertThat(killed).isTrue();
            assertThat(w.metric("clearwatch_history_write_failures")).isEqualTo(1);
            assertThat(w.metric("clearwatch_history_rows_written")).isEqualTo(alerts.size());
            assertThat(w.died.get()).isNull();
        }
    }

    private static String decodeFailures() {
        return "clearwatch_history_decode_failures";
    }

    private static String writtenAtFingerprint(Scope scope) throws Exception {
        try (Connection c = scope.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT string_agg(alert_id || kind || written_at::text, ','"
                                        + " ORDER BY alert_id, kind) FROM alert_history")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void resetToEarliest(String topic, String group) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                servers.kafka.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(
                            group,
                            Map.of(
                                    new TopicPartition(topic, 0), new OffsetAndMetadata(0),
                                    new TopicPartition(topic, 1), new OffsetAndMetadata(0)))
                    .all()
                    .get();
        }
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
