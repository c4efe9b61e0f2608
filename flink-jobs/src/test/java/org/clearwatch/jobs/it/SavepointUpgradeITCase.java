package org.clearwatch.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.pipeline.ClearwatchJob;
import org.clearwatch.jobs.pipeline.JobEnvironment;
import org.clearwatch.localkafka.LocalKafka;
import org.clearwatch.patterns.Models;
import org.clearwatch.patterns.latedeposit.LateDeposit;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.patterns.rentarrears.RentArrears;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model upgrade through a savepoint, on the real stack: the job (RocksDB with {@code
 * KeyGroupBoundedSeeks}, the transactional sink) on a MiniCluster, a KRaft broker, and a
 * read_committed reader of the alerts.
 *
 * <p>Version 1 of the job reads cash receipts of several village accounts on a Monday and stops
 * with a savepoint on the Tuesday, while every receipt waits for its deadline (the end of Thursday,
 * three working days). Version 2 is an upgrade: late-deposit's HIGH threshold lowered below the
 * receipts' amount, and rent-arrears switched on. Restored from the savepoint, with event time
 * moved to the next Monday, each receipt raises exactly one alert, at the new severity. The same
 * savepoint in RocksDB's native format restores at parallelism 2 (the key groups split across two
 * subtasks) with the same alerts. A version that drops late-deposit, whose operators hold the
 * pending receipts, is refused at restore.
 *
 * <p>A MiniCluster restores a savepoint with the same code as a standalone cluster (the JobMaster
 * maps operator state by uid, the TaskManager's RocksDB backend restores it); deploy/local/cluster
 * drives the same steps over REST, see docs/OPERATIONS.md.
 */
class SavepointUpgradeITCase {

    private static final int ACCOUNTS = 24;
    private static final long AMOUNT_FEN = 2_000_000L;
    private static final String TOWNSHIP = "330299101";

    /** Monday 2025-03-03, 10:00 in Shanghai. */
    private static final Instant MONDAY_MORNING = Instant.parse("2025-03-03T02:00:00Z");

    /** Tuesday noon: the receipts are two days short of their deadline. */
    private static final Instant TUESDAY_NOON = Instant.parse("2025-03-04T04:00:00Z");

    /** The next Monday: every deadline (end of Thursday) has passed. */
    private static final Instant NEXT_MONDAY = Instant.parse("2025-03-10T04:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path work;

    private static LocalKafka kafka;
    private static KafkaTopics topics;
    private static String ledger;
    private static String calendar;
    private static String rejects;
    private static String groupId;
    private static String canonicalSavepoint;
    private static String nativeSavepoint;

    @BeforeAll
    static void runVersionOneAndStopWithASavepoint() throws Exception {
        // The alerts carry event times from 2025, a replay's situation. The broker checks time
        // retention every second instead of every 5 minutes, so an alert stamped with its event
        // time would be deleted under the test's eyes; the alerts topics keep Kafka's default
        // CreateTime on purpose.
        kafka =
                LocalKafka.start(
                        LocalKafka.Options.defaults()
                                .brokerProperty("log.retention.check.interval.ms", "1000"));
        topics = new KafkaTopics(kafka);
        ledger = topics.create("ledger-entries", 2);
        calendar = topics.create("ref-calendar", 1);
        rejects = topics.create("feed-rejects", 1);
        groupId = "upgrade-" + UUID.randomUUID();

        List<ProducerRecord<byte[], byte[]>> receipts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            receipts.add(entry(i % 2, receipt(i)));
        }
        receipts.add(entry(0, clock("clock-a", TUESDAY_NOON)));
        receipts.add(entry(1, clock("clock-b", TUESDAY_NOON)));
        send(receipts);

        String alerts = topics.create("alerts-v1", 2);
        JobClient v1 = start(versionOne(alerts), 1, null);
        awaitCommittedOffsets();

        assertThat(readAlerts(alerts)).as("nothing is due before Thursday ends").isEmpty();
        Path savepoints = Files.createDirectories(work.resolve("savepoints"));
        canonicalSavepoint =
                v1.triggerSavepoint(savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);
        nativeSavepoint =
                v1.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.NATIVE)
                        .get(2, TimeUnit.MINUTES);

        // Event time moves on while the job is down: the deadlines pass in the restored job.
        send(
                List.of(
                        entry(0, clock("clock-a", NEXT_MONDAY)),
                        entry(1, clock("clock-b", NEXT_MONDAY))));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void anUpgradedModelRaisesEachPendingReceiptExactlyOnce() throws Exception {
        String alerts = topics.create("alerts-v2", 2);

        List<Alert> raised = runUntilAlerts(versionTwo(alerts), 1, canonicalSavepoint, alerts);

        assertThat(raised).hasSize(ACCOUNTS);
        assertThat(raised).extracting(Alert::getKind).containsOnly(AlertKind.RAISED);
        assertThat(raised).extracting(Alert::getModelId).containsOnly(LateDeposit.ID);
        assertThat(raised).extracting(Alert::getAmountFen).containsOnly(AMOUNT_FEN);
        assertThat(raised)
                .as("the new HIGH threshold applies to receipts taken in by version 1")
                .extracting(Alert::getSeverity)
                .containsOnly(Severity.HIGH);
        assertThat(raised).extracting(Alert::getAlertId).doesNotHaveDuplicates();
    }

    @Test
    void restoringAtParallelismTwoGivesTheSameAlerts() throws Exception {
        String upgraded = topics.create("alerts-p1", 2);
        String rescaled = topics.create("alerts-p2", 2);

        List<Alert> atOne = runUntilAlerts(versionOne(upgraded), 1, canonicalSavepoint, upgraded);
        List<Alert> atTwo = runUntilAlerts(versionOne(rescaled), 2, nativeSavepoint, rescaled);

        assertThat(atOne).hasSize(ACCOUNTS);
        assertThat(atTwo)
                .extracting(SavepointUpgradeITCase::summary)
                .containsExactlyInAnyOrderElementsOf(
                        atOne.stream().map(SavepointUpgradeITCase::summary).toList());
    }

    @Test
    void aVersionWithoutTheOperatorsHoldingPendingReceiptsIsRefused() throws Exception {
        Map<String, String> withoutLateDeposit = versionOne(topics.create("alerts-refused", 2));
        withoutLateDeposit.put("models." + LateDeposit.ID + ".enabled", "false");
        withoutLateDeposit.put("models." + RentArrears.ID + ".enabled", "true");

        assertThatThrownBy(
                        () -> {
                            JobClient job = start(withoutLateDeposit, 1, canonicalSavepoint);
                            job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
                        })
                .hasStackTraceContaining("Cannot map checkpoint/savepoint state for operator")
                .hasStackTraceContaining("allowNonRestoredState");
    }

    // --- the two versions ------------------------------------------------------------------

    private static Map<String, String> versionOne(String alerts) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        settings.put("kafka.group-id", groupId);
        settings.put("kafka.transactional-id-prefix", "upgrade-" + UUID.randomUUID());
        settings.put("topics.ledger", ledger);
        settings.put("topics.ref-calendar", calendar);
        settings.put("topics.alerts", alerts);
        settings.put("topics.rejects", rejects);
        settings.put("feeds.max-out-of-orderness", "0s");
        settings.put("feeds.idleness", "1s");
        settings.put("checkpoint.interval", "1s");
        settings.put("checkpoint.dir", work.resolve("checkpoints").toUri().toString());
        for (SupervisionModel model : Models.ALL) {
            if (!model.spec().id().equals(LateDeposit.ID)) {
                settings.put("models." + model.spec().id() + ".enabled", "false");
            }
        }
        return settings;
    }

    /** The upgrade: a new late-deposit parameter value and a model switched on. */
    private static Map<String, String> versionTwo(String alerts) {
        Map<String, String> settings = versionOne(alerts);
        settings.put("models." + LateDeposit.ID + ".severity-high-fen", "1500000");
        settings.put("models." + RentArrears.ID + ".enabled", "true");
        return settings;
    }

    // --- running ---------------------------------------------------------------------------

    private static JobClient start(Map<String, String> settings, int parallelism, String savepoint)
            throws Exception {
        settings.put("job.parallelism", Integer.toString(parallelism));
        ClearwatchConfig config = ClearwatchConfig.defaults(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobEnvironment.configure(env, config);
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        if (savepoint != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            flink.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
        }
        env.configure(flink);
        ClearwatchJob.build(env, config, false);
        return env.executeAsync("upgrade-" + parallelism);
    }

    /**
     * Runs a restored job until every receipt has raised, then two checkpoints more (so a duplicate
     * would be committed too), and cancels it.
     */
    private static List<Alert> runUntilAlerts(
            Map<String, String> settings, int parallelism, String savepoint, String alerts)
            throws Exception {
        JobClient job = start(settings, parallelism, savepoint);
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (readAlerts(alerts).size() < ACCOUNTS) {
                assertThat(job.getJobStatus().get().isGloballyTerminalState())
                        .as("the restored job ended")
                        .isFalse();
                assertThat(System.nanoTime()).as("alerts within 2 minutes").isLessThan(deadline);
                Thread.sleep(500);
            }
            Thread.sleep(2_500);
            return readAlerts(alerts);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
            // The next test's job needs the slots this one holds until it has ended.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (!job.getJobStatus().get().isGloballyTerminalState()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
    }

    /** Waits until a completed checkpoint holds every record sent so far. */
    private static void awaitCommittedOffsets() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, Long> end = new HashMap<>();
            for (int p = 0; p < 2; p++) {
                TopicPartition partition = new TopicPartition(ledger, p);
                end.put(
                        partition,
                        admin.listOffsets(
                                        Map.of(
                                                partition,
                                                org.apache.kafka.clients.admin.OffsetSpec.latest()))
                                .partitionResult(partition)
                                .get()
                                .offset());
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(groupId)
                                .partitionsToOffsetAndMetadata()
                                .get();
                boolean all =
                        end.entrySet().stream()
                                .allMatch(
                                        e ->
                                                committed.get(e.getKey()) != null
                                                        && committed.get(e.getKey()).offset()
                                                                >= e.getValue());
                if (all) {
                    return;
                }
                assertThat(System.nanoTime())
                        .as("version 1 commits what it read within 2 minutes")
                        .isLessThan(deadline);
                Thread.sleep(300);
            }
        }
    }

    // --- records ---------------------------------------------------------------------------

    private static LedgerEntry receipt(int account) {
        String accountId = String.format("%s%03d-01", TOWNSHIP, account + 1);
        return LedgerEntry.newBuilder()
                .setEntryId("E-" + account)
                .setAccountId(accountId)
                .setVillageCode(accountId.substring(0, 12))
                .setTownshipCode(TOWNSHIP)
                .setType(LedgerEntryType.CASH_RECEIPT)
                .setAmountFen(AMOUNT_FEN)
                .setReceiptNo("SJ-" + account)
                .setOccurredAt(MONDAY_MORNING)
                .build();
    }

    /** An entry on an account of its own that moves event time and raises nothing. */
    private static LedgerEntry clock(String name, Instant at) {
        return LedgerEntry.newBuilder()
                .setEntryId(name + "-" + at.toEpochMilli())
                .setAccountId(TOWNSHIP + "999-" + name)
                .setVillageCode(TOWNSHIP + "999")
                .setTownshipCode(TOWNSHIP)
                .setType(LedgerEntryType.EXPENDITURE)
                .setAmountFen(100L)
                .setOccurredAt(at)
                .build();
    }

    private static ProducerRecord<byte[], byte[]> entry(int partition, LedgerEntry entry) {
        return new ProducerRecord<>(
                ledger,
                partition,
                entry.getAccountId().getBytes(StandardCharsets.UTF_8),
                Records.toBytes(entry));
    }

    private static void send(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record).get();
            }
        }
    }

    private static List<Alert> readAlerts(String topic) {
        return topics.readCommitted(topic, SavepointUpgradeITCase::alert);
    }

    private static Alert alert(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Records.<Alert>decoder(Alert.getClassSchema()).decode(record.value());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String summary(Alert alert) {
        return alert.getAlertId()
                + " "
                + alert.getKind()
                + " "
                + alert.getAmountFen()
                + " "
                + alert.getSeverity()
                + " "
                + alert.getEventTime();
    }
}
