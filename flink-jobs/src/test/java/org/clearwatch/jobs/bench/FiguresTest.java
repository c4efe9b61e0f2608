package org.clearwatch.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.clearwatch.jobs.bench.BenchJob.Backend;
import org.clearwatch.jobs.bench.BenchJob.Result;
import org.junit.jupiter.api.Test;

class FiguresTest {

    private static Result finished(Backend backend, long events, long seconds) {
        return new Result(backend, 0, events, events, Duration.ofSeconds(seconds), List.of());
    }

    private static Result cancelled(Backend backend, long events, long read) {
        return new Result(backend, 0, events, read, Duration.ofSeconds(999), null);
    }

    @Test
    void theMedianOfAnOddCountIsTheMiddleValue() {
        assertThat(Figures.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Figures.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void throughputIsTheMedianOverRuns() {
        Figures.Throughput t =
                Figures.Throughput.of(
                        List.of(
                                finished(Backend.HEAP, 1000, 10),
                                finished(Backend.HEAP, 1000, 4),
                                finished(Backend.HEAP, 1000, 5)),
                        Duration.ofMinutes(1));

        assertThat(t.eventsPerSecond()).isEqualTo(200.0);
        assertThat(t.upperBound()).isFalse();
        assertThat(t.show()).isEqualTo("200");
    }

    @Test
    void aRunThatDidNotFinishMakesTheFigureAnUpperBound() {
        Figures.Throughput t =
                Figures.Throughput.of(
                        List.of(cancelled(Backend.ROCKSDB, 60_000, 6000)), Duration.ofMinutes(1));

        assertThat(t.eventsPerSecond()).isEqualTo(100.0);
        assertThat(t.upperBound()).isTrue();
        assertThat(t.show()).isEqualTo("< 100");
    }

    @Test
    void withoutACountTheWholeInputBoundsTheRate() {
        Figures.Throughput t =
                Figures.Throughput.of(
                        List.of(cancelled(Backend.ROCKSDB, 6000, 0)), Duration.ofMinutes(1));

        assertThat(t.eventsPerSecond()).isEqualTo(100.0);
    }

    @Test
    void theRatioIsRocksDbOverHeapWithTwoDecimals() {
        Figures.Throughput heap = new Figures.Throughput(30_000, false, 1, 1);
        Figures.Throughput rocksdb = new Figures.Throughput(10_000, false, 1, 1);

        assertThat(Figures.ratioLine(heap, rocksdb))
                .isEqualTo("RocksDB/heap throughput ratio: 0.33");
    }

    @Test
    void theRatioIsABoundWhenOneSideDidNotFinish() {
        Figures.Throughput heap = new Figures.Throughput(2_000, false, 1, 1);
        Figures.Throughput slow = new Figures.Throughput(100, true, 1, 0);

        assertThat(Figures.ratioLine(heap, slow))
                .isEqualTo("RocksDB/heap throughput ratio: < 0.05 (RocksDB did not finish)");
        assertThat(Figures.ratioLine(slow, slow))
                .isEqualTo("RocksDB/heap throughput ratio: unknown (neither backend finished)");
    }

    @Test
    void differencesNameWhatIsMissingAndWhatIsExtra() {
        Figures.Difference d =
                Figures.Difference.between(
                        Set.of("a RAISED", "b RAISED"), Set.of("a RAISED", "c RESOLVED"));

        assertThat(d.none()).isFalse();
        assertThat(d.missing()).containsExactly("b RAISED");
        assertThat(d.extra()).containsExactly("c RESOLVED");
        assertThat(d.describe())
                .isEqualTo("1 missing, 1 extra; missing b RAISED; extra c RESOLVED");
        assertThat(Figures.Difference.between(Set.of("a RAISED"), Set.of("a RAISED")).none())
                .isTrue();
    }
}
