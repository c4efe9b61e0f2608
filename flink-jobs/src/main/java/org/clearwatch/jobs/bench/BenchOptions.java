package org.clearwatch.jobs.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clearwatch.jobs.bench.BenchJob.Backend;
import org.clearwatch.jobs.bench.BenchJob.Layout;
import org.clearwatch.jobs.cli.Args;
import org.clearwatch.jobs.cli.UsageException;

/** The bench's command line, typed and checked, with the defaults of each layout. */
record BenchOptions(
        Kind kind,
        int vehicles,
        int beneficiaries,
        int months,
        Layout layout,
        List<Backend> backends,
        Workload.Spec workload,
        int parallelism,
        int repeat,
        Duration timeout,
        Duration checkpointInterval,
        Path workdir,
        Map<String, String> flinkOverrides,
        boolean help) {

    /**
     * What is measured: late-deposit over a ledger, the three vehicle models over GPS pings, or the
     * four payout models over bank payouts.
     */
    enum Kind {
        LEDGER,
        GPS,
        PAYOUT;

        static Kind parse(String raw) {
            for (Kind k : values()) {
                if (k.name().toLowerCase(java.util.Locale.ROOT).equals(raw)) {
                    return k;
                }
            }
            throw new UsageException("--workload takes ledger, gps or payout, got '" + raw + "'.");
        }
    }

    /** The GPS workload's default: ten thousand official cars, a tenth of a province's. */
    static final int GPS_VEHICLES = 10_000;

    /** The GPS workload's default days: one week, 2025-09-22 to 28 (a make-up Sunday included). */
    static final int GPS_DAYS = 7;

    /** The payout workload's default: a hundredth of a province's ten million beneficiaries. */
    static final int PAYOUT_BENEFICIARIES = 100_000;

    /** The payout workload's default months: January to September 2025, as the demo pays. */
    static final int PAYOUT_MONTHS = 9;

    /**
     * The payout simulation needs four months (a death, the registry, payouts stopping) and works
     * out its collector cases within one account-holder window (12 months by default).
     */
    static final int MIN_PAYOUT_MONTHS = 4;

    static final int MAX_PAYOUT_MONTHS = 12;

    /** Options each workload takes besides {@code --workload} and {@code --help}. */
    static final List<String> GPS_OPTIONS =
            List.of(
                    "vehicles",
                    "days",
                    "first-day",
                    "seed",
                    "backends",
                    "parallelism",
                    "repeat",
                    "checkpoint-interval",
                    "workdir");

    static final List<String> PAYOUT_OPTIONS =
            List.of(
                    "beneficiaries",
                    "months",
                    "seed",
                    "backends",
                    "parallelism",
                    "repeat",
                    "checkpoint-interval",
                    "workdir");

    static final LocalDate FIRST_DAY = LocalDate.of(2025, 9, 22);

    /** Three weeks around National Day: Golden Week and two make-up working days included. */
    static final int DAYS = 21;

    static final double RECEIPTS_PER_WORKING_DAY = 0.4;

    /** The shipped layout's workload: over a million events on a hundred thousand accounts. */
    static final int MODEL_ACCOUNTS = 100_000;

    /** Raw CEP on RocksDB is far slower, so it gets a smaller workload of the same shape. */
    static final int RAW_CEP_ACCOUNTS = 2_000;

    static final Duration MODEL_TIMEOUT = Duration.ofMinutes(30);
    static final Duration RAW_CEP_TIMEOUT = Duration.ofMinutes(5);

    static final Set<String> OPTIONS =
            Set.of(
                    "workload",
                    "vehicles",
                    "beneficiaries",
                    "months",
                    "layout",
                    "backends",
                    "accounts",
                    "days",
                    "first-day",
                    "receipts-per-day",
                    "seed",
                    "parallelism",
                    "repeat",
                    "timeout",
                    "checkpoint-interval",
                    "workdir",
                    "flink");
    static final Set<String> FLAGS = Set.of("help");

    static final String HELP =
            String.join(
                    "\n",
                    "Usage: ./clearwatch bench [options]",
                    "Runs late-deposit over a generated ledger on a local MiniCluster, once with the"
                            + " heap (hashmap)",
                    "and once with the RocksDB state backend, and compares their throughput and"
                            + " alerts.",
                    "",
                    "  --workload ledger|gps|payout",
                    "                             ledger: late-deposit (default); gps: the three"
                            + " vehicle models",
                    "                             (off-hours-vehicle, restricted-zone-visit,"
                            + " out-of-jurisdiction)",
                    "                             over VehicleSimulation's pings; payout: the four"
                            + " payout models",
                    "                             (repeated-payout, deceased-beneficiary,"
                            + " official-beneficiary,",
                    "                             account-holder-mismatch) over PayoutSimulation's"
                            + " payouts; both",
                    "                             run as replay runs them",
                    "  --vehicles N               gps: official cars (default "
                            + GPS_VEHICLES
                            + "; --days default "
                            + GPS_DAYS
                            + ")",
                    "  --beneficiaries N          payout: people paid (default "
                            + PAYOUT_BENEFICIARIES
                            + ")",
                    "  --months N                 payout: months paid from January 2025, "
                            + MIN_PAYOUT_MONTHS
                            + " to "
                            + MAX_PAYOUT_MONTHS
                            + " (default "
                            + PAYOUT_MONTHS
                            + ")",
                    "  --layout model|raw-cep     model: the shipped late-deposit (default);"
                            + " raw-cep: raw ledger",
                    "                             entries straight into one CEP pattern, for"
                            + " comparison",
                    "  --backends LIST            heap,rocksdb (default); one of them alone for"
                            + " profiling",
                    "  --accounts N               village accounts (default "
                            + MODEL_ACCOUNTS
                            + "; raw-cep "
                            + RAW_CEP_ACCOUNTS
                            + ")",
                    "  --days N                   days of ledger (default " + DAYS + ")",
                    "  --first-day DATE           first day (default " + FIRST_DAY + ")",
                    "  --receipts-per-day X       cash receipts per account and working day"
                            + " (default "
                            + RECEIPTS_PER_WORKING_DAY
                            + ")",
                    "  --seed N                   simulation seed (default 1)",
                    "  --parallelism N            job parallelism (default 2)",
                    "  --repeat N                 runs per backend, order alternating; the median"
                            + " is reported (default 1)",
                    "  --timeout D                a run is cancelled after D (default "
                            + MODEL_TIMEOUT.toMinutes()
                            + "m; raw-cep "
                            + RAW_CEP_TIMEOUT.toMinutes()
                            + "m)",
                    "  --checkpoint-interval D    checkpoint every D (default: off) and report"
                            + " the largest",
                    "                             checkpoint's full size per account, vehicle or"
                            + " beneficiary",
                    "  --workdir DIR              workload cache and RocksDB files (default"
                            + " flink-jobs/target/bench)",
                    "  --flink K=V[,K=V...]       extra Flink options for every run, to try"
                            + " tuning");

    static BenchOptions parse(String[] argv) {
        Args args = Args.parse("bench", argv, OPTIONS, FLAGS);
        if (!args.positional().isEmpty()) {
            throw new UsageException(
                    "bench takes no positional arguments, got '" + args.positional().get(0) + "'.");
        }
        Kind kind = Kind.parse(args.string("workload", "ledger"));
        Layout layout = Layout.parse(args.string("layout", Layout.MODEL.label()));
        boolean model = layout == Layout.MODEL;
        onlyOptionsOf(kind, args);
        Workload.Spec spec =
                new Workload.Spec(
                        args.number("seed", 1, 0, Long.MAX_VALUE / 2_000_000L),
                        (int)
                                args.number(
                                        "accounts",
                                        model ? MODEL_ACCOUNTS : RAW_CEP_ACCOUNTS,
                                        1,
                                        Workload.MAX_ACCOUNTS),
                        date(args, "first-day", FIRST_DAY),
                        (int) args.number("days", kind == Kind.GPS ? GPS_DAYS : DAYS, 1, 366),
                        decimal(args, "receipts-per-day", RECEIPTS_PER_WORKING_DAY, 0.01, 20));
        Duration timeout = args.duration("timeout", model ? MODEL_TIMEOUT : RAW_CEP_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new UsageException("--timeout must be longer than zero.");
        }
        Duration checkpoints = args.duration("checkpoint-interval", null);
        if (checkpoints != null && checkpoints.toMillis() < 10) {
            throw new UsageException("--checkpoint-interval must be at least 10ms.");
        }
        return new BenchOptions(
                kind,
                (int) args.number("vehicles", GPS_VEHICLES, 1, GpsBench.MAX_VEHICLES),
                (int)
                        args.number(
                                "beneficiaries",
                                PAYOUT_BENEFICIARIES,
                                1,
                                PayoutBench.MAX_BENEFICIARIES),
                (int) args.number("months", PAYOUT_MONTHS, MIN_PAYOUT_MONTHS, MAX_PAYOUT_MONTHS),
                layout,
                backends(args.string("backends", "heap,rocksdb")),
                spec,
                (int) args.number("parallelism", 2, 1, 64),
                (int) args.number("repeat", 1, 1, 25),
                timeout,
                checkpoints,
                args.has("workdir") ? Path.of(args.string("workdir", null)) : null,
                flinkOverrides(args.string("flink", "")),
                args.flag("help"));
    }

    /** Refuses an option that the workload does not read, naming the ones it does. */
    private static void onlyOptionsOf(Kind kind, Args args) {
        if (kind == Kind.LEDGER) {
            if (args.has("vehicles")) {
                throw new UsageException("--vehicles goes with --workload gps.");
            }
            for (String payoutOnly : List.of("beneficiaries", "months")) {
                if (args.has(payoutOnly)) {
                    throw new UsageException("--" + payoutOnly + " goes with --workload payout.");
                }
            }
            return;
        }
        List<String> accepted = kind == Kind.GPS ? GPS_OPTIONS : PAYOUT_OPTIONS;
        for (String option : OPTIONS) {
            if (args.has(option) && !option.equals("workload") && !accepted.contains(option)) {
                List<String> named = accepted.stream().map(o -> "--" + o).toList();
                throw new UsageException(
                        "--workload "
                                + kind.name().toLowerCase(java.util.Locale.ROOT)
                                + " takes "
                                + String.join(", ", named.subList(0, named.size() - 1))
                                + " and "
                                + named.get(named.size() - 1)
                                + " only, not --"
                                + option
                                + ".");
            }
        }
    }

    /** Backends in the order of the first round; later rounds alternate it. */
    List<Backend> order(int round) {
        List<Backend> order = new ArrayList<>(backends);
        if (round % 2 == 1) {
            java.util.Collections.reverse(order);
        }
        return order;
    }

    static List<Backend> backends(String raw) {
        List<Backend> backends = new ArrayList<>();
        for (String name : raw.split(",", -1)) {
            Backend backend = Backend.parse(name.trim());
            if (backends.contains(backend)) {
                throw new UsageException("--backends names " + backend.label() + " twice.");
            }
            backends.add(backend);
        }
        return List.copyOf(backends);
    }

    static Map<String, String> flinkOverrides(String raw) {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (raw.isBlank()) {
            return overrides;
        }
        for (String pair : raw.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new UsageException(
                        "--flink takes key=value pairs separated by commas, got '" + pair + "'.");
            }
            overrides.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return overrides;
    }

    private static LocalDate date(Args args, String name, LocalDate fallback) {
        String raw = args.string(name, null);
        if (raw == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    "--" + name + " must be a date such as 2025-09-22, got '" + raw + "'.");
        }
    }

    private static double decimal(Args args, String name, double fallback, double min, double max) {
        String raw = args.string(name, null);
        if (raw == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new UsageException(
                "--"
                        + name
                        + " must be a number from "
                        + min
                        + " to "
                        + max
                        + ", got '"
                        + raw
                        + "'.");
    }
}
