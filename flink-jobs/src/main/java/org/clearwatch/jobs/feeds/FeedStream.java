package org.clearwatch.jobs.feeds;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.clearwatch.schema.ops.Reject;

/**
 * A feed after triage.
 *
 * @param records usable records, timestamped and watermarked
 * @param rejects what could not be used, for the rejects topic
 * @param published for a data feed, each usable record's id (as evidence names it) and when it was
 *     published to Kafka (wall-clock millis); for measuring alert delays only
 * @param <T> the feed's record type
 */
public record FeedStream<T>(
        DataStream<T> records,
        DataStream<Reject> rejects,
        DataStream<Tuple2<String, Long>> published) {}
