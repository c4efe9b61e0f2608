package org.clearwatch.jobs.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.feeds.Feed;
import org.clearwatch.jobs.feeds.FeedSources;
import org.clearwatch.jobs.feeds.FeedStream;
import org.clearwatch.jobs.sinks.Sinks;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelInputs;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.ops.Reject;

/**
 * The Kafka-to-Kafka job: feeds from their topics, alerts and rejects to theirs. A feed's topic is
 * read only if an enabled model reads the feed.
 */
public final class ClearwatchJob {

    private ClearwatchJob() {}

    /**
     * Adds the whole job to {@code env}.
     *
     * @param boundedSources stop at the end of what the feeds hold when the job starts
     */
    public static void build(
            StreamExecutionEnvironment env, ClearwatchConfig config, boolean boundedSources) {
        List<DataStream<Reject>> rejects = new ArrayList<>();
        List<DataStream<Tuple2<String, Long>>> published = new ArrayList<>();
        ModelInputs.Builder inputs = ModelInputs.builder(WorkingCalendar.china());
        for (Feed<?> feed : Feed.ALL) {
            fromKafka(inputs, env, config, feed, boundedSources, rejects, published);
        }

        DataStream<Alert> alerts = ClearwatchPipeline.alerts(inputs.build(), config.models());
        alerts.sinkTo(Sinks.alerts(config)).uid("alerts-sink").name("alerts to Kafka");
        if (!published.isEmpty()) {
            AlertDelay.measure(alerts, union(published));
        }

        if (rejects.isEmpty()) {
            return;
        }
        union(rejects).sinkTo(Sinks.rejects(config)).uid("rejects-sink").name("rejects to Kafka");
    }

    private static <T extends SpecificRecordBase> void fromKafka(
            ModelInputs.Builder inputs,
            StreamExecutionEnvironment env,
            ClearwatchConfig config,
            Feed<T> feed,
            boolean bounded,
            List<DataStream<Reject>> rejects,
            List<DataStream<Tuple2<String, Long>>> published) {
        String topic = config.get(ClearwatchConfig.FEED_TOPICS.get(feed.feed()));
        inputs.feed(
                feed.feed(),
                () -> {
                    FeedStream<T> stream = FeedSources.kafka(env, config, feed, topic, bounded);
                    rejects.add(stream.rejects());
                    if (!feed.isReference()) {
                        published.add(stream.published());
                    }
                    return stream.records();
                });
    }

    private static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> all = streams.get(0);
        for (DataStream<T> more : streams.subList(1, streams.size())) {
            all = all.union(more);
        }
        return all;
    }
}
