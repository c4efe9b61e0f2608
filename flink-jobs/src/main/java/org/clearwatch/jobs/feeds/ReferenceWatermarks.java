package org.clearwatch.jobs.feeds;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Reference data never pushes event time ahead and, once read, never holds it back: a compacted
 * topic may be silent for months, and a model joins a reference record whenever it arrives. So a
 * reference source emits no watermark; the data feeds alone drive the watermark of any operator
 * that joins them.
 *
 * <p>At first the source holds event time back, until it has been quiet for {@link #SETTLE}: a job
 * that starts from the beginning reads what its compacted topics hold (vehicles, zones, rosters)
 * before it judges the first events, rather than racing them. Then it marks itself idle, for good:
 * an operator ignores an idle input, while an end-of-time watermark would become its watermark once
 * its data feed went idle for a moment (a night without pings), fire every timer and make every
 * later record late. Records that arrive later are still joined; they no longer hold anything back.
 */
final class ReferenceWatermarks<T> implements WatermarkGenerator<T> {

    /** How long a reference source must be quiet at the start before event time may move on. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    private final LongSupplier wallClock;
    private long lastRecordAt;
    private boolean settled;

    ReferenceWatermarks() {
        this(System::currentTimeMillis);
    }

    ReferenceWatermarks(LongSupplier wallClock) {
        this.wallClock = wallClock;
        this.lastRecordAt = wallClock.getAsLong();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (!settled) {
            lastRecordAt = wallClock.getAsLong();
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (!settled && wallClock.getAsLong() - lastRecordAt >= SETTLE.toMillis()) {
            settled = true;
        }
        if (settled) {
            output.markIdle();
        }
    }
}
