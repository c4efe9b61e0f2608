package org.clearwatch.jobs.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The arithmetic of the report: medians, the throughput ratio and how alerts compare. */
final class Figures {

    private Figures() {}

    /** The median; of an even number of values, the mean of the middle two. */
    static double median(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1
                ? sorted.get(mid)
                : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /**
     * A backend's throughput over its runs. A run that did not finish counts as the entries it had
     * read by the timeout over the timeout (all entries if it cannot tell), which is more than it
     * processed: an upper bound; if any run did not finish, the whole figure is only a bound.
     */
    record Throughput(double eventsPerSecond, boolean upperBound, int runs, int finished) {

        static Throughput of(List<BenchJob.Result> results, Duration timeout) {
            List<Double> rates = new ArrayList<>();
            int finished = 0;
            for (BenchJob.Result r : results) {
                if (r.finished()) {
                    finished++;
                    rates.add(r.eventsPerSecond());
                } else {
                    long done = r.read() > 0 ? r.read() : r.events();
                    rates.add(done / (timeout.toNanos() / 1e9));
                }
            }
            return new Throughput(
                    median(rates), finished < results.size(), results.size(), finished);
        }

        String show() {
            return (upperBound ? "< " : "") + String.format(Locale.ROOT, "%,.0f", eventsPerSecond);
        }
    }

    /**
     * The line the bench ends with: RocksDB events/s over heap events/s, two decimals; a bound when
     * a side did not finish, and no figure when neither did.
     */
    static String ratioLine(Throughput heap, Throughput rocksdb) {
        String prefix = "RocksDB/heap throughput ratio: ";
        if (heap.upperBound() && rocksdb.upperBound()) {
            return prefix + "unknown (neither backend finished)";
        }
        double ratio = rocksdb.eventsPerSecond() / heap.eventsPerSecond();
        String x = String.format(Locale.ROOT, "%.2f", ratio);
        if (rocksdb.upperBound()) {
            return prefix + "< " + x + " (RocksDB did not finish)";
        }
        if (heap.upperBound()) {
            return prefix + "> " + x + " (heap did not finish)";
        }
        return prefix + x;
    }

    /** How one run's alerts differ from another's, as sets of {@code "alert_id KIND"}. */
    record Difference(Set<String> missing, Set<String> extra) {

        static Difference between(Set<String> reference, Set<String> other) {
            Set<String> missing = new HashSet<>(reference);
            missing.removeAll(other);
            Set<String> extra = new HashSet<>(other);
            extra.removeAll(reference);
            return new Difference(missing, extra);
        }

        boolean none() {
            return missing.isEmpty() && extra.isEmpty();
        }

        String describe() {
            StringBuilder text =
                    new StringBuilder(
                            String.format(
                                    Locale.ROOT,
                                    "%,d missing, %,d extra",
                                    missing.size(),
                                    extra.size()));
            missing.stream().sorted().limit(3).forEach(m -> text.append("; missing ").append(m));
            extra.stream().sorted().limit(3).forEach(e -> text.append("; extra ").append(e));
            return text.toString();
        }
    }
}
