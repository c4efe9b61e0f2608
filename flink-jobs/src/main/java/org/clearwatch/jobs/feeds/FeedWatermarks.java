package org.clearwatch.jobs.feeds;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks of one partition of a data feed: bounded out-of-orderness while records come, and when
 * the partition falls quiet for the idleness time, one of two things.
 *
 * <ul>
 *   <li>A <em>live</em> partition (its last record was timed near the wall clock when it arrived)
 *       lets event time keep pace with the wall clock, less the out-of-orderness: a deadline at
 *       Monday 00:00 fires then, not when Monday's first entry arrives, and the feed never turns
 *       idle. A whole feed turning idle and active again is what can make the events a keyed book
 *       derives from its timers late for the pattern behind it, across parallel subtasks.
 *   <li>A partition behind the wall clock (a backfill, a replay through Kafka, the demo's simulated
 *       clock) is marked idle, as Flink's idleness does: its event time has nothing to do with the
 *       wall clock.
 * </ul>
 *
 * Quietness is measured on the input activity clock, which stands still while the source is paused
 * (back-pressure, a checkpoint), so a busy job does not take its feeds for quiet.
 */
final class FeedWatermarks<T> implements WatermarkGenerator<T> {

    private final long outOfOrderness;
    private final long idleness;
    private final LongSupplier wallClock;
    private final LongSupplier activityClock;

    private long maxTimestamp = Long.MIN_VALUE;
    private long lastRecordActivity;
    private boolean live;
    private long emitted = Long.MIN_VALUE;

    FeedWatermarks(
            Duration outOfOrderness,
            Duration idleness,
            LongSupplier wallClock,
            LongSupplier activityClock) {
        this.outOfOrderness = outOfOrderness.toMillis();
        this.idleness = idleness.toMillis();
        this.wallClock = wallClock;
        this.activityClock = activityClock;
        this.lastRecordActivity = activityClock.getAsLong();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp == Long.MIN_VALUE) {
            return; // a reject: no time, no say in event time
        }
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        lastRecordActivity = activityClock.getAsLong();
        live = wallClock.getAsLong() - maxTimestamp <= outOfOrderness + idleness;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        boolean quiet = activityClock.getAsLong() - lastRecordActivity >= idleness;
        if (!quiet) {
            if (maxTimestamp != Long.MIN_VALUE) {
                emit(output, maxTimestamp - outOfOrderness - 1);
            }
        } else if (live) {
            emit(output, Math.max(maxTimestamp, wallClock.getAsLong()) - outOfOrderness - 1);
        } else {
            output.markIdle();
        }
    }

    private void emit(WatermarkOutput output, long watermark) {
        emitted = Math.max(emitted, watermark);
        output.emitWatermark(new Watermark(emitted));
    }
}
