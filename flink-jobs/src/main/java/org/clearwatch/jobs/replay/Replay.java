package org.clearwatch.jobs.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobListener;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.feeds.AvroFrames;
import org.clearwatch.jobs.feeds.Feed;
import org.clearwatch.jobs.feeds.FeedSources;
import org.clearwatch.jobs.pipeline.ClearwatchPipeline;
import org.clearwatch.jobs.pipeline.JobEnvironment;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelInputs;
import org.clearwatch.patterns.model.ModelInputs.FeedName;
import org.clearwatch.schema.alert.Alert;

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

    /**
     * @param records the usable records of each feed, in any order
     * @param calendar the working calendar, with the replay files' calendar records applied
     */
    public static List<Alert> run(
            Map<FeedName, List<? extends SpecificRecordBase>> records,
            WorkingCalendar calendar,
            ClearwatchConfig config,
            Instant until)
            throws Exception {
        return run(records, calendar, config, until, new Configuration(), null);
    }

    /**
     * The same replay, for the bench: {@code flinkOptions} go over the job's own (checkpointing, a
     * known REST port), and {@code listener}, if not null, hears of the job once it is submitted.
     */
    public static List<Alert> run(
            Map<FeedName, List<? extends SpecificRecordBase>> records,
            WorkingCalendar calendar,
            ClearwatchConfig config,
            Instant until,
            Configuration flinkOptions,
            JobListener listener)
            throws Exception {
        Path dir = Files.createTempDirectory("clearwatch-replay");
        try {
            Configuration flink = JobEnvironment.flinkOptions(config);
            flink.addAll(flinkOptions);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(flink);
            env.setParallelism(config.get(ClearwatchConfig.PARALLELISM));
            if (listener != null) {
                env.registerJobListener(listener);
            }

            ModelInputs.Builder inputs = ModelInputs.builder(calendar);
            for (Feed<?> feed : Feed.ALL) {
                fromFile(inputs, env, feed, records.getOrDefault(feed.feed(), List.of()), dir);
            }
            DataStream<Alert> alerts = ClearwatchPipeline.alerts(inputs.build(), config.models());

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

    /** Offers the feed to the models as a time-ordered file, written if a model asks for it. */
    private static <T extends SpecificRecordBase> void fromFile(
            ModelInputs.Builder inputs,
            StreamExecutionEnvironment env,
            Feed<T> feed,
            List<? extends SpecificRecordBase> records,
            Path dir) {
        inputs.feed(
                feed.feed(),
                () -> {
                    Path file = dir.resolve(feed.uidPrefix() + ".frames");
                    writeSorted(feed, records, file);
                    return env.fromSource(
                                    FileSource.forRecordStreamFormat(
                                                    new AvroFrames.Format<>(feed.type()),
                                                    new org.apache.flink.core.fs.Path(file.toUri()))
                                            .build(),
                                    FeedSources.fileWatermarks(feed),
                                    feed.name() + " file")
                            .setParallelism(1)
                            .uid(feed.uidPrefix() + "-file")
                            .name(feed.name() + " file");
                });
    }

    private static <T extends SpecificRecordBase> void writeSorted(
            Feed<T> feed, List<? extends SpecificRecordBase> records, Path file) {
        List<T> sorted = new ArrayList<>();
        records.forEach(r -> sorted.add(feed.type().cast(r)));
        sorted.sort(
                Comparator.comparing(
                        feed::eventTime, Comparator.nullsFirst(Comparator.naturalOrder())));
        try (AvroFrames.Writer writer = new AvroFrames.Writer(file)) {
            for (T record : sorted) {
                writer.write(record);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot write the replay input " + file, e);
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
