package org.clearwatch.jobs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.zip.CRC32;
import org.apache.avro.SchemaNormalization;
import org.clearwatch.jobs.feeds.AvroFrames;
import org.clearwatch.jobs.sim.LedgerSimulation;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.latedeposit.LateDeposit;
import org.clearwatch.patterns.latedeposit.LateDepositAlerts;
import org.clearwatch.patterns.latedeposit.ReceiptBook;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;

/**
 * The bench's input: a simulated ledger of many village accounts, generated once and kept as a file
 * of Avro frames in event-time order, so that the timed runs only read it.
 *
 * <p>{@link LedgerSimulation} numbers accounts from the first township on each call, and its
 * re-send step scans everything generated so far for each account, so it is called once per
 * township (a few hundred accounts) with its own seed, and the codes and entry ids are then moved
 * to that township's place. The simulation's ground truth moves with them: the file of expected
 * {@code (alert_id, kind)} pairs lets each run check the model's alerts, not only compare the two
 * backends.
 */
final class Workload {

    /** Bump when the way a workload is derived from its spec changes: old files are not reused. */
    static final int FORMAT = 1;

    static final double RESEND_RATE = 0.01;

    /** Township codes are 9 digits: county 330299, then 101..999. */
    static final int MAX_TOWNSHIPS = 899;

    static final int MIN_VILLAGES_PER_TOWNSHIP = 250;
    static final int MAX_VILLAGES_PER_TOWNSHIP = 999;
    static final int MAX_ACCOUNTS = 800_000;

    private static final String COUNTY = "330299";

