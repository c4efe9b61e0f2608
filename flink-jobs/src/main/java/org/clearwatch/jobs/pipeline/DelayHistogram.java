package org.clearwatch.jobs.pipeline;

import java.util.Locale;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * A Prometheus-style cumulative histogram made of Flink counters: {@code <name>_bucket} per upper
 * bound (label {@code le}, in seconds), {@code <name>_count} and {@code <name>MillisSum}. Unlike a
 * Flink {@code Histogram}, which the Prometheus reporter exports as per-subtask quantiles, buckets
 * add up across subtasks, so {@code histogram_quantile} over a sum gives the job's percentiles.
 */
final class DelayHistogram {

    /** Upper bounds in seconds; the last bucket is +Inf. */
    static final double[] BOUNDS = {0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300};

    private final Counter[] buckets = new Counter[BOUNDS.length + 1];
    private final Counter count;
    private final Counter millisSum;

    DelayHistogram(MetricGroup group, String name) {
        for (int i = 0; i < BOUNDS.length; i++) {
            buckets[i] =
                    group.addGroup("le", String.format(Locale.ROOT, "%s", BOUNDS[i]))
                            .counter(name + "_bucket");
        }
        buckets[BOUNDS.length] = group.addGroup("le", "+Inf").counter(name + "_bucket");
        count = group.counter(name + "_count");
        millisSum = group.counter(name + "MillisSum");
    }

    void observeMillis(long millis) {
        long value = Math.max(0, millis);
        for (int i = 0; i < BOUNDS.length; i++) {
            if (value <= BOUNDS[i] * 1000) {
                buckets[i].inc();
            }
        }
        buckets[BOUNDS.length].inc();
        count.inc();
        millisSum.inc(value);
    }
}
