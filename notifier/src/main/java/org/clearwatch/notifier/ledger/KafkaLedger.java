package org.clearwatch.notifier.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The delivery ledger on a compacted Kafka topic: written with an idempotent producer and {@code
 * acks=all}, every write waited for; read from the beginning to the end at start.
 */
public final class KafkaLedger implements Ledger, AutoCloseable {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaLedger(Properties kafka, String topic) {
        this.topic = topic;
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "clearwatch-notifier-ledger");
        this.producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        // The topic's metadata now, not with the first alert: the first PENDING write after a
        // start would otherwise wait for it while the alert's inspector waits for the push.
        producer.partitionsFor(topic);
    }

    @Override
    public void record(List<LedgerEntry> entries) {
        write(entries).await();
    }

    /**
     * Sends the entries now. One partition and an idempotent producer keep them in order with
     * everything written after them (a DELIVERED never lands before its PENDING).
     */
    @Override
    public Write write(List<LedgerEntry> entries) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (LedgerEntry e : entries) {
            sent.add(producer.send(new ProducerRecord<>(topic, e.key(), e.toJson())));
        }
        return () -> {
            try {
                for (Future<RecordMetadata> f : sent) {
                    f.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the delivery ledger", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot write the delivery ledger " + topic, e);
            }
        };
    }

    /** The latest entry of every key, reading the topic from its beginning to its current end. */
    public static Map<String, LedgerEntry> readAll(Properties kafka, String topic) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<String, LedgerEntry> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 120_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(
                            "could not read the delivery ledger " + topic + " to its end in 120 s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        latest.remove(r.key());
                    } else {
                        latest.put(r.key(), LedgerEntry.fromJson(r.value()));
                    }
                }
            }
        }
        return latest;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
