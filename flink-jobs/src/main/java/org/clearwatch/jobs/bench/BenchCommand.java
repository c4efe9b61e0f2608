package org.clearwatch.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.clearwatch.jobs.bench.BenchJob.Backend;
import org.clearwatch.jobs.bench.BenchJob.Layout;
import org.clearwatch.jobs.bench.BenchJob.Result;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.latedeposit.LateDeposit;

/**
 * {@code clearwatch bench}: late-deposit over a generated ledger on a local MiniCluster, with the
 * heap and the RocksDB state backend in one run, and the ratio of their throughput; with {@code
 * --workload gps} or {@code payout} the vehicle or payout models instead ({@link GpsBench}, {@link
 * PayoutBench}). Results go to stdout, progress to stderr. Exit code 1 when the backends disagree
 * about the alerts, or when the shipped layout did not finish in time.
 */
public final class BenchCommand {
    public static final String USAGE =
            "bench [--workload ledger|gps|payout] [OPTIONS]  RocksDB vs heap throughput and state";

    private BenchCommand() {}

    public static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        BenchOptions options = BenchOptions.parse(argv);
        if (options.help()) {
            out.println(BenchOptions.HELP);
            return 0;
        }
        if (options.kind() == BenchOptions.Kind.GPS) {
            return GpsBench.run(options, out, err);
        }
        if (options.kind() == BenchOptions.Kind.PAYOUT) {
            return PayoutBench.run(options, out, err);
        }
        Path workdir = options.workdir() != null ? options.workdir() : defaultWorkdir();
        LateDeposit.Settings settings = LateDeposit.Settings.defaults();

        out.println(
                "Clearwatch bench: late-deposit, layout "
                        + options.layout().label()
                        + " ("
                        + options.layout().description()
                        + ")");
        out.println("machine: " + machine());
        Workload.Prepared workload =
                Workload.prepare(
                        options.workload(),
                        workdir.resolve("workloads"),
                        settings,
                        WorkingCalendar.china(),
                        err);
        out.printf(
                Locale.ROOT,
                "workload: %s; %,d ledger events, %,d alerts in the simulation's ground truth%n",
                options.workload().describe(),
                workload.events(),
                workload.expectedAlerts());
        out.println("flink: " + flinkSummary(options));
        out.println();

