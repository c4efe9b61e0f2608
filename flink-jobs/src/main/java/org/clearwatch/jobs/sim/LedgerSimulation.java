package org.clearwatch.jobs.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.latedeposit.DepositDeadline;
import org.clearwatch.patterns.latedeposit.LateDeposit;
import org.clearwatch.patterns.latedeposit.LateDepositAlerts;
import org.clearwatch.patterns.latedeposit.ReceiptBook;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;

/**
 * Village ledgers for a few townships: cash receipts at office hours, most banked within days, some
 * late, some partly, some never; a few expenditures and re-sent entries. Seeded, so a run is
 * repeatable, and it knows which receipts must alert: the ground truth the demo and the tests
 * compare with.
 *
 * <p>The plan of each receipt is drawn first (on time, late, partly late, partly never, never); the
 * deposits follow from it. A deposit leaves out {@code covers} only when its receipt is the only
 * one open on the account, so the oldest-first rule cannot place it elsewhere.
 */
public final class LedgerSimulation {

    /** What the late-deposit model must say about one receipt. */
    public record Expected(
            String alertId,
            AlertKind kind,
            long amountFen,
            Instant eventTime,
            String townshipCode,
            String receiptNo) {}

    /** The shape of the run. */
    public record Options(
            long seed,
            int townships,
            int villagesPerTownship,
            LocalDate firstDay,
            int days,
            double receiptsPerWorkingDay,
            double resendRate) {

        public static Options demo(long seed, LocalDate firstDay, int days) {
            return new Options(seed, 3, 4, firstDay, days, 1.2, 0.01);
        }
    }

    private enum Plan {
        ON_TIME,
        LATE,
        PARTLY_LATE,
        PARTLY_NEVER,
        NEVER
    }

    /** County 330299; townships 330299101..; villages <township>001... */
    static final String COUNTY = "330299";

    private final List<LedgerEntry> entries = new ArrayList<>();
    private final List<Expected> expected = new ArrayList<>();

    private LedgerSimulation() {}

    public static LedgerSimulation generate(
            Options options, LateDeposit.Settings settings, WorkingCalendar calendar) {
        LedgerSimulation sim = new LedgerSimulation();
        DepositDeadline deadline = new DepositDeadline(settings, calendar);
        int account = 0;
        for (int t = 1; t <= options.townships(); t++) {
            String township = COUNTY + String.format("%03d", 100 + t);
            for (int v = 1; v <= options.villagesPerTownship(); v++) {
                String village = township + String.format("%03d", v);
                sim.account(
                        options,
                        settings,
                        calendar,
                        deadline,
                        account++,
                        township,
                        village,
                        village + "-01");
            }
        }
        sim.entries.sort(ReceiptBook.ORDER);
        sim.expected.sort(Comparator.comparing(Expected::eventTime));
        return sim;
    }

    /** Every entry, in event-time order (re-sent entries right after their original). */
    public List<LedgerEntry> entries() {
        return entries;
    }

    /** Every alert the model must raise or resolve, over the whole run. */
    public List<Expected> expected() {
        return expected;
    }

    /** The alerts due once event time has reached {@code watermark}. */
    public List<Expected> expectedUpTo(Instant watermark) {
        return expected.stream().filter(e -> !e.eventTime().isAfter(watermark)).toList();
    }

    private static final class Receipt {
        final LedgerEntry entry;
        final Instant due;
        final List<LedgerEntry> deposits = new ArrayList<>();

        Receipt(LedgerEntry entry, Instant due) {
            this.entry = entry;
            this.due = due;
        }

        Instant fullyBankedAt() {
            long paid = 0;
            for (LedgerEntry d : deposits) {
                paid += d.getAmountFen();
                if (paid >= entry.getAmountFen()) {
                    return d.getOccurredAt();
                }
            }
            return Instant.MAX;
        }
    }

    private void account(
            Options options,
            LateDeposit.Settings settings,
            WorkingCalendar calendar,
            DepositDeadline deadline,
            int index,
            String township,
            String village,
            String accountId) {
        SplittableRandom rng = new SplittableRandom(options.seed() * 1_000_003L + index);
        int[] seq = {0};
        List<Receipt> receipts = new ArrayList<>();
        List<LedgerEntry> others = new ArrayList<>();

        for (int d = 0; d < options.days(); d++) {
            LocalDate day = options.firstDay().plusDays(d);
            boolean working = calendar.isWorkingDay(day);
            double rate = options.receiptsPerWorkingDay() * (working ? 1.0 : 0.1);
            Instant opening = WorkingCalendar.startOf(day).plus(Duration.ofMinutes(8 * 60 + 30));
            for (int n = poisson(rng, rate); n > 0; n--) {
                Instant at = opening.plusSeconds(rng.nextLong(9 * 3600));
                long amount = logUniformYuan(rng, 50, 80_000) * 100;
                String receiptNo = "SJ" + String.format("%02d%05d", index % 100, ++seq[0]);
                LedgerEntry receipt =
                        base(accountId, township, village, id(index, seq[0]), at)
                                .setType(LedgerEntryType.CASH_RECEIPT)
                                .setAmountFen(amount)
                                .setReceiptNo(receiptNo)
                                .setCounterparty("村民")
                                .build();
                Receipt r = new Receipt(receipt, deadline.dueAt(at));
                plan(rng, r, seq, index, accountId, township, village);
                receipts.add(r);
            }
            if (working && rng.nextDouble() < 0.4) {
                others.add(
                        base(
                                        accountId,
                                        township,
                                        village,
                                        id(index, ++seq[0]),
                                        opening.plusSeconds(rng.nextLong(9 * 3600)))
                                .setType(LedgerEntryType.EXPENDITURE)
                                .setAmountFen(logUniformYuan(rng, 20, 5_000) * 100)
                                .build());
            }
        }

        for (Receipt r : receipts) {
            entries.add(r.entry);
            for (LedgerEntry deposit : r.deposits) {
                entries.add(withoutCoversIfAlone(deposit, r, receipts, rng));
            }
            expect(r, settings);
        }
        entries.addAll(others);
        List<LedgerEntry> resent = new ArrayList<>();
        for (LedgerEntry e : entries) {
            if (e.getAccountId().equals(accountId) && rng.nextDouble() < options.resendRate()) {
                resent.add(LedgerEntry.newBuilder(e).build());
            }
        }
        entries.addAll(resent);
    }