    /** What is generated: one account per village. */
    record Spec(
            long seed, int accounts, LocalDate firstDay, int days, double receiptsPerWorkingDay) {

        int villagesPerTownship() {
            int needed = (accounts + MAX_TOWNSHIPS - 1) / MAX_TOWNSHIPS;
            return Math.max(MIN_VILLAGES_PER_TOWNSHIP, needed);
        }

        int townships() {
            return (accounts + villagesPerTownship() - 1) / villagesPerTownship();
        }

        /**
         * A file name that changes with everything the generated file depends on: the spec, the
         * model settings the simulation plans deadlines with, the simulation's own code and the
         * record schema.
         */
        String cacheKey(LateDeposit.Settings settings) {
            CRC32 crc = new CRC32();
            String fixed =
                    FORMAT
                            + "|"
                            + RESEND_RATE
                            + "|"
                            + settings
                            + "|"
                            + SchemaNormalization.parsingFingerprint64(
                                    LedgerEntry.getClassSchema());
            crc.update(fixed.getBytes(StandardCharsets.UTF_8));
            crc.update(classBytes(LedgerSimulation.class));
            return String.format(
                    Locale.ROOT,
                    "ledger-a%d-d%d-%s-r%s-s%d-%08x",
                    accounts,
                    days,
                    firstDay.toString().replace("-", ""),
                    Double.toString(receiptsPerWorkingDay),
                    seed,
                    crc.getValue());
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%,d accounts (%d townships), %d days from %s, %s receipts per account and"
                            + " working day, seed %d",
                    accounts,
                    townships(),
                    days,
                    firstDay,
                    Double.toString(receiptsPerWorkingDay),
                    seed);
        }
    }

    /** A workload on disk. */
    record Prepared(Path frames, Path expectedFile, long events, int accounts, int expectedAlerts) {

        /** The simulation's ground truth: {@code "alert_id KIND"} strings. */
        Set<String> expected() {
            try {
                return new HashSet<>(Files.readAllLines(expectedFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Workload() {}

    /** The cached workload for this spec, generating it first when there is none. */
    static Prepared prepare(
            Spec spec,
            Path dir,
            LateDeposit.Settings settings,
            WorkingCalendar calendar,
            PrintStream progress)
            throws IOException {
        String key = spec.cacheKey(settings);
        Path frames = dir.resolve(key + ".frames");
        Path expected = dir.resolve(key + ".expected");
        Path meta = dir.resolve(key + ".properties");
        if (Files.isRegularFile(frames) && Files.isRegularFile(expected) && Files.exists(meta)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            progress.println("workload: cached " + frames);
            return new Prepared(
                    frames,
                    expected,
                    Long.parseLong(p.getProperty("events")),
                    Integer.parseInt(p.getProperty("accounts")),
                    Integer.parseInt(p.getProperty("expected-alerts")));
        }
        Files.createDirectories(dir);
        return generate(spec, settings, calendar, frames, expected, meta, progress);
    }

    private static Prepared generate(
            Spec spec,
            LateDeposit.Settings settings,
            WorkingCalendar calendar,
            Path frames,
            Path expectedFile,
            Path meta,
            PrintStream progress)
            throws IOException {
        long started = System.nanoTime();
        long lastReport = started;
        int perTownship = spec.villagesPerTownship();
        int townships = spec.townships();
        List<LedgerEntry> entries = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        progress.printf(
                Locale.ROOT,
                "workload: generating %s (once; later runs reuse the file)%n",
                spec.describe());
        for (int t = 0; t < townships; t++) {
            int villages = Math.min(perTownship, spec.accounts() - t * perTownship);
            LedgerSimulation sim =
                    LedgerSimulation.generate(
                            new LedgerSimulation.Options(
                                    townshipSeed(spec.seed(), t),
                                    1,
                                    villages,
                                    spec.firstDay(),
                                    spec.days(),
                                    spec.receiptsPerWorkingDay(),
                                    RESEND_RATE),
                            settings,
                            calendar);
            relocate(sim, t, perTownship, entries, expected);
            long now = System.nanoTime();
            if (now - lastReport > Duration.ofSeconds(5).toNanos() || t == townships - 1) {
                lastReport = now;
                progress.printf(
                        Locale.ROOT,
                        "workload: %3d%%  %d/%d townships, %,d events, %.0f s%n",
                        (t + 1) * 100 / townships,
                        t + 1,
                        townships,
                        entries.size(),
                        (now - started) / 1e9);
            }
        }
        progress.printf(
                Locale.ROOT, "workload: sorting %,d events by event time%n", entries.size());
        entries.sort(ReceiptBook.ORDER);
        expected.sort(null);

        // Written under temporary names and moved into place: an interrupted run leaves no file
        // that a later run would mistake for a whole workload.
        Path framesTmp = temporary(frames);
        Path expectedTmp = temporary(expectedFile);
        Path metaTmp = temporary(meta);
        try (AvroFrames.Writer writer = new AvroFrames.Writer(framesTmp)) {
            for (LedgerEntry entry : entries) {
                writer.write(entry);
            }
        }
        Files.write(expectedTmp, expected, StandardCharsets.UTF_8);
        Properties p = new Properties();
        p.setProperty("spec", spec.toString());
        p.setProperty("events", Long.toString(entries.size()));
        p.setProperty("accounts", Integer.toString(spec.accounts()));
        p.setProperty("expected-alerts", Integer.toString(expected.size()));
        try (Writer out = Files.newBufferedWriter(metaTmp, StandardCharsets.UTF_8)) {
            p.store(out, "clearwatch bench workload");
        }
        Files.move(framesTmp, frames, StandardCopyOption.REPLACE_EXISTING);
        Files.move(expectedTmp, expectedFile, StandardCopyOption.REPLACE_EXISTING);
        Files.move(metaTmp, meta, StandardCopyOption.REPLACE_EXISTING);
        progress.printf(
                Locale.ROOT,
                "workload: wrote %s (%,d MiB) in %.0f s%n",
                frames,
                Files.size(frames) >> 20,
                (System.nanoTime() - started) / 1e9);
        return new Prepared(frames, expectedFile, entries.size(), spec.accounts(), expected.size());
    }

    /** Distinct for every (seed, township), as the simulation adds the account index below. */
    static long townshipSeed(long seed, int township) {
        return seed * 1_000_033L + township;
    }

    /** The 9-digit code of the township with this 0-based index. */
    static String townshipCode(int township) {
        return COUNTY + (101 + township);
    }

    /**
     * Moves one simulated township (always generated as the first township of the county) to its
     * place: its codes, account ids and entry ids become those of township {@code township}, and
     * the ground-truth alert ids, which hash account and entry id, follow.
     */
    static void relocate(
            LedgerSimulation sim,
            int township,
            int perTownship,
            List<LedgerEntry> entries,
            List<String> expected) {
        String code = townshipCode(township);
        Map<String, String> codes = new HashMap<>();
        Map<String, String> alertIds = new HashMap<>();
        for (LedgerEntry entry : sim.entries()) {
            String oldAccount = entry.getAccountId();
            String oldEntry = entry.getEntryId();
            String account = codes.computeIfAbsent(oldAccount, a -> code + a.substring(9));
            String village =
                    codes.computeIfAbsent(entry.getVillageCode(), v -> code + v.substring(9));
            String entryId = globalEntryId(oldEntry, township, perTownship);
            if (entry.getType() == LedgerEntryType.CASH_RECEIPT) {
                alertIds.put(
                        LateDepositAlerts.alertId(oldAccount, oldEntry),
                        LateDepositAlerts.alertId(account, entryId));
            }
            entry.setAccountId(account);
            entry.setVillageCode(village);
            entry.setTownshipCode(code);
            entry.setEntryId(entryId);
            entries.add(entry);
        }
        for (LedgerSimulation.Expected e : sim.expected()) {
            expected.add(alertIds.get(e.alertId()) + " " + e.kind());
        }
    }

    /**
     * Entry ids are unique across accounts (the schema says so): {@code LE-<account>-<seq>} with
     * the account's index in the whole workload instead of in its township.
     */
    static String globalEntryId(String simulated, int township, int perTownship) {
        int dash = simulated.lastIndexOf('-');
        int local = Integer.parseInt(simulated.substring(3, dash));
        return String.format(
                Locale.ROOT,
                "LE-%06d-%s",
                township * perTownship + local,
                simulated.substring(dash + 1));
    }

    private static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    private static byte[] classBytes(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
