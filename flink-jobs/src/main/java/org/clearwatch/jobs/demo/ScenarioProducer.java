package org.clearwatch.jobs.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.clearwatch.jobs.feeds.Feed;
import org.clearwatch.jobs.sim.Scenario.Publication;
import org.clearwatch.patterns.alerting.AlertParts;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.ref.DeathRecord;
import org.clearwatch.schema.ref.Official;

/**
 * Plays a scenario into Kafka on a simulated clock that runs {@code speed} times faster than the
 * wall clock, each record to its feed's topic, as the source systems would send them; now and then
 * it sends a data record no reader can decode. Notes when each record timed from the start on was
 * published (acknowledged by the broker), under the id an alert's evidence gives it, to measure
 * event-to-alert delays.
 */
final class ScenarioProducer implements Runnable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Function<Feed<?>, String> topics;
    private final List<Publication> publications;
    private final Instant simStart;
    private final double speed;
    private final SplittableRandom rng;
    private volatile boolean running = true;
    private volatile long wallStart;
    private volatile int sent;
    private volatile int malformed;
    private final Map<String, Long> lastEventTimeByPartition = new ConcurrentHashMap<>();
    private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();

    ScenarioProducer(
            String bootstrap,
            Function<Feed<?>, String> topics,
            List<Publication> publications,
            Instant simStart,
            double speed,
            long seed) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.publications = publications;
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
            for (Publication publication : publications) {
                while (running && simNow().isBefore(publication.at())) {
                    Thread.sleep(5);
                }
                if (!running) {
                    return;
                }
                send(publication);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void send(Publication publication) {
        String topic = topics.apply(publication.feed());
        byte[] key = publication.key().getBytes(StandardCharsets.UTF_8);
        boolean data = !publication.feed().isReference();
        long eventTime = publication.at().toEpochMilli();
        // The backlog published at once at the start is catch-up, not reaction: not timed.
        String evidenceId = publication.at().isBefore(simStart) ? null : evidenceId(publication);
        producer.send(
                new ProducerRecord<>(topic, key, Records.toBytes(publication.record())),
                (metadata, error) -> {
                    if (error != null) {
                        return;
                    }
                    if (evidenceId != null) {
                        publishedAt.merge(evidenceId, System.currentTimeMillis(), Math::max);
                    }
                    if (data) {
                        lastEventTimeByPartition.merge(
                                topic + "/" + metadata.partition(), eventTime, Math::max);
                    }
                });
        sent++;
        if (data && rng.nextInt(250) == 0) {
            byte[] garbage = new byte[16 + rng.nextInt(64)];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = (byte) rng.nextInt(256);
            }
            producer.send(new ProducerRecord<>(topic, key, garbage));
            malformed++;
        }
    }

    /**
     * The record id an alert's evidence gives the record; reference records keyed by a person are
     * named there by the masked id only.
     */
    static String evidenceId(Publication publication) {
        if (publication.record() instanceof DeathRecord death) {
            return AlertParts.personRecordId("death", death.getPersonId());
        }
        if (publication.record() instanceof Official official) {
            return AlertParts.personRecordId("official", official.getPersonId());
        }
        return publication.recordId();
    }

    /**
     * The latest event time sent to every partition of {@code topic} that received anything: the
     * watermark of a feed read from it cannot pass it (a partition that never received a record is
     * idle and does not count), so it bounds what the job can have raised from that feed.
     */
    Instant eventTimeReachedEverywhere(String topic) {
        return lastEventTimeByPartition.entrySet().stream()
                .filter(e -> e.getKey().startsWith(topic + "/"))
                .map(Map.Entry::getValue)
                .min(Long::compare)
                .map(Instant::ofEpochMilli)
                .orElse(Instant.MIN);
    }

    /** When the record an alert's evidence names was published, in wall-clock millis. */
    Long publishedAt(String evidenceId) {
        return publishedAt.get(evidenceId);
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
