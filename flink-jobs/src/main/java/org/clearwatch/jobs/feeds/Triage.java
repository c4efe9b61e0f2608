package org.clearwatch.jobs.feeds;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.clearwatch.schema.ops.Reject;

/**
 * Right after a feed's source: usable records go on, rejects and late records go to {@link
 * #REJECTS}, each with a counter. Late means at or behind the watermark already emitted: a model
 * would have to drop it anyway, so it is noted here, once, where its topic is known.
 *
 * @param <T> the feed's record type
 */
public final class Triage<T extends SpecificRecordBase>
        extends ProcessFunction<Either<Reject, T>, T> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<Reject> REJECTS = new OutputTag<>("feed-rejects") {};

    private final Feed<T> feed;
    private final String topic;

    private transient Counter recordsIn;
    private transient Counter rejected;
    private transient Counter late;

    public Triage(Feed<T> feed, String topic) {
        this.feed = feed;
        this.topic = topic;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("feed", feed.name());
        recordsIn = metrics.counter("recordsIn");
        rejected = metrics.counter("rejected");
        late = metrics.counter("late");
    }

    @Override
    public void processElement(Either<Reject, T> value, Context ctx, Collector<T> out) {
        recordsIn.inc();
        if (value.isLeft()) {
            rejected.inc();
            ctx.output(REJECTS, value.left());
            return;
        }
        T record = value.right();
        long watermark = ctx.timerService().currentWatermark();
        // Reference records are facts joined whenever they come: they are never late.
        if (!feed.isReference() && ctx.timestamp() != null && ctx.timestamp() <= watermark) {
            late.inc();
            ctx.output(
                    REJECTS,
                    Reject.newBuilder()
                            .setFeed(feed.name())
                            .setTopic(topic)
                            .setRecordId(feed.id(record))
                            .setEventTime(feed.eventTime(record))
                            .setReason(
                                    "late: event time is at or behind the watermark "
                                            + Instant.ofEpochMilli(watermark))
                            .setRejectedAt(Instant.now())
                            .build());
            return;
        }
        out.collect(record);
    }
}
