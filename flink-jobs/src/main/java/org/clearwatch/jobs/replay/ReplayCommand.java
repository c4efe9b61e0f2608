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
import org.clearwatch.jobs.cli.Args;
import org.clearwatch.jobs.cli.UsageException;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.feeds.RecordChecks;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.LedgerEntry;
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

        List<LedgerEntry> ledger = new ArrayList<>();
        int invalid = 0;
        for (LedgerEntry entry : input.ledgerEntries()) {
            Optional<String> problem = RecordChecks.ledger(entry);
            if (problem.isPresent()) {
                invalid++;
                err.println("ledger entry " + entry.getEntryId() + " skipped: " + problem.get());
            } else {
                ledger.add(entry);
            }
        }
        WorkingCalendar calendar = WorkingCalendar.china();
        for (CalendarDay day : input.calendarDays()) {
            calendar = calendar.with(day.getDate(), day.getKind());
        }

        Instant until = untilOption != null ? untilOption : input.maxEventTime().orElse(null);
        List<Alert> alerts =
                ledger.isEmpty() ? List.of() : Replay.run(ledger, calendar, config, until);
        for (Alert alert : alerts) {
            out.println(AlertJson.toJsonLine(alert));
        }
        out.flush();

        Map<AlertKind, Integer> byKind = new EnumMap<>(AlertKind.class);
        alerts.forEach(a -> byKind.merge(a.getKind(), 1, Integer::sum));
        err.printf(
                "replay: %d lines, %d ledger entries used, %d unreadable, %d invalid; %d alerts %s"
                        + " up to %s%n",
                input.linesRead(),
                ledger.size(),
                input.errorCount(),
                invalid,
                alerts.size(),
                byKind,
                until == null ? "-" : AlertJson.formatTime(until));
        if (!input.payouts().isEmpty() || !input.gpsPings().isEmpty()) {
            err.println(
                    "replay: payout and gps records were read; no enabled model reads them yet.");
        }
        return 0;
    }
}
