package org.clearwatch.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.clearwatch.jobs.feeds.Feed;
import org.clearwatch.jobs.feeds.FeedDeserializer;
import org.clearwatch.jobs.feeds.FeedSources;
import org.clearwatch.jobs.feeds.FeedStream;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;
import org.clearwatch.schema.ops.Reject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job's own metrics, read from Flink's {@link InMemoryReporter} after small jobs on a
 * MiniCluster: the feed counters by reason, the alert counters by model, township, severity and
 * kind, and the publish-to-alert delay histogram.
 */
class JobMetricsITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
                            .build());

    private static final Instant NOW = Instant.now();
    private static final String TOWNSHIP = "330299101";

    private static LedgerEntry entry(String id, Instant at, String township) {
        return LedgerEntry.newBuilder()
                .setEntryId(id)
                .setAccountId("330299101001-01")
                .setVillageCode("330299101001")
                .setTownshipCode(township)
                .setType(LedgerEntryType.CASH_RECEIPT)
                .setAmountFen(100L)
                .setReceiptNo("R-" + id)
                .setOccurredAt(at)
                .build();
    }

    private static long offset;

    /** One Kafka record through the feed's deserializer, published at {@code publishedAt}. */
    private static void read(
            List<Either<Reject, Tuple2<LedgerEntry, Long>>> out, byte[] bytes, long publishedAt) {
        FeedDeserializer<LedgerEntry> deserializer =
                new FeedDeserializer<>(Feed.LEDGER, Duration.ofMinutes(15));
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>(
                        "ledger-entries",
                        0,
                        offset++,
                        publishedAt,
                        TimestampType.CREATE_TIME,
                        0,
                        bytes == null ? 0 : bytes.length,
                        null,
                        bytes,
                        new RecordHeaders(),
                        Optional.empty());
        deserializer.deserialize(
                record,
                new Collector<>() {
                    @Override
                    public void collect(Either<Reject, Tuple2<LedgerEntry, Long>> value) {
                        out.add(value);
                    }

                    @Override
                    public void close() {}
                });
    }

    /** A watermark after every record, so that a record behind an earlier one is late. */
    private static final class EveryRecord<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long timestamp, WatermarkOutput output) {
            if (timestamp != Long.MIN_VALUE) {
                output.emitWatermark(new Watermark(timestamp));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    /** Every metric of the job by its identifier (sources' duplicate split metrics aside). */
    private static Map<String, Metric> metrics(JobID job) {
        Map<String, Metric> byId = new TreeMap<>();
        METRICS.getMetricsByGroup()
                .forEach(
                        (group, metrics) -> {
                            if (job.toString().equals(group.getAllVariables().get("<job_id>"))) {
                                metrics.forEach(
                                        (name, metric) ->
                                                byId.put(group.getMetricIdentifier(name), metric));
                            }
                        });
        return byId;
    }

    private static long sum(JobID job, String suffix) {
        return metrics(job).entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix))
                .map(Map.Entry::getValue)
                .mapToLong(m -> ((Counter) m).getCount())
                .sum();
    }

    private static List<String> identifiers(JobID job, String part) {
        return metrics(job).keySet().stream().filter(id -> id.contains(part)).toList();
    }

    @Test
    void triageCountsRecordsRejectsByReasonLateRecordsAndImplausibleTimes() throws Exception {
        long published = NOW.toEpochMilli();
        List<Either<Reject, Tuple2<LedgerEntry, Long>>> input = new ArrayList<>();
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        read(input, Records.toBytes(entry("E-1", hourAgo, TOWNSHIP)), published);
        read(input, new byte[0], published);
        read(input, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, published);
        read(input, Records.toBytes(entry("E-2", hourAgo, "3302991")), published);
        read(
                input,
                Records.toBytes(entry("E-3", NOW.plus(Duration.ofDays(2)), TOWNSHIP)),
                published);
        read(input, Records.toBytes(entry("E-4", hourAgo.plusSeconds(60), TOWNSHIP)), published);
        read(input, Records.toBytes(entry("E-5", hourAgo.plusSeconds(30), TOWNSHIP)), published);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        TypeInformation<Either<Reject, Tuple2<LedgerEntry, Long>>> type =
                new FeedDeserializer<>(Feed.LEDGER, Duration.ofMinutes(15)).getProducedType();
        FeedStream<LedgerEntry> feed =
                FeedSources.triage(
                        env.fromData(input, type)
                                .assignTimestampsAndWatermarks(
                                        WatermarkStrategy
                                                .<Either<Reject, Tuple2<LedgerEntry, Long>>>
                                                        forGenerator(c -> new EveryRecord<>())
                                                .withTimestampAssigner(
                                                        (value, previous) ->
                                                                value.isRight()
                                                                        ? value.right()
                                                                                .f0
                                                                                .getOccurredAt()
                                                                                .toEpochMilli()
                                                                        : Long.MIN_VALUE)),
                        Feed.LEDGER,
                        "ledger-entries");
        feed.records().sinkTo(new DiscardingSink<>());
        feed.rejects().sinkTo(new DiscardingSink<>());
        feed.published().sinkTo(new DiscardingSink<>());
        JobID job = env.execute("triage-metrics").getJobID();

        assertThat(sum(job, ".feed.ledger.recordsIn")).isEqualTo(7);
        assertThat(sum(job, ".feed.ledger.rejected")).isEqualTo(5);
        assertThat(sum(job, ".feed.ledger.reason.empty.rejects")).isEqualTo(1);
        assertThat(sum(job, ".feed.ledger.reason.undecodable.rejects")).isEqualTo(1);
        assertThat(sum(job, ".feed.ledger.reason.invalid.rejects")).isEqualTo(1);
        assertThat(sum(job, ".feed.ledger.reason.future_time.rejects")).isEqualTo(1);
        assertThat(sum(job, ".feed.ledger.reason.late.rejects")).isEqualTo(1);
        assertThat(sum(job, ".feed.ledger.late")).isEqualTo(1);
        assertThat(sum(job, ".feed.ledger.implausibleTime")).isEqualTo(1);
        assertThat(identifiers(job, ".feed.ledger."))
                .anyMatch(id -> id.endsWith(".watermarkLagSeconds"))
                .anyMatch(id -> id.endsWith(".lastRecordSeconds"));
    }

    private static Alert alert(
            String model,
            AlertKind kind,
            Severity severity,
            Instant eventTime,
            Instant detectedAt,
            Long amountFen,
            EvidenceRecord... evidence) {
        return Alert.newBuilder()
                .setAlertId(model + "-" + eventTime.toEpochMilli())
                .setKind(kind)
                .setModelId(model)
                .setModelVersion("1")
                .setSeverity(severity)
                .setEntityType("ledger_account")
                .setEntityId("330299101001-01")
                .setTownshipCode(TOWNSHIP)
                .setTitle("告警")
                .setSummary("告警")
                .setAmountFen(amountFen)
                .setEvidence(List.of(evidence))
                .setEventTime(eventTime)
                .setDetectedAt(detectedAt)
                .build();
    }

    private static EvidenceRecord evidence(String feed, String id, Instant at) {
        return EvidenceRecord.newBuilder()
                .setFeed(feed)
                .setRecordId(id)
                .setRole("r")
                .setEventTime(at)
                .build();
    }

    @Test
    void alertsAreCountedByModelTownshipSeverityAndKindAndTheDelayOfRecordTriggeredOnes()
            throws Exception {
        Instant receiptAt = Instant.parse("2025-09-15T02:00:00Z");
        Instant depositAt = Instant.parse("2025-09-25T02:00:00Z");
        Instant deadline = Instant.parse("2025-09-18T16:00:00Z");
        long depositPublished = NOW.toEpochMilli();
        List<Alert> alerts =
                List.of(
                        // Raised when its deadline passed: no record triggered it.
                        alert(
                                "late-deposit",
                                AlertKind.RAISED,
                                Severity.HIGH,
                                deadline,
                                NOW.plusSeconds(100),
                                3_000_000L,
                                evidence("ledger", "E-1", receiptAt)),
                        // Resolved by the deposit, 1.5 s after the deposit was published.
                        alert(
                                "late-deposit",
                                AlertKind.RESOLVED,
                                Severity.HIGH,
                                depositAt,
                                NOW.plusMillis(1_500),
                                3_000_000L,
                                evidence("ledger", "E-1", receiptAt),
                                evidence("ledger", "E-9", depositAt)));
        List<Tuple2<String, Long>> published =
                List.of(
                        Tuple2.of("E-1", depositPublished - 864_000_000L),
                        Tuple2.of("E-9", depositPublished));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Alert> counted =
                env.fromData(alerts, TypeInformation.of(Alert.class))
                        .map(new AlertMetrics())
                        .name("alert metrics");
        counted.sinkTo(new DiscardingSink<>());
        AlertDelay.measure(
                counted,
                env.fromData(
                        published, TypeInformation.of(new TypeHint<Tuple2<String, Long>>() {})));
        JobID job = env.execute("alert-metrics").getJobID();

        String group = ".model.late-deposit.township." + TOWNSHIP + ".severity.HIGH.kind.";
        assertThat(sum(job, group + "RAISED.alerts")).isEqualTo(1);
        assertThat(sum(job, group + "RESOLVED.alerts")).isEqualTo(1);
        assertThat(sum(job, group + "RAISED.alertAmountFen")).isEqualTo(3_000_000L);

        String delay = ".model.late-deposit.";
        assertThat(sum(job, delay + "alertDelaySeconds_count")).isEqualTo(1);
        assertThat(sum(job, delay + "alertDelaySecondsMillisSum")).isEqualTo(1_500);
        assertThat(sum(job, delay + "le.1.0.alertDelaySeconds_bucket")).isZero();
        assertThat(sum(job, delay + "le.2.0.alertDelaySeconds_bucket")).isEqualTo(1);
        assertThat(sum(job, delay + "le.+Inf.alertDelaySeconds_bucket")).isEqualTo(1);
    }

    @Test
    void onlyADataRecordWhoseTimeIsTheAlertsOwnTriggersIt() {
        Instant at = Instant.parse("2025-10-01T13:00:00Z");
        Alert byPing =
                alert(
                        "off-hours-vehicle",
                        AlertKind.RAISED,
                        Severity.MEDIUM,
                        at,
                        at,
                        null,
                        evidence("gps", "V-1@1", at.minusSeconds(600)),
                        evidence("gps", "V-1@2", at),
                        evidence("ref.dispatch", "D-1", at));
        Alert byDeadline =
                alert(
                        "rent-arrears",
                        AlertKind.RAISED,
                        Severity.MEDIUM,
                        at,
                        at,
                        null,
                        evidence("ledger", "RD-1", at.minusSeconds(86_400)));

        assertThat(AlertDelay.trigger(byPing)).contains("V-1@2");
        assertThat(AlertDelay.trigger(byDeadline)).isEmpty();
    }
}
