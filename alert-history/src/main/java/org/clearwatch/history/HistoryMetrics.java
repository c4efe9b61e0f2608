package org.clearwatch.history;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/**
 * What the writer exports on {@code /metrics}. No label carries an alert, entity or person: the
 * only label is the topic.
 */
public final class HistoryMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final String topic;

    final Counter rowsWritten;
    final Counter duplicatesAbsorbed;
    final Counter decodeFailures;
    final Counter rowsRejected;
    final Counter writeFailures;
    final Gauge consumerLag;
    final Gauge lastWrite;
    final Gauge lastEventTime;

    public HistoryMetrics(String topic) {
        this.topic = topic;
        rowsWritten =
                Counter.builder()
                        .name("clearwatch_history_rows_written")
                        .help("Alert rows inserted or replaced by a newer publication.")
                        .labelNames("topic")
                        .register(registry);
        duplicatesAbsorbed =
                Counter.builder()
                        .name("clearwatch_history_duplicates_absorbed")
                        .help("Alerts read again (replay, restart) that changed no row.")
                        .labelNames("topic")
                        .register(registry);
        decodeFailures =
                Counter.builder()
                        .name("clearwatch_history_decode_failures")
                        .help("Records of the topic that are not a readable Alert; skipped.")
                        .labelNames("topic")
                        .register(registry);
        rowsRejected =
                Counter.builder()
                        .name("clearwatch_history_rows_rejected")
                        .help("Alerts the database refused as data; skipped.")
                        .labelNames("topic")
                        .register(registry);
        writeFailures =
                Counter.builder()
                        .name("clearwatch_history_write_failures")
                        .help("Transactions rolled back (database unreachable, ...) and retried.")
                        .labelNames("topic")
                        .register(registry);
        consumerLag =
                Gauge.builder()
                        .name("clearwatch_history_consumer_lag_records")
                        .help("Records of the topic not yet read, over the assigned partitions.")
                        .labelNames("topic")
                        .register(registry);
        lastWrite =
                Gauge.builder()
                        .name("clearwatch_history_last_write_timestamp_seconds")
                        .help("Wall-clock time of the last committed transaction with rows.")
                        .labelNames("topic")
                        .register(registry);
        lastEventTime =
                Gauge.builder()
                        .name("clearwatch_history_last_event_time_seconds")
                        .help("Event time of the newest alert written.")
                        .labelNames("topic")
                        .register(registry);
        // Every series from the start, at zero, so that rate() and absent() see them.
        for (Counter c :
                new Counter[] {
                    rowsWritten, duplicatesAbsorbed, decodeFailures, rowsRejected, writeFailures
                }) {
            c.labelValues(topic);
        }
        consumerLag.labelValues(topic);
    }

    void written(int rows) {
        rowsWritten.labelValues(topic).inc(rows);
    }

    void absorbed(int rows) {
        duplicatesAbsorbed.labelValues(topic).inc(rows);
    }

    void decodeFailure() {
        decodeFailures.labelValues(topic).inc();
    }

    void rejected(int rows) {
        rowsRejected.labelValues(topic).inc(rows);
    }

    void writeFailure() {
        writeFailures.labelValues(topic).inc();
    }

    void lag(long records) {
        consumerLag.labelValues(topic).set(records);
    }

    void committed(long wallMillis, long newestEventMillis) {
        lastWrite.labelValues(topic).set(wallMillis / 1000.0);
        if (newestEventMillis > 0) {
            lastEventTime.labelValues(topic).set(newestEventMillis / 1000.0);
        }
    }

    /** Serves {@code /metrics} on the port (0: a free one); close the server to stop. */
    public HTTPServer serve(int port) throws IOException {
        return HTTPServer.builder().port(port).registry(registry).buildAndStart();
    }

    PrometheusRegistry registry() {
        return registry;
    }
}
