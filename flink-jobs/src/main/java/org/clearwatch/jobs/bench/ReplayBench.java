package org.clearwatch.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.clearwatch.jobs.bench.BenchJob.Backend;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.local.FlinkRest;
import org.clearwatch.jobs.replay.Replay;
import org.clearwatch.jobs.sim.ExpectedAlert;
import org.clearwatch.patterns.Models;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelInputs.FeedName;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.schema.alert.Alert;

/**
 * The GPS and payout benches' common part: a generated workload run as {@code clearwatch replay}
 * runs it ({@link Replay#run}: records written to time-ordered files, the real pipeline on a local
 * Flink, alerts collected), some models alone, once per backend and round. The wall time covers
 * writing those files, starting the local cluster and the job. With {@code --checkpoint-interval}
 * the run checkpoints to the work directory and the bench keeps the largest completed checkpoint,
 * as the ledger bench does.
 */
final class ReplayBench {

    private static final Duration CHECKPOINT_POLL = Duration.ofSeconds(1);

    /**
     * What one bench measures. {@code source} names the file source of the data feed (its count of
     * records sent says how far a checkpoint was); {@code entity} and {@code entities} name what
     * the state is divided by; {@code truth} holds the simulation's {@code "alert_id KIND"}.
     */
    record Workload(
            Set<String> models,
            Map<FeedName, List<? extends SpecificRecordBase>> records,
            long events,
            String eventNoun,
            String source,
            int entityCount,
            String entity,
            String entities,
            Set<String> truth) {}

    /** One run: its wall time, its alerts and the largest checkpoint (null when none). */
    record Outcome(Duration wall, Set<String> alerts, CheckpointSizes.Completed largest) {}

    private ReplayBench() {}

    /** The simulation's ground truth as the runs' alerts are compared with it: id and kind. */
    static Set<String> groundTruth(List<ExpectedAlert> expected) {
        return expected.stream().map(e -> e.alertId() + " " + e.kind()).collect(Collectors.toSet());
    }

    /** How the runs use Flink, for the report's header. */
    static String flinkLine(BenchOptions options) {
        return "flink: as replay runs it (JobEnvironment's options, local environment), parallelism "
                + options.parallelism()
                + ", checkpointing "
                + (options.checkpointInterval() == null
                        ? "off"
                        : "every " + options.checkpointInterval().toMillis() + " ms");
    }

    /** Runs every round on every backend, prints each run and the summary; 1 on any failure. */
    static int measure(BenchOptions options, Workload workload, PrintStream out, PrintStream err)
            throws Exception {
        Path runDir =
                (options.workdir() != null ? options.workdir() : BenchCommand.defaultWorkdir())
                        .resolve("run");
        Map<Backend, List<Double>> rates = new EnumMap<>(Backend.class);
        Map<Backend, Set<String>> alerts = new EnumMap<>(Backend.class);
        boolean failed = false;
        int n = 0;
        int runs = options.repeat() * options.backends().size();
        for (int round = 0; round < options.repeat(); round++) {
            for (Backend backend : options.order(round)) {
                n++;
                err.printf(Locale.ROOT, "run %d/%d: %s ...%n", n, runs, backend.label());
                Outcome outcome = runOnce(options, workload, backend, runDir);
                double rate = workload.events() / (outcome.wall().toNanos() / 1e9);
                rates.computeIfAbsent(backend, b -> new ArrayList<>()).add(rate);
                Set<String> before = alerts.putIfAbsent(backend, outcome.alerts());
                if (before != null && !before.equals(outcome.alerts())) {
                    failed = true;
                    out.println(
                            "FAILED: "
                                    + backend.label()
                                    + " round "
                                    + (round + 1)
                                    + " differs from its first round: "
                                    + Figures.Difference.between(before, outcome.alerts())
                                            .describe());
                }
                out.printf(
                        Locale.ROOT,
                        "run %d/%d  %-7s %,d %s in %.1f s = %,.0f %s/s, %,d alerts%n",
                        n,
                        runs,
                        backend.label(),
                        workload.events(),
                        workload.eventNoun(),
                        outcome.wall().toNanos() / 1e9,
                        rate,
                        workload.eventNoun(),
                        outcome.alerts().size());
                if (options.checkpointInterval() != null) {
                    out.println(
                            "         "
                                    + CheckpointSizes.stateLine(
                                            backend.label(),
                                            outcome.largest(),
                                            workload.events(),
                                            workload.eventNoun(),
                                            workload.entityCount(),
                                            workload.entity(),
                                            workload.entities()));
                }
            }
        }
        out.println();
        Map<Backend, Double> medians = new EnumMap<>(Backend.class);
        rates.forEach((b, r) -> medians.put(b, Figures.median(r)));
        medians.forEach(
                (b, r) ->
                        out.printf(
                                Locale.ROOT,
                                "%-8s median %,.0f %s/s over %d run(s)%n",
                                b.label(),
                                r,
                                workload.eventNoun(),
                                rates.get(b).size()));
        Set<String> reference = alerts.values().iterator().next();
        for (Map.Entry<Backend, Set<String>> e : alerts.entrySet()) {
            Figures.Difference d = Figures.Difference.between(reference, e.getValue());
            if (!d.none()) {
                failed = true;
                out.println("FAILED: " + e.getKey().label() + " differs: " + d.describe());
            }
        }
        Figures.Difference t = Figures.Difference.between(workload.truth(), reference);
        if (t.none()) {
            out.printf(
                    Locale.ROOT,
                    "alerts: %,d, equal to the simulation's ground truth.%n",
                    reference.size());
        } else {
            failed = true;
            out.println(
                    "FAILED: the alerts differ from the simulation's ground truth: "
                            + t.describe());
        }
        if (medians.containsKey(Backend.HEAP) && medians.containsKey(Backend.ROCKSDB)) {
            out.printf(
                    Locale.ROOT,
                    "RocksDB/heap throughput ratio: %.2f%n",
                    medians.get(Backend.ROCKSDB) / medians.get(Backend.HEAP));
        }
        return failed ? 1 : 0;
    }

