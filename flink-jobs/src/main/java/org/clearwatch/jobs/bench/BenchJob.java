package org.clearwatch.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.clearwatch.jobs.cli.UsageException;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.feeds.AvroFrames;
import org.clearwatch.jobs.local.FlinkRest;
import org.clearwatch.jobs.pipeline.JobEnvironment;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.latedeposit.LateDeposit;
import org.clearwatch.patterns.latedeposit.LateDepositModel;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.ref.CalendarDay;

/** One timed run: the workload file through one layout on one state backend, on a MiniCluster. */
final class BenchJob {

    /** Managed memory of the local task manager, as {@code LocalFlink} gives the demo. */
    static final MemorySize MANAGED_MEMORY = MemorySize.ofMebiBytes(256);

    private static final Duration HEARTBEAT = Duration.ofSeconds(30);

    private static final Duration CHECKPOINT_POLL = Duration.ofSeconds(1);

    enum Backend {
        HEAP("heap", ClearwatchConfig.Backend.HASHMAP),
        ROCKSDB("rocksdb", ClearwatchConfig.Backend.ROCKSDB);

        private final String label;
        private final ClearwatchConfig.Backend setting;

        Backend(String label, ClearwatchConfig.Backend setting) {
            this.label = label;
            this.setting = setting;
        }

        String label() {
            return label;
        }

        static Backend parse(String raw) {
            for (Backend b : values()) {
                if (b.label.equals(raw)) {
                    return b;
                }
            }
            throw new UsageException("--backends takes heap and rocksdb, got '" + raw + "'.");
        }
    }

    enum Layout {
        MODEL("model", "the shipped late-deposit: receipt book per account, CEP per receipt"),
        RAW_CEP("raw-cep", "raw ledger entries per account straight into one CEP pattern");

        private final String label;
        private final String description;

        Layout(String label, String description) {
            this.label = label;
            this.description = description;
        }

        String label() {
            return label;
        }

        String description() {
            return description;
        }

        static Layout parse(String raw) {
            for (Layout l : values()) {
                if (l.label.equals(raw)) {
                    return l;
                }
            }
            throw new UsageException("--layout takes model or raw-cep, got '" + raw + "'.");
        }
    }

    /**
     * What one run did. {@code alerts} holds {@code "alert_id KIND"} for every alert produced, in
     * arrival order; it is null when the run did not finish in time. {@code read} is how many
     * ledger entries the source had handed on when the run ended. {@code largestCheckpoint} is the
     * largest completed checkpoint seen while the job ran, null without checkpointing or when none
     * completed.
     */
    record Result(
            Backend backend,
            int round,
            long events,
            long read,
            Duration wall,
            List<String> alerts,
            CheckpointSizes.Completed largestCheckpoint) {

        Result(
                Backend backend,
                int round,
                long events,
                long read,
                Duration wall,
                List<String> alerts) {
            this(backend, round, events, read, wall, alerts, null);
        }

        boolean finished() {
            return alerts != null;
        }

        double eventsPerSecond() {
            return events / (wall.toNanos() / 1e9);
        }
    }

    private BenchJob() {}