        Map<Backend, List<Result>> results = new EnumMap<>(Backend.class);
        int runs = options.repeat() * options.backends().size();
        int n = 0;
        for (int round = 0; round < options.repeat(); round++) {
            for (Backend backend : options.order(round)) {
                n++;
                err.printf(Locale.ROOT, "run %d/%d: %s ...%n", n, runs, backend.label());
                Result r =
                        BenchJob.run(
                                options, workload, backend, round, workdir.resolve("run"), err);
                results.computeIfAbsent(backend, b -> new ArrayList<>()).add(r);
                out.println(runLine(n, runs, r, options));
                if (options.checkpointInterval() != null) {
                    out.println(
                            "         "
                                    + CheckpointSizes.stateLine(
                                            backend.label(),
                                            r.largestCheckpoint(),
                                            workload.events(),
                                            workload.accounts()));
                }
            }
        }
        out.println();
        return report(options, workload, results, out);
    }

    private static int report(
            BenchOptions options,
            Workload.Prepared workload,
            Map<Backend, List<Result>> results,
            PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%-8s %5s %12s %12s %14s %10s%n",
                "backend",
                "runs",
                "events",
                "median s",
                "median ev/s",
                "alerts");
        Map<Backend, Figures.Throughput> throughput = new EnumMap<>(Backend.class);
        for (Map.Entry<Backend, List<Result>> e : results.entrySet()) {
            Figures.Throughput t = Figures.Throughput.of(e.getValue(), options.timeout());
            throughput.put(e.getKey(), t);
            List<Double> walls =
                    e.getValue().stream()
                            .map(r -> r.finished() ? r.wall().toNanos() / 1e9 : Double.NaN)
                            .toList();
            out.printf(
                    Locale.ROOT,
                    "%-8s %5d %,12d %12s %14s %10s%n",
                    e.getKey().label(),
                    t.runs(),
                    workload.events(),
                    t.upperBound()
                            ? "> " + options.timeout().toSeconds()
                            : String.format(Locale.ROOT, "%.1f", Figures.median(walls)),
                    t.show(),
                    alertCount(e.getValue()));
        }
        out.println();

        boolean failed = !checkAlerts(options, workload, results, out);
        if (options.layout() == Layout.MODEL
                && throughput.values().stream().anyMatch(Figures.Throughput::upperBound)) {
            out.println(
                    "FAILED: the shipped layout did not finish within --timeout "
                            + options.timeout().toMinutes()
                            + "m.");
            failed = true;
        }
        if (throughput.containsKey(Backend.HEAP) && throughput.containsKey(Backend.ROCKSDB)) {
            out.println(
                    Figures.ratioLine(
                            throughput.get(Backend.HEAP), throughput.get(Backend.ROCKSDB)));
        }
        return failed ? 1 : 0;
    }

    /**
     * Every finished run must produce the same set of (alert_id, kind); the shipped layout's is
     * also compared with the simulation's ground truth, which is reported but not a failure of the
     * bench.
     */
    private static boolean checkAlerts(
            BenchOptions options,
            Workload.Prepared workload,
            Map<Backend, List<Result>> results,
            PrintStream out) {
        List<Result> finished =
                results.values().stream().flatMap(List::stream).filter(Result::finished).toList();
        if (finished.isEmpty()) {
            out.println("alerts: no run finished, so none could be compared.");
            return true;
        }
        Result reference = finished.get(0);
        Set<String> expected = new HashSet<>(reference.alerts());
        boolean same = true;
        for (Result r : finished.subList(1, finished.size())) {
            Figures.Difference d = Figures.Difference.between(expected, new HashSet<>(r.alerts()));
            if (!d.none()) {
                same = false;
                out.printf(
                        Locale.ROOT,
                        "FAILED: %s (round %d) differs from %s (round %d): %s%n",
                        r.backend().label(),
                        r.round() + 1,
                        reference.backend().label(),
                        reference.round() + 1,
                        d.describe());
            }
        }
        Set<Backend> compared = finished.stream().map(Result::backend).collect(Collectors.toSet());
        if (same) {
            out.printf(
                    Locale.ROOT,
                    "alerts: %s produced the same set of %,d (alert_id, kind) pairs%s.%n",
                    finished.size() == 1 ? "the one finished run" : "all finished runs",
                    expected.size(),
                    compared.size() == 2 ? " (heap = RocksDB)" : "");
        }
        if (options.layout() == Layout.MODEL) {
            Figures.Difference truth = Figures.Difference.between(workload.expected(), expected);
            out.println(
                    truth.none()
                            ? "alerts: they equal the simulation's ground truth."
                            : "alerts: WARNING, they differ from the simulation's ground truth: "
                                    + truth.describe());
        }
        return same;
    }

    private static String alertCount(List<Result> runs) {
        return runs.stream()
                .filter(Result::finished)
                .map(r -> String.format(Locale.ROOT, "%,d", r.alerts().size()))
                .distinct()
                .reduce((a, b) -> a + "/" + b)
                .orElse("-");
    }

    private static String runLine(int n, int runs, Result r, BenchOptions options) {
        if (!r.finished()) {
            return String.format(
                    Locale.ROOT,
                    "run %d/%d  %-7s %,d events: did not finish in %s (cancelled after reading"
                            + " %,d, %d%%)",
                    n,
                    runs,
                    r.backend().label(),
                    r.events(),
                    humanDuration(options),
                    r.read(),
                    r.read() * 100 / r.events());
        }
        return String.format(
                Locale.ROOT,
                "run %d/%d  %-7s %,d events in %.1f s = %,.0f events/s, %,d alerts",
                n,
                runs,
                r.backend().label(),
                r.events(),
                r.wall().toNanos() / 1e9,
                r.eventsPerSecond(),
                r.alerts().size());
    }

    private static String humanDuration(BenchOptions options) {
        long s = options.timeout().toSeconds();
        return s % 60 == 0 ? (s / 60) + " min" : s + " s";
    }

    private static String flinkSummary(BenchOptions options) {
        StringBuilder text =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "local MiniCluster, parallelism %d, managed memory %s, checkpointing"
                                        + " %s, timeout %s",
                                options.parallelism(),
                                BenchJob.MANAGED_MEMORY.getMebiBytes() + " MiB",
                                options.checkpointInterval() == null
                                        ? "off"
                                        : "every "
                                                + options.checkpointInterval().toMillis()
                                                + " ms",
                                humanDuration(options)));
        text.append("\nrocksdb: as the job configures it (JobEnvironment)");
        if (!options.flinkOverrides().isEmpty()) {
            text.append("\n--flink: ").append(pairs(options.flinkOverrides()));
        }
        return text.toString();
    }

    private static String pairs(Map<String, String> options) {
        return options.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String machine() {
        Runtime rt = Runtime.getRuntime();
        String cpu = cpuModel();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(
                Locale.ROOT,
                "%d cores%s, max heap %.1f GiB, Java %s (%s), %s %s, load average %.2f at start",
                rt.availableProcessors(),
                cpu.isEmpty() ? "" : " (" + cpu + ")",
                rt.maxMemory() / (double) (1L << 30),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                load);
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * {@code flink-jobs/target/bench} when running from the build's classes (the launcher), else a
     * directory under the system's temporary directory.
     */
    static Path defaultWorkdir() {
        try {
            Path classes =
                    Path.of(
                            BenchCommand.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            if (Files.isDirectory(classes)
                    && classes.getParent() != null
                    && classes.getParent().getFileName().toString().equals("target")) {
                return classes.getParent().resolve("bench");
            }
        } catch (URISyntaxException | RuntimeException e) {
            // falls back to the temporary directory
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "clearwatch-bench");
    }
}
