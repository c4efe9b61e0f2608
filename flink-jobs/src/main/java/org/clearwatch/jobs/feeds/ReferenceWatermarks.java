package org.clearwatch.jobs.feeds;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Reference data never holds event time back: a compacted topic may be silent for months, and a
 * model joins a reference record whenever it arrives. So a reference source declares its event time
 * complete; the data feeds alone drive the watermark of any operator that joins them.
 */
final class ReferenceWatermarks<T> implements WatermarkGenerator<T> {

    private static final Watermark END = new Watermark(Long.MAX_VALUE);

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(END);
    }
}