    /**
     * The Flink options of a run: the job's own backend options ({@link JobEnvironment}), a local
     * task manager like the demo's, then the bench's RocksDB tuning, then {@code --flink}.
     */
    static Configuration configuration(BenchOptions options, Backend backend, Path runDir) {
        ClearwatchConfig job =
                ClearwatchConfig.defaults(
                        Map.of(
                                ClearwatchConfig.STATE_BACKEND.key(),
                                backend.setting.name().toLowerCase(Locale.ROOT),
                                ClearwatchConfig.PARALLELISM.key(),
                                Integer.toString(options.parallelism())));
        Configuration flink = JobEnvironment.flinkOptions(job);
        flink.set(TaskManagerOptions.NUM_TASK_SLOTS, options.parallelism());
        flink.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED_MEMORY);
        flink.set(RocksDBOptions.LOCAL_DIRECTORIES, runDir.resolve("rocksdb").toString());
        flink.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                runDir.resolve("checkpoints").toUri().toString());
        options.flinkOverrides().forEach(flink::setString);
        return flink;
    }

    static Result run(
            BenchOptions options,
            Workload.Prepared workload,
            Backend backend,
            int round,
            Path runDir,
            PrintStream progress)
            throws Exception {
        deleteRecursively(runDir);
        Files.createDirectories(runDir);
        Configuration flink = configuration(options, backend, runDir);
        boolean checkpointing = options.checkpointInterval() != null;
        int restPort = checkpointing ? FlinkRest.freePort() : -1;
        if (checkpointing) {
            // A known port, so that the watch below can ask the REST API for checkpoint sizes.
            flink.set(RestOptions.BIND_PORT, Integer.toString(restPort));
            flink.set(RestOptions.ADDRESS, "localhost");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(flink);
        env.setParallelism(options.parallelism());
        if (options.checkpointInterval() != null) {
            env.enableCheckpointing(
                    options.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        CloseableIterator<String> results =
                alertKeys(env, options.layout(), workload).collectAsync();

        System.gc();
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicInteger collected = new AtomicInteger();
        AtomicLong read = new AtomicLong();
        AtomicReference<CheckpointSizes.Completed> largest = new AtomicReference<>();
        List<String> alerts = new ArrayList<>();
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        try {
            JobClient client =
                    env.executeAsync(
                            "clearwatch bench: "
                                    + options.layout().label()
                                    + " on "
                                    + backend.label());
            watch.schedule(
                    () -> {
                        read.set(Math.max(read.get(), entriesRead(client)));
                        timedOut.set(true);
                        client.cancel();
                    },
                    options.timeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            watch.scheduleAtFixedRate(
                    () -> {
                        read.set(Math.max(read.get(), entriesRead(client)));
                        progress.printf(
                                Locale.ROOT,
                                "  ... %s: %.0f s, %,d of %,d entries read, %,d alerts so far%n",
                                backend.label(),
                                (System.nanoTime() - started) / 1e9,
                                read.get(),
                                workload.events(),
                                collected.get());
                    },
                    HEARTBEAT.toMillis(),
                    HEARTBEAT.toMillis(),
                    TimeUnit.MILLISECONDS);
            if (checkpointing) {
                String jobId = client.getJobID().toHexString();
                watch.scheduleWithFixedDelay(
                        () ->
                                CheckpointSizes.poll(restPort, jobId)
                                        .ifPresent(
                                                seen ->
                                                        largest.accumulateAndGet(
                                                                seen.withEntriesRead(
                                                                        entriesRead(client)),
                                                                (a, b) -> b.larger(a))),
                        CHECKPOINT_POLL.toMillis(),
                        CHECKPOINT_POLL.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            try (results) {
                while (results.hasNext()) {
                    alerts.add(results.next());
                    collected.incrementAndGet();
                }
                client.getJobExecutionResult().get();
                read.set(workload.events());
            } catch (Exception e) {
                if (!timedOut.get()) {
                    throw e;
                }
            }
        } finally {
            watch.shutdownNow();
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        deleteRecursively(runDir);
        return new Result(
                backend,
                round,
                workload.events(),
                read.get(),
                wall,
                timedOut.get() ? null : alerts,
                largest.get());
    }

    /** The source's count so far; 0 when the job cannot tell yet. */
    private static long entriesRead(JobClient client) {
        try {
            Object count =
                    client.getAccumulators().get(5, TimeUnit.SECONDS).get(ReadCounter.ACCUMULATOR);
            return count instanceof Number n ? n.longValue() : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * Counts what the source hands on, chained to it, so that a run which does not finish still
     * says how far it got (the network buffers downstream hold only a few thousand entries).
     */
    static final class ReadCounter extends RichMapFunction<LedgerEntry, LedgerEntry> {
        private static final long serialVersionUID = 1L;
        static final String ACCUMULATOR = "bench-entries-read";

        private transient LongCounter read;

        @Override
        public void open(OpenContext openContext) {
            read = new LongCounter();
            getRuntimeContext().addAccumulator(ACCUMULATOR, read);
        }

        @Override
        public LedgerEntry map(LedgerEntry entry) {
            read.add(1);
            return entry;
        }
    }

    /** The layout under test, from the workload file to {@code "alert_id KIND"} strings. */
    static DataStream<String> alertKeys(
            StreamExecutionEnvironment env, Layout layout, Workload.Prepared workload) {
        DataStream<LedgerEntry> ledger =
                env.fromSource(
                                FileSource.forRecordStreamFormat(
                                                new AvroFrames.Format<>(LedgerEntry.class),
                                                new org.apache.flink.core.fs.Path(
                                                        workload.frames().toUri()))
                                        .build(),
                                WatermarkStrategy.<LedgerEntry>forMonotonousTimestamps()
                                        .withTimestampAssigner(
                                                (e, previous) -> e.getOccurredAt().toEpochMilli()),
                                "ledger file")
                        .setParallelism(1)
                        .uid("bench-ledger-file")
                        .name("bench: ledger file")
                        .map(new ReadCounter())
                        .setParallelism(1)
                        .uid("bench-entries-read")
                        .name("bench: count entries read");
        LateDeposit.Settings settings = LateDeposit.Settings.defaults();
        if (layout == Layout.RAW_CEP) {
            return RawCepLayout.build(ledger, settings);
        }
        // The shipped calendar, with no ref-calendar records: a stream derived from the ledger
        // that never emits (an empty fromData source fails in Flink 2.2), so its watermark is the
        // ledger's.
        DataStream<CalendarDay> noCalendarRecords =
                ledger.flatMap(BenchJob::noCalendarDays, TypeInformation.of(CalendarDay.class))
                        .uid("bench-no-calendar-records")
                        .name("bench: no calendar records");
        return LateDepositModel.build(ledger, noCalendarRecords, settings, WorkingCalendar.china())
                .map(BenchJob::key)
                .uid("bench-alert-keys")
                .name("bench: alert keys");
    }

    private static void noCalendarDays(LedgerEntry entry, Collector<CalendarDay> out) {}

    static String key(Alert alert) {
        return alert.getAlertId() + " " + alert.getKind();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
