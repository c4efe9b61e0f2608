package org.clearwatch.jobs.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class FeedWatermarksTest {

    private static final Duration OUT_OF_ORDERNESS = Duration.ofMinutes(10);
    private static final Duration IDLENESS = Duration.ofMinutes(1);
    private static final long MONDAY_0900 = Instant.parse("2026-11-23T01:00:00Z").toEpochMilli();

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

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }

    private final long[] wall = {MONDAY_0900};
    private final long[] activity = {0};
    private final FeedWatermarks<String> generator =
            new FeedWatermarks<>(OUT_OF_ORDERNESS, IDLENESS, () -> wall[0], () -> activity[0]);
    private final Recorded output = new Recorded();

    private void pass(Duration time) {
        wall[0] += time.toMillis();
        activity[0] += time.toMillis();
    }

    @Test
    void whileRecordsComeEventTimeTrailsTheNewestByTheOutOfOrderness() {
        generator.onEvent("entry", MONDAY_0900 - 5_000, output);
        generator.onEvent("entry", MONDAY_0900 - 60_000, output);
        generator.onPeriodicEmit(output);

        assertThat(output.last()).isEqualTo(MONDAY_0900 - 5_000 - OUT_OF_ORDERNESS.toMillis() - 1);
        assertThat(output.idle).isFalse();
    }

    @Test
    void aQuietLiveFeedKeepsPaceWithTheWallClockAndNeverTurnsIdle() {
        generator.onEvent("entry", MONDAY_0900 - 5_000, output);
        pass(Duration.ofHours(15)); // the night

        generator.onPeriodicEmit(output);

        assertThat(output.idle).isFalse();
        assertThat(output.last()).isEqualTo(wall[0] - OUT_OF_ORDERNESS.toMillis() - 1);
    }

    @Test
    void aQuietFeedBehindTheWallClockTurnsIdle() {
        // A backfill: last year's entries.
        generator.onEvent("entry", MONDAY_0900 - Duration.ofDays(365).toMillis(), output);
        pass(IDLENESS);

        generator.onPeriodicEmit(output);

        assertThat(output.idle).isTrue();
        assertThat(output.watermarks).isEmpty();
    }

    @Test
    void aPartitionThatNeverReceivedAnythingTurnsIdle() {
        pass(IDLENESS);

        generator.onPeriodicEmit(output);

        assertThat(output.idle).isTrue();
    }

    @Test
    void aPausedSourceIsNotTakenForQuiet() {
        generator.onEvent("entry", MONDAY_0900, output);
        wall[0] += Duration.ofMinutes(5).toMillis(); // back-pressure: the activity clock stands

        generator.onPeriodicEmit(output);

        assertThat(output.last()).isEqualTo(MONDAY_0900 - OUT_OF_ORDERNESS.toMillis() - 1);
    }

    @Test
    void eventTimeNeverGoesBackWhenRecordsComeAgain() {
        generator.onEvent("entry", MONDAY_0900, output);
        pass(Duration.ofHours(2));
        generator.onPeriodicEmit(output);
        long duringTheQuiet = output.last();

        generator.onEvent("entry", wall[0] - Duration.ofMinutes(5).toMillis(), output);
        generator.onPeriodicEmit(output);

        assertThat(output.last()).isEqualTo(duringTheQuiet);
    }

    @Test
    void rejectsHaveNoSayInEventTime() {
        generator.onEvent("reject", Long.MIN_VALUE, output);
        generator.onPeriodicEmit(output);

        assertThat(output.watermarks).isEmpty();
    }
}
