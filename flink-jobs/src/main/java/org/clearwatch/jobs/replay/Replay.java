package org.clearwatch.jobs.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.feeds.AvroFrames;
import org.clearwatch.jobs.pipeline.ClearwatchPipeline;
import org.clearwatch.jobs.pipeline.JobEnvironment;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.latedeposit.ReceiptBook;
import org.clearwatch.patterns.model.ModelInputs;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.LedgerEntry;

/**
 * Runs the models over recorded feeds, in event time, on a local Flink: the backtest behind {@code
 * clearwatch replay}. Alerts whose event time is after {@code until} are left out, which is the
 * same as not letting any timer past {@code until} fire: every alert is stamped with the event time
 * that triggered it.
 */
public final class Replay {

    /** Alerts in a stable order: by event time, then id, then kind. */
    public static final Comparator<Alert> ORDER =
            Comparator.comparing(Alert::getEventTime)
                    .thenComparing(Alert::getAlertId)
                    .thenComparing(Alert::getKind);

    private Replay() {}

    public static List<Alert> run(
            List<LedgerEntry> ledger,
            WorkingCalendar calendar,
            ClearwatchConfig config,
            Instant until)
            throws Exception {
        Path dir = Files.createTempDirectory("clearwatch-replay");
        try {
            Path ledgerFile = dir.resolve("ledger.frames");
            writeSorted(ledger, ledgerFile);

            Configuration flink = JobEnvironment.flinkOptions(config);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(flink);
            env.setParallelism(config.get(ClearwatchConfig.PARALLELISM));

            DataStream<LedgerEntry> entries =
                    env.fromSource(
                                    FileSource.forRecordStreamFormat(
                                                    new AvroFrames.Format<>(LedgerEntry.class),
                                                    new org.apache.flink.core.fs.Path(
                                                            ledgerFile.toUri()))
                                            .build(),
                                    WatermarkStrategy.<LedgerEntry>forMonotonousTimestamps()
                                            .withTimestampAssigner(
                                                    (e, previous) ->
                                                            e.getOccurredAt().toEpochMilli()),
                                    "ledger file")
                            .setParallelism(1)
                            .uid("ledger-file")
                            .name("ledger file");

            DataStream<Alert> alerts =
                    ClearwatchPipeline.alerts(new ModelInputs(entries, calendar), config.models());

            List<Alert> result = new ArrayList<>();
            try (CloseableIterator<Alert> it = alerts.executeAndCollect("clearwatch replay")) {
                while (it.hasNext()) {
                    Alert alert = it.next();
                    if (until == null || !alert.getEventTime().isAfter(until)) {
                        result.add(alert);
                    }
                }
            }
            result.sort(ORDER);
            return result;
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void writeSorted(List<LedgerEntry> ledger, Path file) throws IOException {
        List<LedgerEntry> sorted = new ArrayList<>(ledger);
        sorted.sort(ReceiptBook.ORDER);
        try (AvroFrames.Writer writer = new AvroFrames.Writer(file)) {
            for (LedgerEntry entry : sorted) {
                writer.write(entry);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is not worth failing a replay for
        }
    }
}
