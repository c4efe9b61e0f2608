package org.clearwatch.jobs.feeds;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.clearwatch.schema.ops.Reject;

/**
 * A feed after triage.
 *
 * @param records usable records, timestamped and watermarked
 * @param rejects what could not be used, for the rejects topic
 * @param <T> the feed's record type
 */
public record FeedStream<T>(DataStream<T> records, DataStream<Reject> rejects) {}
