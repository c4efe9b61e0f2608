package org.clearwatch.jobs.feeds;

import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.schema.ops.Reject;

/** Kafka sources for the feeds, with the same robustness for each: see {@link Triage}. */
public final class FeedSources {

    private FeedSources() {}

    /**
     * A feed read from its Kafka topic, from the committed offsets of the job's group (or the
     * beginning), reading only committed records.
     *
     * @param bounded stop at the offsets that are latest when the job starts (tests, backfills)
     */
    public static <T extends SpecificRecordBase> FeedStream<T> kafka(
            StreamExecutionEnvironment env,
            ClearwatchConfig config,
            Feed<T> feed,
            String topic,
            boolean bounded) {
        KafkaSourceBuilder<Either<Reject, Tuple2<T, Long>>> builder =
                KafkaSource.<Either<Reject, Tuple2<T, Long>>>builder()
                        .setBootstrapServers(config.get(ClearwatchConfig.BOOTSTRAP_SERVERS))
                        .setTopics(topic)
                        .setGroupId(config.get(ClearwatchConfig.GROUP_ID))
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(
                                new FeedDeserializer<>(
                                        feed, config.get(ClearwatchConfig.MAX_CLOCK_LEAD)))
                        .setProperties(KafkaClients.security(config))
                        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return triage(
                env.fromSource(
                                builder.build(),
                                watermarks(
                                        feed,
                                        config.get(ClearwatchConfig.MAX_OUT_OF_ORDERNESS),
                                        config.get(ClearwatchConfig.IDLENESS)),
                                feed.name() + " source")
                        .uid(feed.uidPrefix() + "-source"),
                feed,
                topic);
    }

    /**
     * For a data feed, event time from the record, per Kafka partition, so a slow partition holds
     * event time back and a quiet one does not ({@link FeedWatermarks}: a live one keeps pace with
     * the wall clock, one behind it turns idle). For a reference feed, the time it became known,
     * without ever holding event time back. Rejects carry no time and never move the watermark.
     */
    public static <T extends SpecificRecordBase>
            WatermarkStrategy<Either<Reject, Tuple2<T, Long>>> watermarks(
                    Feed<T> feed, Duration maxOutOfOrderness, Duration idleness) {
        SerializableTimestampAssigner<Either<Reject, Tuple2<T, Long>>> time =
                (value, previous) -> {
                    Instant at = value.isRight() ? feed.eventTime(value.right().f0) : null;
                    return at == null ? Long.MIN_VALUE : at.toEpochMilli();
                };
        if (feed.isReference()) {
            return WatermarkStrategy.<Either<Reject, Tuple2<T, Long>>>forGenerator(
                            context -> new ReferenceWatermarks<>())
                    .withTimestampAssigner(time);
        }
        return WatermarkStrategy.<Either<Reject, Tuple2<T, Long>>>forGenerator(
                        context ->
                                new FeedWatermarks<>(
                                        maxOutOfOrderness,
                                        idleness,
                                        System::currentTimeMillis,
                                        context.getInputActivityClock()::relativeTimeMillis))
                .withTimestampAssigner(time);
    }

    /**
     * The same, for a feed read from a prepared, time-ordered file (replay, bench) — except that a
     * reference file does hold event time back until it has been read to its end, where the source
     * ends with the end-of-time watermark. A file is small and finite, and a replay must not depend
     * on whether a zone or a vehicle record reaches an operator before the pings it concerns.
     */
    public static <T extends SpecificRecordBase> WatermarkStrategy<T> fileWatermarks(Feed<T> feed) {
        SerializableTimestampAssigner<T> time =
                (value, previous) -> {
                    Instant at = feed.eventTime(value);
                    return at == null ? Long.MIN_VALUE : at.toEpochMilli();
                };
        if (feed.isReference()) {
            return WatermarkStrategy.<T>noWatermarks().withTimestampAssigner(time);
        }
        return WatermarkStrategy.<T>forMonotonousTimestamps().withTimestampAssigner(time);
    }

    /** Splits a decoded feed into usable records and rejects. */
    public static <T extends SpecificRecordBase> FeedStream<T> triage(
            SingleOutputStreamOperator<Either<Reject, Tuple2<T, Long>>> decoded,
            Feed<T> feed,
            String topic) {
        SingleOutputStreamOperator<T> records =
                decoded.transform(
                                feed.name() + ": triage",
                                TypeInformation.of(feed.type()),
                                Triage.operator(feed, topic))
                        .uid(feed.uidPrefix() + "-triage")
                        .name(feed.name() + ": triage");
        return new FeedStream<>(
                records,
                records.getSideOutput(Triage.REJECTS),
                records.getSideOutput(Triage.PUBLISHED));
    }
}
