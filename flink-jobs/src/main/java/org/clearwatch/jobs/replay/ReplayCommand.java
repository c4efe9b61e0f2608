package org.clearwatch.jobs.replay;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;
import org.clearwatch.jobs.cli.Args;
import org.clearwatch.jobs.cli.UsageException;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.feeds.Feed;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelInputs.FeedName;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.ref.CalendarDay;

/**
 * {@code clearwatch replay FILE... [--until TIME] [--config FILE]}: JSON Lines in, alert JSON Lines
 * out on stdout; everything else on stderr.
 */
public final class ReplayCommand {

    public static final String USAGE =
            "replay FILE... [--until TIME] [--config FILE]   run the models over JSON Lines files";

    private ReplayCommand() {}

    public static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse("replay", argv, Set.of("until", "config"), Set.of());
        Instant untilOption = args.instant("until");
        if (args.positional().isEmpty()) {
            throw new UsageException("replay needs at least one JSON Lines file.");
        }
        List<Path> files = new ArrayList<>();
        for (String file : args.positional()) {
            files.add(Args.existingFile(file, "Input file"));
        }
        ClearwatchConfig config =
                args.has("config")
                        ? ClearwatchConfig.load(
                                Args.existingFile(
                                        args.string("config", null), "Configuration file"),
                                System.getenv())
                        : ClearwatchConfig.defaults(Map.of("state.backend", "hashmap"));

        ReplayInput input = new JsonLinesReader().read(files);
        input.errors().forEach(err::println);
        if (input.errorCount() > input.errors().size()) {
            err.println(
                    "... and "
                            + (input.errorCount() - input.errors().size())
                            + " more unreadable lines");
        }

        Map<FeedName, List<? extends SpecificRecordBase>> usable = new EnumMap<>(FeedName.class);
        int invalid = 0;
        for (Feed<?> feed : Feed.ALL) {
            List<SpecificRecordBase> valid = new ArrayList<>();
            invalid += keepValid(feed, recordsOf(input, feed.feed()), valid, err);
            usable.put(feed.feed(), valid);
        }
        WorkingCalendar calendar = WorkingCalendar.china();
        for (CalendarDay day : input.calendarDays()) {
            calendar = calendar.with(day.getDate(), day.getKind());
        }

        Instant until = untilOption != null ? untilOption : input.maxEventTime().orElse(null);
        boolean anyData =
                !usable.get(FeedName.LEDGER).isEmpty()
                        || !usable.get(FeedName.PAYOUTS).isEmpty()
                        || !usable.get(FeedName.GPS).isEmpty();
        List<Alert> alerts = anyData ? Replay.run(usable, calendar, config, until) : List.of();
        for (Alert alert : alerts) {
            out.println(AlertJson.toJsonLine(alert));
        }
        out.flush();

        Map<AlertKind, Integer> byKind = new EnumMap<>(AlertKind.class);
        alerts.forEach(a -> byKind.merge(a.getKind(), 1, Integer::sum));
        err.printf(
                "replay: %d lines, %d records used, %d unreadable, %d invalid; %d alerts %s up to %s%n",
                input.linesRead(),
                usable.values().stream().mapToInt(List::size).sum(),
                input.errorCount(),
                invalid,
                alerts.size(),
                byKind,
                until == null ? "-" : AlertJson.formatTime(until));
        return 0;
    }

    private static <T extends SpecificRecordBase> int keepValid(
            Feed<T> feed,
            List<? extends SpecificRecordBase> records,
            List<SpecificRecordBase> valid,
            PrintStream err) {
        int invalid = 0;
        for (SpecificRecordBase record : records) {
            T typed = feed.type().cast(record);
            Optional<String> problem = feed.check(typed);
            if (problem.isPresent()) {
                invalid++;
                String id = feed.id(typed);
                err.println(
                        feed.name()
                                + " record"
                                + (id == null ? "" : " " + id)
                                + " skipped: "
                                + problem.get());
            } else {
                valid.add(record);
            }
        }
        return invalid;
    }

    private static List<? extends SpecificRecordBase> recordsOf(ReplayInput input, FeedName feed) {
        switch (feed) {
            case LEDGER:
                return input.ledgerEntries();
            case PAYOUTS:
                return input.payouts();
            case GPS:
                return input.gpsPings();
            case DEATHS:
                return input.deaths();
            case OFFICIALS:
                return input.officials();
            case VEHICLES:
                return input.vehicles();
            case DISPATCHES:
                return input.dispatches();
            case ZONES:
                return input.zones();
            default:
                return input.calendarDays();
        }
    }
}
