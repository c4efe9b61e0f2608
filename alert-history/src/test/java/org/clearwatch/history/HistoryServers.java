package org.clearwatch.history;

import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.clearwatch.history.local.LocalPostgres;
import org.clearwatch.localkafka.LocalKafka;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.alert.Alert;

/**
 * A real KRaft broker and a real PostgreSQL for one test class, and what the tests do with them.
 */
final class HistoryServers implements AutoCloseable {

    final LocalKafka kafka;
    final LocalPostgres postgres;

    private HistoryServers(LocalKafka kafka, LocalPostgres postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    static HistoryServers start() {
        LocalKafka kafka = LocalKafka.start();
        try {
            return new HistoryServers(kafka, LocalPostgres.start());
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** A fresh topic and database for one test, so that tests do not see each other's rows. */
    Scope scope(String name) {
        String topic = "alerts-" + name;
        kafka.createTopic(topic, 2, Map.of());
        String url = postgres.createDatabase(name.replace('-', '_'));
        return new Scope(topic, url);
    }

    final class Scope {
        final String topic;
        final String url;

        Scope(String topic, String url) {
            this.topic = topic;
            this.url = url;
        }

        HistoryConfig config(String groupId) {
            Map<String, String> raw = new HashMap<>();
            raw.put("kafka.bootstrap-servers", kafka.bootstrapServers());
            raw.put("kafka.group-id", groupId);
            raw.put("topics.alerts", topic);
            raw.put("db.url", url);
            raw.put("db.user", LocalPostgres.USER);
            raw.put("metrics.port", "0");
            raw.put("batch.max-records", "50");
            return HistoryConfig.of(raw, Map.of());
        }

        /** Publishes alerts in one committed transaction, keyed and timestamped as the job does. */
        void publish(List<Alert> alerts, long timestamp) {
            publish(alerts, timestamp, true);
        }

        void publish(List<Alert> alerts, long timestamp, boolean commit) {
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                producer.initTransactions();
                producer.beginTransaction();
                for (Alert alert : alerts) {
                    producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    null,
                                    timestamp,
                                    alert.getAlertId().getBytes(StandardCharsets.UTF_8),
                                    Records.toBytes(alert)));
                }
                producer.flush();
                if (commit) {
                    producer.commitTransaction();
                } else {
                    producer.abortTransaction();
                }
            }
        }

        /** A record that is not an Alert, committed like the others. */
        void publishGarbage(byte[] value) {
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "junk".getBytes(), value));
                producer.commitTransaction();
            }
        }

        private KafkaProducer<byte[], byte[]> producer() {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID());
            return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, LocalPostgres.USER, "");
        }

        long count(String sql) {
            try (Connection c = connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                if ("42P01".equals(e.getSQLState())) {
                    return 0; // the writer has not migrated yet
                }
                throw new IllegalStateException(e);
            }
        }

        long rows() {
            return count("SELECT count(*) FROM alert_history");
        }
    }

    /** A writer on its own thread; what ended it, if anything, is kept. */
    static final class RunningWriter implements AutoCloseable {
        final AlertHistoryWriter writer;
        final HistoryMetrics metrics;
        final Thread thread;
        final AtomicReference<Throwable> died = new AtomicReference<>();

        RunningWriter(AlertHistoryWriter writer, HistoryMetrics metrics) {
            this.writer = writer;
            this.metrics = metrics;
            this.thread = new Thread(writer, "test-alert-history-writer");
            thread.setUncaughtExceptionHandler((t, e) -> died.set(e));
            thread.start();
        }

        static RunningWriter start(HistoryConfig config) {
            return start(
                    config,
                    AlertHistoryStore.BeforeCommit.NONE,
                    AlertHistoryWriter.AfterDbCommit.NONE);
        }

        static RunningWriter start(
                HistoryConfig config,
                AlertHistoryStore.BeforeCommit beforeCommit,
                AlertHistoryWriter.AfterDbCommit afterDbCommit) {
            AlertHistoryStore.migrate(config.dbUrl(), config.dbUser(), config.dbPassword());
            HistoryMetrics metrics = new HistoryMetrics(config.alertsTopic());
            return new RunningWriter(
                    new AlertHistoryWriter(config, metrics, beforeCommit, afterDbCommit), metrics);
        }

        /** The value of a counter or gauge (its name without _total), over its labels. */
        double metric(String name) {
            double sum = 0;
            for (MetricSnapshot m : metrics.registry().scrape()) {
                if (!m.getMetadata().getPrometheusName().equals(name)) {
                    continue;
                }
                for (DataPointSnapshot p : m.getDataPoints()) {
                    sum +=
                            p instanceof CounterDataPointSnapshot c
                                    ? c.getValue()
                                    : ((GaugeDataPointSnapshot) p).getValue();
                }
            }
            return sum;
        }

        @Override
        public void close() throws InterruptedException {
            writer.stop();
            thread.join(15_000);
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } finally {
            kafka.close();
        }
    }
}