    private static Outcome runOnce(
            BenchOptions options, Workload workload, Backend backend, Path runDir)
            throws Exception {
        boolean checkpointing = options.checkpointInterval() != null;
        Configuration flink = new Configuration();
        int restPort = -1;
        if (checkpointing) {
            deleteRunDir(runDir);
            restPort = FlinkRest.freePort();
            flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, options.checkpointInterval());
            flink.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    runDir.resolve("checkpoints").toUri().toString());
            flink.set(RocksDBOptions.LOCAL_DIRECTORIES, runDir.resolve("rocksdb").toString());
            // A known port, so that the watch below can ask the REST API for checkpoint sizes.
            flink.set(RestOptions.BIND_PORT, Integer.toString(restPort));
            flink.set(RestOptions.ADDRESS, "localhost");
        }
        AtomicReference<CheckpointSizes.Completed> largest = new AtomicReference<>();
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
        int port = restPort;
        JobListener listener =
                !checkpointing
                        ? null
                        : new JobListener() {
                            @Override
                            public void onJobSubmitted(JobClient client, Throwable error) {
                                if (client != null) {
                                    watchCheckpoints(
                                            watch,
                                            port,
                                            client.getJobID().toHexString(),
                                            workload.source(),
                                            largest);
                                }
                            }

                            @Override
                            public void onJobExecuted(JobExecutionResult result, Throwable error) {}
                        };
        long started = System.nanoTime();
        List<Alert> result;
        try {
            result =
                    Replay.run(
                            workload.records(),
                            WorkingCalendar.china(),
                            config(options, backend, workload.models()),
                            null,
                            flink,
                            listener);
        } finally {
            watch.shutdownNow();
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        if (checkpointing) {
            deleteRunDir(runDir);
        }
        Set<String> keys =
                result.stream().map(BenchJob::key).collect(Collectors.toCollection(HashSet::new));
        return new Outcome(wall, keys, largest.get());
    }

    /**
     * Flink may still be discarding subsumed checkpoints when the run returns, so files vanish
     * under the walk: try again a few times, then leave the rest for the next run to delete.
     */
    private static void deleteRunDir(Path runDir) throws InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                BenchJob.deleteRecursively(runDir);
                return;
            } catch (IOException | UncheckedIOException e) {
                Thread.sleep(500);
            }
        }
    }

    private static void watchCheckpoints(
            ScheduledExecutorService watch,
            int port,
            String jobId,
            String source,
            AtomicReference<CheckpointSizes.Completed> largest) {
        watch.scheduleWithFixedDelay(
                () ->
                        CheckpointSizes.poll(port, jobId)
                                .filter(
                                        seen ->
                                                largest.get() == null
                                                        || seen.stateSize()
                                                                > largest.get().stateSize())
                                .ifPresent(
                                        seen ->
                                                largest.set(
                                                        seen.withEntriesRead(
                                                                CheckpointSizes.pollRecordsSent(
                                                                        port, jobId, source)))),
                CHECKPOINT_POLL.toMillis(),
                CHECKPOINT_POLL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** These models alone, on this backend, at the bench's parallelism. */
    static ClearwatchConfig config(BenchOptions options, Backend backend, Set<String> models) {
        Map<String, String> settings = new HashMap<>();
        settings.put(
                ClearwatchConfig.STATE_BACKEND.key(),
                backend == Backend.HEAP ? "hashmap" : "rocksdb");
        settings.put(ClearwatchConfig.PARALLELISM.key(), Integer.toString(options.parallelism()));
        for (SupervisionModel model : Models.ALL) {
            if (!models.contains(model.spec().id())) {
                settings.put("models." + model.spec().id() + ".enabled", "false");
            }
        }
        return ClearwatchConfig.defaults(settings);
    }
}
