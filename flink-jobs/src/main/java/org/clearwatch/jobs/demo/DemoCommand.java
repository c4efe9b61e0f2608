package org.clearwatch.jobs.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.clearwatch.jobs.cli.Args;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.config.Setting;
import org.clearwatch.jobs.local.LocalFlink;
import org.clearwatch.jobs.pipeline.ClearwatchJob;
import org.clearwatch.jobs.sim.LedgerSimulation;
import org.clearwatch.localkafka.LocalKafka;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.latedeposit.LateDeposit;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;

/**
 * {@code clearwatch demo}: a real Kafka broker, the job on a local Flink with RocksDB and the
 * Prometheus reporter, and simulated village ledgers with known violations. Prints alerts as they
 * are committed, then how they compare with what the simulation planted.
 */
public final class DemoCommand {

    public static final String USAGE =
            "demo [--duration 120s] [--days 30] [--seed 7] everything embedded, alerts printed";

    /** The simulated month starts here: it runs through the 2025 National Day holiday. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 9, 15);

    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    private static final int LEDGER_PARTITIONS = 2;

    private DemoCommand() {}

    public static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Args args =
                Args.parse(
                        "demo",
                        argv,
                        Set.of("duration", "days", "seed", "prometheus-port"),
                        Set.of());
        Duration duration = args.duration("duration", Duration.ofSeconds(120));
        if (duration.compareTo(Duration.ofSeconds(30)) < 0) {
            throw new org.clearwatch.jobs.cli.UsageException(
                    "--duration must be at least 30s: the broker and the job need a moment to start.");
        }
        int days = (int) args.number("days", 30, 5, 365);
        long seed = args.number("seed", 7, 0, Long.MAX_VALUE);
        String prometheusPorts = args.string("prometheus-port", "9249-9259");

        CountDownLatch interrupted = new CountDownLatch(1);
        StopSignal.onInterrupt(interrupted::countDown);
        return new DemoRun(out, err, duration, days, seed, prometheusPorts).run(interrupted);
    }

    private static final class DemoRun {
        private final PrintStream out;
        private final PrintStream err;
        private final Duration duration;
        private final int days;
        private final long seed;
        private final String prometheusPorts;

        DemoRun(
                PrintStream out,
                PrintStream err,
                Duration duration,
                int days,
                long seed,
                String prometheusPorts) {
            this.out = out;
            this.err = err;
            this.duration = duration;
            this.days = days;
            this.seed = seed;
            this.prometheusPorts = prometheusPorts;
        }

        int run(CountDownLatch interrupted) throws Exception {
            Path work = Files.createTempDirectory("clearwatch-demo");
            out.println(
                    "Clearwatch demo: village ledgers of 3 townships, "
                            + days
                            + " simulated days"
                            + " from "
                            + FIRST_DAY
                            + " in "
                            + duration.toSeconds()
                            + " s.");
            try (LocalKafka kafka = LocalKafka.start()) {
                out.println("Kafka broker (KRaft) on " + kafka.bootstrapServers());
                for (Setting<String> topic : ClearwatchConfig.FEED_TOPICS.values()) {
                    String name = topic.defaultValue();
                    if (name.startsWith("ref-")) {
                        kafka.createTopic(name, 1, Map.of("cleanup.policy", "compact"));
                    } else {
                        kafka.createTopic(
                                name,
                                name.equals("ledger-entries") ? LEDGER_PARTITIONS : 2,
                                Map.of());
                    }
                }
                kafka.createTopic("alerts", 2, Map.of());
                kafka.createTopic("feed-rejects", 1, Map.of());

                ClearwatchConfig config =
                        ClearwatchConfig.defaults(
                                Map.of(
                                        "kafka.bootstrap-servers",
                                        kafka.bootstrapServers(),
                                        "kafka.transactional-id-prefix",
                                        "clearwatch-demo-" + UUID.randomUUID(),
                                        "checkpoint.interval",
                                        "2s",
                                        "job.name",
                                        "clearwatch-demo"));
                LateDeposit.Settings settings =
                        LateDeposit.Settings.of(config.models().get(LateDeposit.ID));
                WorkingCalendar calendar = WorkingCalendar.china();
                LedgerSimulation sim =
                        LedgerSimulation.generate(
                                LedgerSimulation.Options.demo(seed, FIRST_DAY, days),
                                settings,
                                calendar);

                StreamExecutionEnvironment env =
                        LocalFlink.environment(
                                config, prometheusPorts, work.resolve("checkpoints"));
                ClearwatchJob.build(env, config, false);
                JobClient job = env.executeAsync("clearwatch-demo");
                out.println(
                        "Flink job "
                                + job.getJobID()
                                + " on a local MiniCluster (RocksDB, incremental checkpoints every "
                                + CHECKPOINT_INTERVAL.toSeconds()
                                + " s); metrics at http://localhost:"
                                + prometheusPorts.split("-")[0]
                                + "/metrics");

                AlertPrinter printer = new AlertPrinter(kafka.bootstrapServers(), "alerts", out);
                Thread printing = new Thread(printer, "demo-alert-printer");
                printing.start();

                Instant simStart = WorkingCalendar.startOf(FIRST_DAY);
                double speed =
                        (double) Duration.ofDays(days).toMillis()
                                / duration.minus(Duration.ofSeconds(10)).toMillis();
                FeedProducer producer =
                        new FeedProducer(
                                kafka.bootstrapServers(),
                                "ledger-entries",
                                sim.entries(),
                                simStart,
                                speed,
                                seed);
                Thread producing = new Thread(producer, "demo-feed");
                out.println(
                        "Feeding "
                                + sim.entries().size()
                                + " ledger entries; alerts appear as each checkpoint commits them:");
                out.println();
                long deadline = System.currentTimeMillis() + duration.toMillis();
                producing.start();

                interrupted.await(
                        Math.max(0, deadline - System.currentTimeMillis() - 4000),
                        TimeUnit.MILLISECONDS);
                producer.stop();
                producing.join(10_000);
                // Two checkpoints, so the last alerts are committed before the job stops.
                Thread.sleep(2 * CHECKPOINT_INTERVAL.toMillis() + 500);
                printer.stop();
                printing.join(5_000);
                job.cancel().get(30, TimeUnit.SECONDS);

                Instant watermark =
                        producer.eventTimeReachedEverywhere(LEDGER_PARTITIONS)
                                .minus(config.get(ClearwatchConfig.MAX_OUT_OF_ORDERNESS))
                                .minusMillis(1);
                summary(sim, printer.seen(), producer, watermark, settings);
            } finally {
                deleteQuietly(work);
            }
            return 0;
        }

        private void summary(
                LedgerSimulation sim,
                List<Alert> seen,
                FeedProducer producer,
                Instant watermark,
                LateDeposit.Settings settings) {
            out.println();
            out.println("Summary");
            Map<AlertKind, Integer> byKind = new TreeMap<>();
            Map<String, Integer> byTownship = new TreeMap<>();
            for (Alert alert : seen) {
                byKind.merge(alert.getKind(), 1, Integer::sum);
                if (alert.getKind() == AlertKind.RAISED) {
                    byTownship.merge(alert.getTownshipCode(), 1, Integer::sum);
                }
            }
            out.printf(
                    "  entries sent: %d (and %d malformed records, which go to feed-rejects)%n",
                    producer.sent(), producer.malformed());
            out.println("  alerts: " + byKind + "; raised by township: " + byTownship);

            // What the job's final watermark had reached: everything due by then must be there.
            Instant settled = watermark;
            Set<String> expected = new HashSet<>();
            sim.expectedUpTo(settled).forEach(e -> expected.add(e.alertId() + "/" + e.kind()));
            Set<String> got = new HashSet<>();
            seen.stream()
                    .filter(a -> !a.getEventTime().isAfter(settled))
                    .forEach(a -> got.add(a.getAlertId() + "/" + a.getKind()));
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(got);
            Set<String> unexpected = new HashSet<>(got);
            unexpected.removeAll(expected);
            int duplicates =
                    seen.size()
                            - (int)
                                    seen.stream()
                                            .map(a -> a.getAlertId() + "/" + a.getKind())
                                            .distinct()
                                            .count();
            out.printf(
                    "  ground truth up to %s: %d alerts planted, %d seen, %d missing, %d"
                            + " unexpected, %d duplicated%n",
                    settled.atZone(WorkingCalendar.ZONE).toLocalDateTime().withNano(0),
                    expected.size(),
                    expected.size() - missing.size(),
                    missing.size(),
                    unexpected.size(),
                    duplicates);
            sim.expected().stream()
                    .filter(e -> missing.contains(e.alertId() + "/" + e.kind()))
                    .sorted(Comparator.comparing(LedgerSimulation.Expected::eventTime))
                    .limit(5)
                    .forEach(e -> out.println("    missing: " + e));
            out.println(
                    "  deadline: "
                            + settings.deadlineDays()
                            + (settings.workingDays() ? " working days" : " days")
                            + " after the day of receipt (statutory holidays and 调休 from the calendar)");
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // best effort: a temp dir
        }
    }
}
