package org.clearwatch.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.pipeline.ClearwatchJob;
import org.clearwatch.jobs.pipeline.JobEnvironment;
import org.clearwatch.jobs.sim.LedgerSimulation;
import org.clearwatch.localkafka.LocalKafka;
import org.clearwatch.patterns.Models;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.latedeposit.LateDeposit;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;
import org.clearwatch.schema.ops.Reject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on the real stack: simulator, a KRaft broker, the job on a MiniCluster with
 * RocksDB and the transactional sink, and a read_committed reader at the end.
 */
class LedgerPipelineITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
                            .build());

    private static LocalKafka kafka;
    private static KafkaTopics topics;

    @TempDir Path checkpoints;

    @BeforeAll
    static void startBroker() {
        kafka = LocalKafka.start();
        topics = new KafkaTopics(kafka);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private record Run(ClearwatchConfig config, JobExecutionResult result) {}

    /** Runs the job over what the ledger topic holds now, to its end, without restarts. */
    private Run runJob(String ledger, String alerts, String rejects) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        settings.put("kafka.group-id", "it-" + UUID.randomUUID());
        settings.put("kafka.transactional-id-prefix", "it-" + UUID.randomUUID());
        settings.put("topics.ledger", ledger);
        settings.put("topics.alerts", alerts);
        settings.put("topics.rejects", rejects);
        // late-deposit reads the working calendar's feed too; here it holds nothing.
        settings.put("topics.ref-calendar", topics.create("ref-calendar", 1));
        settings.put("checkpoint.interval", "1s");
        settings.put("checkpoint.dir", checkpoints.toUri().toString());
        // This test is about the ledger path alone: the other models, and the feeds they read, stay
        // off.
        for (SupervisionModel model : Models.ALL) {
            if (!model.spec().id().equals(LateDeposit.ID)) {
                settings.put("models." + model.spec().id() + ".enabled", "false");
            }
        }
        ClearwatchConfig config = ClearwatchConfig.defaults(settings);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobEnvironment.configure(env, config);
        Configuration noRestarts = new Configuration();
        // A poison record must not fail the job: with no restarts allowed, it would end FAILED.
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(noRestarts);
        ClearwatchJob.build(env, config, true);
        return new Run(config, env.execute("it-" + ledger));
    }

    private static byte[][] record(LedgerEntry entry) {
        return new byte[][] {
            entry.getAccountId().getBytes(StandardCharsets.UTF_8), Records.toBytes(entry)
        };
    }

    private static Alert alert(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r) {
        try {
            return Records.<Alert>decoder(Alert.getClassSchema()).decode(r.value());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Reject reject(
            org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r) {
        try {
            return Records.<Reject>decoder(Reject.getClassSchema()).decode(r.value());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void alertsOnKafkaAreExactlyTheSimulatedGroundTruth() throws Exception {
        String ledger = topics.create("ledger-entries", 2);
        String alerts = topics.create("alerts", 2);
        String rejects = topics.create("feed-rejects", 1);
        LateDeposit.Settings settings = LateDeposit.Settings.defaults();
        LedgerSimulation sim =
                LedgerSimulation.generate(
                        new LedgerSimulation.Options(
                                11L, 2, 4, LocalDate.of(2025, 9, 1), 45, 1.5, 0.02),
                        settings,
                        WorkingCalendar.china());
        List<byte[][]> records = new ArrayList<>();
        sim.entries().forEach(e -> records.add(record(e)));
        topics.send(ledger, records);

        runJob(ledger, alerts, rejects);

        List<String> got =
                topics.readCommitted(alerts, LedgerPipelineITCase::alert).stream()
                        .map(
                                a ->
                                        a.getAlertId()
                                                + " "
                                                + a.getKind()
                                                + " "
                                                + a.getAmountFen()
                                                + " "
                                                + a.getEventTime())
                        .sorted()
                        .toList();
        List<String> expected =
                sim.expected().stream()
                        .map(
                                e ->
                                        e.alertId()
                                                + " "
                                                + e.kind()
                                                + " "
                                                + e.amountFen()
                                                + " "
                                                + e.eventTime())
                        .sorted()
                        .toList();
        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(expected).anyMatch(e -> e.contains(" " + AlertKind.RESOLVED + " "));
        assertThat(got).containsExactlyElementsOf(expected);
    }

    @Test
    void unusableRecordsLandInFeedRejectsAndTheJobRunsOn() throws Exception {
        String ledger = topics.create("ledger-entries", 2);
        String alerts = topics.create("alerts", 2);
        String rejects = topics.create("feed-rejects", 1);
        LedgerEntry receipt =
                LedgerEntry.newBuilder()
                        .setEntryId("E-1")
                        .setAccountId("330299101001-01")
                        .setVillageCode("330299101001")
                        .setTownshipCode("330299101")
                        .setType(LedgerEntryType.CASH_RECEIPT)
                        .setAmountFen(2_000_000L)
                        .setReceiptNo("R-1")
                        .setOccurredAt(java.time.Instant.parse("2025-03-03T02:00:00Z"))
                        .build();
        LedgerEntry badTownship =
                LedgerEntry.newBuilder(receipt).setEntryId("E-2").setTownshipCode("33").build();
        LedgerEntry fromTheFuture =
                LedgerEntry.newBuilder(receipt)
                        .setEntryId("E-3")
                        .setOccurredAt(
                                java.time.Instant.now().plus(java.time.Duration.ofDays(3650)))
                        .build();
        byte[] key = receipt.getAccountId().getBytes(StandardCharsets.UTF_8);
        List<RecordMetadata> written =
                topics.send(
                        ledger,
                        List.of(
                                record(receipt),
                                new byte[][] {
                                    key, "not avro at all".getBytes(StandardCharsets.UTF_8)
                                },
                                record(badTownship),
                                record(fromTheFuture)));

        Run run = runJob(ledger, alerts, rejects);

        List<Reject> noted = topics.readCommitted(rejects, LedgerPipelineITCase::reject);
        assertThat(noted)
                .extracting(Reject::getOffset)
                .containsExactlyInAnyOrder(
                        written.get(1).offset(), written.get(2).offset(), written.get(3).offset());
        assertThat(noted).allMatch(r -> r.getPartition() == written.get(1).partition());
        assertThat(noted)
                .extracting(Reject::getReason)
                .anyMatch(r -> r.startsWith("not a LedgerEntry"))
                .anyMatch(r -> r.equals("township_code is not a 9-digit division code"))
                .anyMatch(r -> r.contains("ahead of the wall clock"));
        assertThat(topics.readCommitted(alerts, LedgerPipelineITCase::alert))
                .extracting(Alert::getKind)
                .containsExactly(AlertKind.RAISED);
        long rejectedCount =
                METRICS
                        .findMetrics(run.result().getJobID(), "feed.ledger.rejected")
                        .values()
                        .stream()
                        .mapToLong(m -> ((Counter) m).getCount())
                        .sum();
        assertThat(rejectedCount).isEqualTo(3);
    }
}