    private void plan(
            SplittableRandom rng,
            Receipt r,
            int[] seq,
            int index,
            String accountId,
            String township,
            String village) {
        double p = rng.nextDouble();
        Plan plan =
                p < 0.80
                        ? Plan.ON_TIME
                        : p < 0.89
                                ? Plan.LATE
                                : p < 0.93
                                        ? Plan.PARTLY_LATE
                                        : p < 0.96 ? Plan.PARTLY_NEVER : Plan.NEVER;
        Instant at = r.entry.getOccurredAt();
        long amount = r.entry.getAmountFen();
        // On time: the same day or the next; always a minute before the deadline at the latest.
        Instant onTimeLimit = min(r.due.minusSeconds(60), at.plus(Duration.ofHours(30)));
        Instant onTime =
                at.plusSeconds(
                        600
                                + rng.nextLong(
                                        onTimeLimit.getEpochSecond() - at.getEpochSecond() - 600));
        Instant late = r.due.plusSeconds(3600 + rng.nextLong(12L * 86_400));
        long part = Math.max(100, (amount * (30 + rng.nextInt(50)) / 100) / 100 * 100);
        switch (plan) {
            case ON_TIME:
                r.deposits.add(
                        deposit(accountId, township, village, index, seq, onTime, amount, r));
                break;
            case LATE:
                r.deposits.add(deposit(accountId, township, village, index, seq, late, amount, r));
                break;
            case PARTLY_LATE:
                r.deposits.add(deposit(accountId, township, village, index, seq, onTime, part, r));
                r.deposits.add(
                        deposit(accountId, township, village, index, seq, late, amount - part, r));
                break;
            case PARTLY_NEVER:
                r.deposits.add(deposit(accountId, township, village, index, seq, onTime, part, r));
                break;
            default:
                break;
        }
    }

    private LedgerEntry deposit(
            String accountId,
            String township,
            String village,
            int index,
            int[] seq,
            Instant at,
            long amount,
            Receipt r) {
        return base(accountId, township, village, id(index, ++seq[0]), at)
                .setType(LedgerEntryType.BANK_DEPOSIT)
                .setAmountFen(amount)
                .setCovers(List.of(r.entry.getReceiptNo()))
                .build();
    }

    /** Leaves out covers when the oldest-first rule cannot place the deposit anywhere else. */
    private static LedgerEntry withoutCoversIfAlone(
            LedgerEntry deposit, Receipt own, List<Receipt> all, SplittableRandom rng) {
        if (own.deposits.size() != 1 || rng.nextDouble() >= 0.3) {
            return deposit;
        }
        Instant at = deposit.getOccurredAt();
        for (Receipt other : all) {
            boolean openThen =
                    !other.entry.getOccurredAt().isAfter(at) && other.fullyBankedAt().isAfter(at);
            if (other != own && openThen) {
                return deposit;
            }
        }
        return LedgerEntry.newBuilder(deposit).setCovers(null).build();
    }

    private void expect(Receipt r, LateDeposit.Settings settings) {
        long paidInTime = 0;
        for (LedgerEntry d : r.deposits) {
            if (d.getOccurredAt().isBefore(r.due)) {
                paidInTime += d.getAmountFen();
            }
        }
        long outstanding = r.entry.getAmountFen() - paidInTime;
        if (outstanding <= 0) {
            return;
        }
        String alertId = LateDepositAlerts.alertId(r.entry.getAccountId(), r.entry.getEntryId());
        String township = r.entry.getTownshipCode();
        expected.add(
                new Expected(
                        alertId,
                        AlertKind.RAISED,
                        outstanding,
                        r.due,
                        township,
                        r.entry.getReceiptNo()));
        Instant banked = r.fullyBankedAt();
        boolean followed =
                banked.isBefore(r.entry.getOccurredAt().plus(settings.trackingHorizon()));
        if (!banked.equals(Instant.MAX) && followed) {
            expected.add(
                    new Expected(
                            alertId,
                            AlertKind.RESOLVED,
                            outstanding,
                            banked,
                            township,
                            r.entry.getReceiptNo()));
        }
    }

    private static LedgerEntry.Builder base(
            String accountId, String township, String village, String entryId, Instant at) {
        return LedgerEntry.newBuilder()
                .setEntryId(entryId)
                .setAccountId(accountId)
                .setTownshipCode(township)
                .setVillageCode(village)
                .setRecordedBy("P" + Math.abs(accountId.hashCode() % 1000))
                .setOccurredAt(at);
    }

    private static String id(int account, int seq) {
        return String.format("LE-%04d-%06d", account, seq);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static int poisson(SplittableRandom rng, double mean) {
        double limit = Math.exp(-mean);
        double product = rng.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= rng.nextDouble();
            n++;
        }
        return n;
    }

    private static long logUniformYuan(SplittableRandom rng, long low, long high) {
        double exponent = Math.log(low) + rng.nextDouble() * (Math.log(high) - Math.log(low));
        return Math.round(Math.exp(exponent));
    }
}
