package org.clearwatch.jobs.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.feed.LedgerEntry;

/**
 * Plays simulated ledger entries into Kafka on a simulated clock that runs {@code speed} times
 * faster than the wall clock, as an accounting system would send them; now and then it sends a
 * record no reader can decode.
 */
final class FeedProducer implements Runnable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final List<LedgerEntry> entries;
    private final Instant simStart;
    private final double speed;
    private final SplittableRandom rng;
    private volatile boolean running = true;
    private volatile long wallStart;
    private volatile int sent;
    private volatile int malformed;
    private final Map<Integer, Long> lastEventTimeByPartition = new ConcurrentHashMap<>();

    FeedProducer(
            String bootstrap,
            String topic,
            List<LedgerEntry> entries,
            Instant simStart,
            double speed,
            long seed) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        this.producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.entries = entries;
        this.simStart = simStart;
        this.speed = speed;
        this.rng = new SplittableRandom(seed);
        this.wallStart = System.currentTimeMillis();
    }

    /** The simulated time now. */
    Instant simNow() {
        long elapsed = System.currentTimeMillis() - wallStart;
        return simStart.plusMillis((long) (elapsed * speed));
    }

    @Override
    public void run() {
        wallStart = System.currentTimeMillis();
        try {
            for (LedgerEntry entry : entries) {
                while (running && simNow().isBefore(entry.getOccurredAt())) {
                    Thread.sleep(20);
                }
                if (!running) {
                    return;
                }
                byte[] key = entry.getAccountId().getBytes(StandardCharsets.UTF_8);
                long eventTime = entry.getOccurredAt().toEpochMilli();
                producer.send(
                        new ProducerRecord<>(topic, key, Records.toBytes(entry)),
                        (metadata, error) -> {
                            if (error == null) {
                                lastEventTimeByPartition.merge(
                                        metadata.partition(), eventTime, Math::max);
                            }
                        });
                sent++;
                if (rng.nextInt(250) == 0) {
                    byte[] garbage = new byte[16 + rng.nextInt(64)];
                    for (int i = 0; i < garbage.length; i++) {
                        garbage[i] = (byte) rng.nextInt(256);
                    }
                    producer.send(new ProducerRecord<>(topic, key, garbage));
                    malformed++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * The latest event time sent to every partition: the job's watermark cannot pass it, so it
     * bounds what the job can have raised.
     */
    Instant eventTimeReachedEverywhere(int partitions) {
        if (lastEventTimeByPartition.size() < partitions) {
            return Instant.MIN;
        }
        return Instant.ofEpochMilli(
                lastEventTimeByPartition.values().stream()
                        .mapToLong(Long::longValue)
                        .min()
                        .orElseThrow());
    }

    int sent() {
        return sent;
    }

    int malformed() {
        return malformed;
    }

    void stop() {
        running = false;
    }
}
