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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.clearwatch.jobs.cli.Args;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.config.Setting;
import org.clearwatch.jobs.local.FlinkRest;
import org.clearwatch.jobs.local.LocalFlink;
import org.clearwatch.jobs.pipeline.ClearwatchJob;
import org.clearwatch.jobs.sim.Scenario;
import org.clearwatch.localkafka.LocalKafka;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.AlertKind;

/**
 * {@code clearwatch demo}: a real Kafka broker, the job on a local Flink with RocksDB and the
 * Prometheus reporter, and every feed of three simulated townships (village ledgers, welfare
 * payouts, official cars and their reference data) with known violations. Prints alerts as they are
 * committed, then, per model, how they compare with what the simulation planted and how long an
 * alert took from the record that triggered it.
 */
public final class DemoCommand {

    public static final String USAGE =
            "demo [--duration 120s] [--days 30] [--seed 7] everything embedded, alerts printed";

    /** The simulated month starts here: it runs through the 2025 National Day holiday. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 9, 15);

    private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(500);

    /** One partition per data feed: its records stay in the order they were sent. */
    private static final int DATA_PARTITIONS = 1;

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
                    "Clearwatch demo: village ledgers, welfare payouts and official cars of 3"
                            + " townships, "
                            + days
                            + " simulated days from "
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
                        kafka.createTopic(name, DATA_PARTITIONS, Map.of());
                    }
                }
                kafka.createTopic("alerts", 2, ClearwatchConfig.ALERTS_TOPIC_CONFIGS);
                kafka.createTopic("feed-rejects", 1, Map.of());
                DemoHistory history = DemoHistory.start(kafka.bootstrapServers(), "alerts", out);
                DemoNotifier notifier = DemoNotifier.start(kafka.bootstrapServers(), "alerts", out);

                ClearwatchConfig config =
                        ClearwatchConfig.defaults(
                                Map.of(
                                        "kafka.bootstrap-servers",
                                        kafka.bootstrapServers(),
                                        "kafka.transactional-id-prefix",
                                        "clearwatch-demo-" + UUID.randomUUID(),
                                        "checkpoint.interval",
                                        CHECKPOINT_INTERVAL.toMillis() + "ms",
                                        // A simulated day passes in seconds: a feed silent for
                                        // two seconds has nothing more to say for hours.
                                        "feeds.idleness",
                                        "2s",
                                        // One subtask per operator: with several, a whole feed
                                        // turning idle and active again every simulated night can
                                        // make the events a book derives late for the pattern
                                        // behind it (see the late-deposit card, known limits).
                                        "job.parallelism",
                                        "1",
                                        "job.name",
                                        "clearwatch-demo"));
                Scenario scenario =
                        Scenario.generate(
                                new Scenario.Options(seed, FIRST_DAY, days),
                                config.models(),
                                WorkingCalendar.china());

                FlinkRest rest = new FlinkRest(FlinkRest.freePort());
                StreamExecutionEnvironment env =
                        LocalFlink.environment(
                                config, prometheusPorts, work.resolve("checkpoints"), rest.port());
                ClearwatchJob.build(env, config, false);
                JobClient job = env.executeAsync("clearwatch-demo");
                out.println(
                        "Flink job "
                                + job.getJobID()
                                + " on a local MiniCluster (RocksDB, incremental checkpoints every "
                                + CHECKPOINT_INTERVAL.toMillis()
                                + " ms); metrics at http://localhost:"
                                + prometheusPorts.split("-")[0]
                                + "/metrics, REST API at http://localhost:"
                                + rest.port()
                                + "/jobs");

                awaitFirstCheckpoint(job, rest);
                AlertPrinter printer = new AlertPrinter(kafka.bootstrapServers(), "alerts", out);
                Thread printing = new Thread(printer, "demo-alert-printer");
                printing.start();

                double speed =
                        (double) Duration.ofDays(days).toMillis()
                                / duration.minus(Duration.ofSeconds(10)).toMillis();
                ScenarioProducer producer =
                        new ScenarioProducer(
                                kafka.bootstrapServers(),
                                feed -> config.get(ClearwatchConfig.FEED_TOPICS.get(feed.feed())),
                                scenario.publications(),
                                scenario.start(),
                                speed,
                                seed);
                Thread producing = new Thread(producer, "demo-feed");
                out.println(
                        "Feeding "
                                + scenario.publications().size()
                                + " records ("
                                + perFeed(scenario)
                                + "); alerts appear as each checkpoint commits them:");
                out.println();
                long deadline = System.currentTimeMillis() + duration.toMillis();
                producing.start();

                boolean cut =
                        interrupted.await(
                                Math.max(0, deadline - System.currentTimeMillis() - 10_000),
                                TimeUnit.MILLISECONDS);
                producer.stop();
                producing.join(10_000);
                if (!cut) {
                    // Idle feeds stop holding event time back and checkpoints commit the last
                    // alerts: wait until they stop coming, before the job stops.
                    awaitQuiet(
                            printer,
                            config.get(ClearwatchConfig.IDLENESS)
                                    .plus(CHECKPOINT_INTERVAL.multipliedBy(2))
                                    .plusMillis(500),
                            Duration.ofSeconds(15),
                            interrupted);
                }
                printer.stop();
                printing.join(5_000);
                notifier.finish(
                        out,
                        Duration.ofSeconds(10),
                        printer.received(),
                        alert ->
                                !Scenario.DEADLINE_MODELS.contains(alert.getModelId())
                                        && DemoSummary.triggerPublishedAt(
                                                        alert, producer::publishedAt)
                                                == null);
                job.cancel().get(30, TimeUnit.SECONDS);

                Duration slack = config.get(ClearwatchConfig.MAX_OUT_OF_ORDERNESS);
                summary(
                        scenario,
                        printer.received(),
                        producer,
                        model ->
                                producer.eventTimeReachedEverywhere(
                                                config.get(
                                                        ClearwatchConfig.FEED_TOPICS.get(
                                                                Scenario.dataFeedOf(model).feed())))
                                        .minus(slack)
                                        .minusMillis(1));
                history.reportAndStop(out);
            } finally {
                deleteQuietly(work);
            }
            return 0;
        }

        /** Waits until the job runs, so that the first records are not timed from before it. */
        /**
         * Waits until the job has completed its first checkpoint: every task is then running, and
         * the feed starts on a job that has taken and committed a checkpoint once (the first one of
         * a fresh JVM takes several times longer than the ones after it).
         */
        private static void awaitFirstCheckpoint(JobClient job, FlinkRest rest) throws Exception {
            long end = System.currentTimeMillis() + 60_000;
            String id = job.getJobID().toHexString();
            while (rest.completedCheckpoints(id) < 1) {
                JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
                if (status.isGloballyTerminalState()) {
                    throw new IllegalStateException("the demo job ended at its start: " + status);
                }
                if (System.currentTimeMillis() > end) {
                    throw new IllegalStateException(
                            "the demo job completed no checkpoint within 60 s (job "
                                    + status
                                    + ")");
                }
                Thread.sleep(100);
            }
        }

        /**
         * Waits at least {@code quiet}, and then until no alert arrived for {@code quiet}, at most
         * {@code atMost} in all.
         */
        private static void awaitQuiet(
                AlertPrinter printer, Duration quiet, Duration atMost, CountDownLatch interrupted)
                throws InterruptedException {
            long end = System.currentTimeMillis() + atMost.toMillis();
            int count = printer.received().size();
            long lastChange = System.currentTimeMillis();
            while (System.currentTimeMillis() < end
                    && System.currentTimeMillis() - lastChange < quiet.toMillis()) {
                if (interrupted.await(250, TimeUnit.MILLISECONDS)) {
                    return;
                }
                int now = printer.received().size();
                if (now != count) {
                    count = now;
                    lastChange = System.currentTimeMillis();
                }
            }
        }

        private static String perFeed(Scenario scenario) {
            Map<String, Integer> counts = new TreeMap<>();
            for (Scenario.Publication p : scenario.publications()) {
                counts.merge(
                        p.feed().isReference() ? "reference" : p.feed().name(), 1, Integer::sum);
            }
            return counts.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
        }

        private void summary(
                Scenario scenario,
                List<AlertPrinter.Received> received,
                ScenarioProducer producer,
                Function<String, Instant> checkedUpTo) {
            out.println();
            out.println("Summary");
            Map<AlertKind, Integer> byKind = new TreeMap<>();
            Map<String, Integer> byTownship = new TreeMap<>();
            for (AlertPrinter.Received r : received) {
                byKind.merge(r.alert().getKind(), 1, Integer::sum);
                if (r.alert().getKind() == AlertKind.RAISED) {
                    byTownship.merge(r.alert().getTownshipCode(), 1, Integer::sum);
                }
            }
            out.printf(
                    "  records sent: %d (and %d malformed records, which go to feed-rejects)%n",
                    producer.sent(), producer.malformed());
            out.println("  alerts: " + byKind + "; raised by township: " + byTownship);

            Set<String> models = new TreeSet<>(scenario.modelIds());
            received.forEach(r -> models.add(r.alert().getModelId()));
            List<DemoSummary.ModelLine> lines =
                    DemoSummary.lines(
                            models,
                            scenario.expected(),
                            received,
                            checkedUpTo,
                            producer::publishedAt,
                            model -> !Scenario.DEADLINE_MODELS.contains(model));
            out.println(
                    "  ground truth, per model (alerts whose event time the job's watermark has"
                            + " passed):");
            out.printf(
                    "    %-24s %7s %5s %7s %10s %10s   %s%n",
                    "model",
                    "planted",
                    "seen",
                    "missing",
                    "unexpected",
                    "duplicated",
                    "record published -> alert readable");
            for (DemoSummary.ModelLine line : lines) {
                out.printf(
                        "    %-24s %7d %5d %7d %10d %10d   %s%n",
                        line.modelId(),
                        line.planted(),
                        line.seen(),
                        line.missing(),
                        line.unexpected(),
                        line.duplicated(),
                        Scenario.DEADLINE_MODELS.contains(line.modelId())
                                ? "deadline model: raised when its deadline passes"
                                : delays(line.delaysMillis()));
            }
            out.println(
                    "  event-triggered models together: " + delays(DemoSummary.allDelays(lines)));
            out.println(
                    "  (delay: from the broker acknowledging the alert's last evidence record to the"
                            + " alert being read with read_committed; the backlog published at the"
                            + " start is not timed)");
            Set<String> missingKeys = new HashSet<>();
            Set<String> seenKeys = new HashSet<>();
            received.forEach(r -> seenKeys.add(r.alert().getAlertId() + "/" + r.alert().getKind()));
            scenario.expected().stream()
                    .filter(e -> !e.eventTime().isAfter(checkedUpTo.apply(e.modelId())))
                    .filter(e -> !seenKeys.contains(e.key()))
                    .limit(5)
                    .forEach(e -> missingKeys.add(e.key()));
            missingKeys.forEach(k -> out.println("    missing: " + k));
        }

        private static String delays(List<Long> sorted) {
            if (sorted.isEmpty()) {
                return "no alert measured";
            }
            return String.format(
                    Locale.ROOT,
                    "p50 %.2f s, p99 %.2f s over %d alerts",
                    DemoSummary.percentile(sorted, 50) / 1000.0,
                    DemoSummary.percentile(sorted, 99) / 1000.0,
                    sorted.size());
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
