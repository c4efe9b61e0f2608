package org.clearwatch.jobs.feeds;

import java.util.Locale;
import org.clearwatch.schema.ops.Reject;

/**
 * Why a record was set aside, as a small fixed set: the value of the {@code reason} label of the
 * reject counters. The reject itself keeps the full sentence.
 */
public enum RejectReason {
    /** No bytes at all. */
    EMPTY,
    /** Bytes that are not the feed's Avro record. */
    UNDECODABLE,
    /** A readable record that fails its checks (a township code that is not 9 digits, ...). */
    INVALID,
    /** An event time implausibly far ahead of the wall clock (a device clock in the future). */
    FUTURE_TIME,
    /** At or behind the watermark: too late for the models. */
    LATE;

    /** As a metric label: {@code future_time}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The class of a reject made by {@link FeedDeserializer} or {@link Triage}. */
    public static RejectReason of(Reject reject) {
        String reason = reject.getReason();
        if (reason.startsWith(Triage.LATE)) {
            return LATE;
        }
        if (reason.equals(FeedDeserializer.EMPTY)) {
            return EMPTY;
        }
        if (reject.getErrorClass() != null || reason.startsWith(FeedDeserializer.UNDECODABLE)) {
            return UNDECODABLE;
        }
        if (reason.startsWith(FeedDeserializer.AHEAD_OF_WALL_CLOCK)) {
            return FUTURE_TIME;
        }
        return INVALID;
    }
}
