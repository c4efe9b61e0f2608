package org.clearwatch.jobs.feeds;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Reference data never holds event time back: a compacted topic may be silent for months, and a
 * model joins a reference record whenever it arrives. So a reference source is always idle and
 * emits no watermark; the data feeds alone drive the watermark of any operator that joins them.
 *
 * <p>Idle, not the end-of-time watermark: an operator ignores an idle input, but takes the minimum
 * over its active ones — so once the data feed itself went idle for a moment (a night without
 * pings), an end-of-time watermark from the reference side would become the operator's watermark,
 * fire every timer and make every later record late. With idle reference inputs, an operator whose
 * data feed is idle simply waits.
 */
final class ReferenceWatermarks<T> implements WatermarkGenerator<T> {

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
