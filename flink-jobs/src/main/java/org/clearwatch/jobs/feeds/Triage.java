package org.clearwatch.jobs.feeds;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.clearwatch.schema.ops.Reject;

/**
 * Right after a feed's source: usable records go on, rejects and late records go to {@link
 * #REJECTS}, each with a counter. Late means at or behind the watermark already emitted: a model
 * would have to drop it anyway, so it is noted here, once, where its topic is known.
 *
 * <p>Metrics, all labelled with the feed only: {@code recordsIn}, {@code rejected} (all rejects),
 * {@code rejects} by {@code reason} ({@link RejectReason}), {@code late}, {@code implausibleTime}
 * (event time far ahead of the wall clock), {@code lastRecordSeconds} (wall-clock time of the last
 * record, epoch seconds); with {@link #operator}, {@code watermarkLagSeconds}.
 *
 * @param <T> the feed's record type
 */
public final class Triage<T extends SpecificRecordBase>
        extends ProcessFunction<Either<Reject, Tuple2<T, Long>>, T> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<Reject> REJECTS = new OutputTag<>("feed-rejects") {};

    /** A data record's id and Kafka publish time, see {@link FeedStream#published()}. */
    public static final OutputTag<Tuple2<String, Long>> PUBLISHED =
            new OutputTag<>(
                    "published", TypeInformation.of(new TypeHint<Tuple2<String, Long>>() {}));

    static final String LATE = "late: ";

    private final Feed<T> feed;
    private final String topic;

    private transient Counter recordsIn;
    private transient Counter rejected;
    private transient Map<RejectReason, Counter> byReason;
    private transient volatile long lastRecordMillis;

    public Triage(Feed<T> feed, String topic) {
        this.feed = feed;
        this.topic = topic;
    }

    /**
     * The triage as an operator that also reports how far the feed's event-time watermark trails
     * the wall clock.
     */
    public static <T extends SpecificRecordBase>
            ProcessOperator<Either<Reject, Tuple2<T, Long>>, T> operator(
                    Feed<T> feed, String topic) {
        return new WatermarkLagOperator<>(new Triage<>(feed, topic), feed.name());
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("feed", feed.name());
        recordsIn = metrics.counter("recordsIn");
        rejected = metrics.counter("rejected");
        byReason = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            byReason.put(reason, metrics.addGroup("reason", reason.label()).counter("rejects"));
        }
        // The same counts under the names the watch floor asks for.
        metrics.counter("late", byReason.get(RejectReason.LATE));
        metrics.counter("implausibleTime", byReason.get(RejectReason.FUTURE_TIME));
        lastRecordMillis = Long.MIN_VALUE;
        metrics.gauge("lastRecordSeconds", (Gauge<Double>) this::lastRecordSeconds);
    }

    /** Wall-clock time of the last record read, usable or not: a silent feed shows here. */
    private double lastRecordSeconds() {
        long at = lastRecordMillis;
        return at == Long.MIN_VALUE ? Double.NaN : at / 1000.0;
    }

    @Override
    public void processElement(
            Either<Reject, Tuple2<T, Long>> value, Context ctx, Collector<T> out) {
        recordsIn.inc();
        lastRecordMillis = System.currentTimeMillis();
        if (value.isLeft()) {
            reject(ctx, value.left());
            return;
        }
        T record = value.right().f0;
        long watermark = ctx.timerService().currentWatermark();
        // Reference records are facts joined whenever they come: they are never late.
        if (!feed.isReference() && ctx.timestamp() != null && ctx.timestamp() <= watermark) {
            reject(
                    ctx,
                    Reject.newBuilder()
                            .setFeed(feed.name())
                            .setTopic(topic)
                            .setRecordId(feed.id(record))
                            .setEventTime(feed.eventTime(record))
                            .setReason(
                                    LATE
                                            + "event time is at or behind the watermark "
                                            + Instant.ofEpochMilli(watermark))
                            .setRejectedAt(Instant.now())
                            .build());
            return;
        }
        out.collect(record);
        if (!feed.isReference() && value.right().f1 != null) {
            ctx.output(PUBLISHED, Tuple2.of(feed.id(record), value.right().f1));
        }
    }

    private void reject(Context ctx, Reject reject) {
        rejected.inc();
        byReason.get(RejectReason.of(reject)).inc();
        ctx.output(REJECTS, reject);
    }

    /** Notes each watermark that reaches the triage, for the lag gauge. */
    private static final class WatermarkLagOperator<I, O> extends ProcessOperator<I, O> {

        private static final long serialVersionUID = 1L;

        private final String feedName;
        private volatile long watermark = Long.MIN_VALUE;

        WatermarkLagOperator(ProcessFunction<I, O> function, String feedName) {
            super(function);
            this.feedName = feedName;
        }

        @Override
        public void open() throws Exception {
            super.open();
            getMetricGroup()
                    .addGroup("feed", feedName)
                    .gauge("watermarkLagSeconds", (Gauge<Double>) this::lagSeconds);
        }

        @Override
        public void processWatermark(Watermark mark) throws Exception {
            watermark = mark.getTimestamp();
            super.processWatermark(mark);
        }

        /** NaN before the first watermark and after the last (the end of a bounded feed). */
        private double lagSeconds() {
            long at = watermark;
            if (at == Long.MIN_VALUE || at == Long.MAX_VALUE) {
                return Double.NaN;
            }
            return (System.currentTimeMillis() - at) / 1000.0;
        }
    }
}
