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
    void aReferenceSourceHoldsEventTimeBackUntilItHasReadWhatItsTopicHolds() {
        long[] now = {1_000_000L};
        ReferenceWatermarks<String> generator = new ReferenceWatermarks<>(() -> now[0]);
        Recorded output = new Recorded();

        generator.onPeriodicEmit(output);
        generator.onEvent("zone record", Long.MIN_VALUE, output);
        now[0] += ReferenceWatermarks.SETTLE.toMillis() - 1;
        generator.onPeriodicEmit(output);

        // Neither a watermark nor idle: the operators that join it wait for the zones.
        assertThat(output.watermarks).isEmpty();
        assertThat(output.idle).isFalse();
    }

    @Test
    void onceQuietItIsIdleForGoodAndNeverPushesEventTimeAhead() {
        long[] now = {1_000_000L};
        ReferenceWatermarks<String> generator = new ReferenceWatermarks<>(() -> now[0]);
        Recorded output = new Recorded();

        generator.onEvent("zone record", Long.MIN_VALUE, output);
        now[0] += ReferenceWatermarks.SETTLE.toMillis();
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();

        generator.onEvent("vehicle record", 1_758_000_000_000L, output);
        now[0] += 10;
        generator.onPeriodicEmit(output);

        // An end-of-time watermark would become the watermark of an operator whose data feed is
        // idle for a moment, and every later ping would be late.
        assertThat(output.watermarks).isEmpty();
        assertThat(output.idle).isTrue();
    }
}
