package org.clearwatch.jobs.pipeline;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.feeds.Feed;
import org.clearwatch.jobs.feeds.FeedSources;
import org.clearwatch.jobs.feeds.FeedStream;
import org.clearwatch.jobs.sinks.Sinks;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelInputs;
import org.clearwatch.schema.feed.LedgerEntry;

/** The Kafka-to-Kafka job: feeds from their topics, alerts and rejects to theirs. */
public final class ClearwatchJob {

    private ClearwatchJob() {}

    /**
     * Adds the whole job to {@code env}.
     *
     * @param boundedSources stop at the end of what the feeds hold when the job starts
     */
    public static void build(
            StreamExecutionEnvironment env, ClearwatchConfig config, boolean boundedSources) {
        FeedStream<LedgerEntry> ledger =
                FeedSources.kafka(
                        env,
                        config,
                        Feed.LEDGER,
                        config.get(ClearwatchConfig.LEDGER_TOPIC),
                        boundedSources);

        ClearwatchPipeline.alerts(
                        new ModelInputs(ledger.records(), WorkingCalendar.china()), config.models())
                .sinkTo(Sinks.alerts(config))
                .uid("alerts-sink")
                .name("alerts to Kafka");

        ledger.rejects().sinkTo(Sinks.rejects(config)).uid("rejects-sink").name("rejects to Kafka");
    }
}
