package org.clearwatch.history;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.alert.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the alerts topic with {@code read_committed} and upserts every alert into {@code
 * alert_history}, one database transaction per poll.
 *
 * <p>Offsets are committed to Kafka only after the database transaction has committed. A crash
 * between the two replays the batch on restart, and the upsert makes the replay change nothing:
 * nothing is lost and nothing is written twice. A record that is not a readable Alert is counted,
 * logged by partition and offset (never its content) and skipped. A database failure rolls the
 * batch back and retries it, with back-off, until it succeeds or the writer is stopped; meanwhile
 * the consumer keeps polling its paused partitions, so that it stays in its group.
 */
public final class AlertHistoryWriter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertHistoryWriter.class);

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** Called after the database commit and before the offsets commit (tests only). */
    interface AfterDbCommit {
        AfterDbCommit NONE = () -> {};

        void run();
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final AlertHistoryStore store;
    private final HistoryMetrics metrics;
    private final AlertHistoryStore.BeforeCommit beforeCommit;
    private final AfterDbCommit afterDbCommit;
    private final BinaryMessageDecoder<Alert> decoder = Records.decoder(Alert.getClassSchema());
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;

    public AlertHistoryWriter(HistoryConfig config, HistoryMetrics metrics) {
        this(config, metrics, AlertHistoryStore.BeforeCommit.NONE, AfterDbCommit.NONE);
    }

    AlertHistoryWriter(
            HistoryConfig config,
            HistoryMetrics metrics,
            AlertHistoryStore.BeforeCommit beforeCommit,
            AfterDbCommit afterDbCommit) {
        Properties props = config.consumerProperties();
        this.consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = config.alertsTopic();
        this.store = new AlertHistoryStore(config.dbUrl(), config.dbUser(), config.dbPassword());
        this.metrics = metrics;
        this.beforeCommit = beforeCommit;
        this.afterDbCommit = afterDbCommit;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                updateLag();
                if (!records.isEmpty()) {
                    handle(records);
                }
            }
        } catch (WakeupException e) {
            // stop() was called
        } finally {
            // No commit here: what was not committed after its transaction is read again.
            consumer.close(Duration.ofSeconds(5));
            store.close();
            finished.countDown();
        }
    }

    private void handle(ConsumerRecords<byte[], byte[]> records) {
        List<AlertRow> rows = new ArrayList<>(records.count());
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        long newestEvent = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            next.put(tp, new OffsetAndMetadata(record.offset() + 1));
            AlertRow row = decode(record);
            if (row != null) {
                rows.add(row);
                newestEvent = Math.max(newestEvent, row.eventTime().toEpochMilli());
            }
        }
        if (!rows.isEmpty()) {
            AlertHistoryStore.Outcome outcome = writeUntilDone(rows);
            if (outcome == null) {
                return; // stopped while the database was away; the batch is read again
            }
            metrics.written(outcome.written());
            metrics.absorbed(outcome.unchanged());
            metrics.rejected(outcome.rejectedKeys().size());
            metrics.committed(System.currentTimeMillis(), newestEvent);
        }
        afterDbCommit.run();
        try {
            consumer.commitSync(next);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partitions went to another member, which reads from the last committed offsets:
            // it writes this batch again, and the upsert absorbs it.
            LOG.warn("Offsets not committed ({}); the batch will be read again", e.getClass());
        }
    }

    private AlertRow decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("no value");
            }
            return AlertRow.of(
                    decoder.decode(record.value()), Instant.ofEpochMilli(record.timestamp()));
        } catch (Exception e) {
            metrics.decodeFailure();
            // Where it is and why, never what it holds.
            LOG.warn(
                    "Skipped record {}-{}@{}: not a readable Alert ({})",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /** Returns null if the writer was stopped before the rows could be written. */
    private AlertHistoryStore.Outcome writeUntilDone(List<AlertRow> rows) {
        Duration backoff = FIRST_BACKOFF;
        boolean paused = false;
        try {
            while (true) {
                try {
                    return store.write(rows, beforeCommit);
                } catch (SQLException e) {
                    metrics.writeFailure();
                    LOG.warn(
                            "Writing {} alerts failed (SQLSTATE {}: {}); retrying in {} ms",
                            rows.size(),
                            e.getSQLState(),
                            e.getClass().getSimpleName(),
                            backoff.toMillis());
                }
                if (!paused) {
                    consumer.pause(consumer.assignment());
                    paused = true;
                }
                if (!waitWhilePolling(backoff)) {
                    return null;
                }
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        } finally {
            if (paused) {
                consumer.resume(consumer.paused());
            }
        }
    }

    /**
     * Keeps the consumer in its group while the batch waits: polls the paused partitions; records
     * of partitions assigned meanwhile are put back. False if the writer was stopped.
     */
    private boolean waitWhilePolling(Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        while (running && System.nanoTime() < end) {
            ConsumerRecords<byte[], byte[]> stray = consumer.poll(POLL);
            for (TopicPartition tp : stray.partitions()) {
                consumer.seek(tp, stray.records(tp).get(0).offset());
            }
            consumer.pause(consumer.assignment());
        }
        return running;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void updateLag() {
        long lag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            lag += consumer.currentLag(tp).orElse(0);
        }
        metrics.lag(lag);
    }

    /** Asks the writer to stop; {@link #awaitStop} waits until it has. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
