package org.clearwatch.jobs.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class ReferenceWatermarksTest {

    /** What a source output was told. */
    private static final class Recorded implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }

    @Test
    void aReferenceSourceIsIdleAndNeverPushesEventTimeAhead() {
        ReferenceWatermarks<String> generator = new ReferenceWatermarks<>();
        Recorded output = new Recorded();

        generator.onPeriodicEmit(output);
        generator.onEvent("vehicle record", 1_758_000_000_000L, output);
        generator.onPeriodicEmit(output);

        // An end-of-time watermark would become the watermark of an operator whose data feed is
        // idle for a moment, and every later ping would be late.
        assertThat(output.watermarks).isEmpty();
        assertThat(output.idle).isTrue();
    }
}
