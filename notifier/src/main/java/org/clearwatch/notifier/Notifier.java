package org.clearwatch.notifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.clearwatch.notifier.channels.DingTalkSender;
import org.clearwatch.notifier.channels.EmailSender;
import org.clearwatch.notifier.channels.HttpPush;
import org.clearwatch.notifier.channels.MessageText;
import org.clearwatch.notifier.channels.Sender;
import org.clearwatch.notifier.channels.WebhookSender;
import org.clearwatch.notifier.channels.WecomSender;
import org.clearwatch.notifier.config.NotifierConfig;
import org.clearwatch.notifier.delivery.DeadLetters;
import org.clearwatch.notifier.delivery.Deliverer;
import org.clearwatch.notifier.http.NotifierHttp;
import org.clearwatch.notifier.ledger.KafkaLedger;
import org.clearwatch.notifier.ledger.LedgerEntry;
import org.clearwatch.notifier.metrics.NotifierMetrics;
import org.clearwatch.notifier.plan.Channel;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.alert.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running notifier: reads committed alerts, plans their deliveries, records them as PENDING in
 * the ledger, commits the alerts offset only then, and hands them to the {@link Deliverer}. At
 * start it reads the ledger to its end and takes over everything not finished.
 */
public final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    public static final String CONSUMER_GROUP = "clearwatch-notifier";

    private final NotifierConfig config;
    private final Clock clock;
    private final KafkaLedger ledger;
    private final KafkaProducer<String, byte[]> deadLetterProducer;
    private final Deliverer deliverer;
    private final NotifierHttp http;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Intake intake;
    private final Thread loop;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;
    private final int restoredPending;

    private Notifier(NotifierConfig config, Clock clock, Deliverer.Listener listener)
            throws Exception {
        this.config = config;
        this.clock = clock;
        Properties kafka = config.kafka();
        ensureTopics(kafka, config.topics());

        NotifierMetrics metrics = new NotifierMetrics(new PrometheusRegistry());
        HttpPush push = httpPush(config);
        this.ledger = new KafkaLedger(kafka, config.topics().ledger());
        this.deadLetterProducer = deadLetterProducer(kafka);
        String deadLetterTopic = config.topics().deadLetters();
        ObjectMapper json = new ObjectMapper();
        DeadLetters deadLetters =
                letter -> {
                    try {
                        deadLetterProducer
                                .send(
                                        new ProducerRecord<>(
                                                deadLetterTopic,
                                                letter.deliveryId(),
                                                json.writeValueAsBytes(letter)))
                                .get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot publish a dead letter", e);
                    }
                };
        this.deliverer =
                new Deliverer(
                        ledger,
                        deadLetters,
                        senders(config, clock, push),
                        config.delivery().retry(),
                        config.routing().rateLimiter(),
                        metrics,
                        clock,
                        config.delivery().concurrency(),
                        listener);
        this.intake = new Intake(config.routing().router(), ledger, deliverer, clock);
        this.restoredPending = restore(KafkaLedger.readAll(kafka, config.topics().ledger()));
        this.http =
                new NotifierHttp(
                        config.metricsHost(),
                        config.metricsPort(),
                        metrics.registry(),
                        config.links(),
                        intake::acknowledge);
        URI health = http.uri("/healthz");
        if (!push.answers(health)) {
            LOG.warn("the notifier's own endpoint {} does not answer", health);
        }

        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, CONSUMER_GROUP);
        // Static membership: a restarted notifier takes its own place at once instead of waiting
        // for the session of the process it replaces (killed, say) to time out.
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        // A committed transaction should reach the inspectors at once, not after a fetch wait.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        this.consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.consumer.subscribe(List.of(config.topics().alerts()));
        this.loop = new Thread(this::consume, "notify-alerts");
        this.loop.setDaemon(true);
    }

    /** Starts reading alerts; returns once the ledger is restored and the endpoint is up. */
    public static Notifier start(NotifierConfig config, Deliverer.Listener listener)
            throws Exception {
        Notifier notifier = new Notifier(config, Clock.systemUTC(), listener);
        notifier.loop.start();
        return notifier;
    }

    /** Deliveries taken over from the ledger at start. */
    public int restoredPending() {
        return restoredPending;
    }

    public int httpPort() {
        return http.port();
    }

    public int pendingCount() {
        return deliverer.pendingCount();
    }

    /** Blocks until the notifier stops; rethrows what stopped it, if anything did. */
    public void awaitStop() throws Exception {
        stopped.await();
        if (failure != null) {
            throw new IllegalStateException("the notifier stopped", failure);
        }
    }

    /** A sender for every channel the configuration can use. */
    static Map<Channel, Sender> senders(NotifierConfig config, Clock clock) {
        return senders(config, clock, httpPush(config));
    }

    private static HttpPush httpPush(NotifierConfig config) {
        return new HttpPush(
                config.allowList(),
                config.delivery().connectTimeout(),
                config.delivery().requestTimeout());
    }

    private static Map<Channel, Sender> senders(NotifierConfig config, Clock clock, HttpPush http) {
        MessageText text = new MessageText(config.links());
        Map<Channel, Sender> senders = new EnumMap<>(Channel.class);
        senders.put(Channel.WEBHOOK, new WebhookSender(http, text, clock));
        senders.put(Channel.WECOM, new WecomSender(http, text));
        senders.put(Channel.DINGTALK, new DingTalkSender(http, text, clock));
        if (config.smtp() != null) {
            senders.put(Channel.EMAIL, new EmailSender(config.smtp(), config.allowList(), text));
        }
        return senders;
    }

    private int restore(Map<String, LedgerEntry> entries) {
        Map<String, Destination> destinations = new HashMap<>();
        config.routing().destinations().forEach(d -> destinations.put(d.name(), d));
        BinaryMessageDecoder<Alert> decoder = Records.decoder(Alert.getClassSchema());
        List<LedgerEntry> lost = new ArrayList<>();
        int resumed = 0;
        for (LedgerEntry e : entries.values()) {
            if (e.status() == LedgerEntry.Status.ACK) {
                deliverer.restoreAcknowledged(e.alertId());
            }
        }
        for (LedgerEntry e : entries.values()) {
            if (e.status() == LedgerEntry.Status.ACK) {
                continue;
            }
            intake.remember(e.deliveryId());
            if (e.status() == LedgerEntry.Status.DELIVERED && e.digestKey() != null) {
                deliverer.restoreSentDigest(e.digestKey(), e.destination());
            }
            if (e.status() != LedgerEntry.Status.PENDING) {
                continue;
            }
            Destination destination = destinations.get(e.destination());
            Alert alert;
            try {
                alert = decoder.decode(e.alert());
            } catch (Exception ex) {
                LOG.error(
                        "ledger entry {} has an unreadable alert; it stays PENDING",
                        e.deliveryId());
                continue;
            }
            if (destination == null) {
                LOG.warn(
                        "delivery {} goes to destination {}, which is no longer configured",
                        e.deliveryId(),
                        e.destination());
                continue;
            }
            deliverer.submit(
                    new PlannedDelivery(
                            e.deliveryId(),
                            e.routeId(),
                            e.recipientId(),
                            destination,
                            Instant.ofEpochMilli(e.notBefore()),
                            e.digestKey(),
                            Boolean.TRUE.equals(e.unlessAcknowledged()),
                            alert),
                    Instant.ofEpochMilli(e.publishedAt()));
            resumed++;
        }
        LOG.info("ledger read: {} entries, {} deliveries resumed", entries.size(), resumed);
        return resumed;
    }

    private void consume() {
        BinaryMessageDecoder<Alert> decoder = Records.decoder(Alert.getClassSchema());
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                List<Intake.Published> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    Alert alert;
                    try {
                        alert = decoder.decode(record.value());
                    } catch (Exception e) {
                        LOG.error(
                                "alert at {}-{} offset {} is unreadable; skipped",
                                record.topic(),
                                record.partition(),
                                record.offset());
                        continue;
                    }
                    batch.add(new Intake.Published(alert, publishedAt(record, alert)));
                }
                intake.take(batch);
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            // close() was called
        } catch (Throwable t) {
            failure = t;
            LOG.error("the notifier stopped reading alerts", t);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                // closing anyway
            }
            stopped.countDown();
        }
    }

    /**
     * When the alert was published: the broker's append time if the topic keeps it ({@code
     * message.timestamp.type=LogAppendTime}, recommended); otherwise the producer's timestamp
     * (Clearwatch's sink leaves it to its producer, the time of sending; other writers may put the
     * event time there), so the later of that and {@code detected_at} (the wall clock when the job
     * emitted it). Either way it is part of the record, so a restart plans the same times.
     */
    static Instant publishedAt(ConsumerRecord<?, ?> record, Alert alert) {
        Instant stamped = Instant.ofEpochMilli(record.timestamp());
        if (record.timestampType()
                == org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME) {
            return stamped;
        }
        return stamped.isAfter(alert.getDetectedAt()) ? stamped : alert.getDetectedAt();
    }

    private static KafkaProducer<String, byte[]> deadLetterProducer(Properties kafka) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "clearwatch-notifier-dead-letters");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** The ledger (compacted) and the dead letters, if they do not exist yet. */
    static void ensureTopics(Properties kafka, NotifierConfig.Topics topics)
            throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(kafka)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(topics.ledger())) {
                missing.add(
                        new NewTopic(topics.ledger(), 1, (short) -1)
                                .configs(
                                        Map.of(
                                                "cleanup.policy", "compact",
                                                "min.compaction.lag.ms", "3600000")));
            }
            if (!existing.contains(topics.deadLetters())) {
                missing.add(new NewTopic(topics.deadLetters(), 1, (short) -1));
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "cannot create the notifier's topics: " + e.getCause().getMessage(), e);
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot list the topics of " + kafka.get("bootstrap.servers"), e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
        deliverer.close();
        ledger.close();
        deadLetterProducer.close(Duration.ofSeconds(5));
    }
}
