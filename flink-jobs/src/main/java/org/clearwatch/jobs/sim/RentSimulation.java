package org.clearwatch.jobs.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.clearwatch.patterns.calendar.DayDeadline;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.rentarrears.RentArrears;
import org.clearwatch.patterns.rentarrears.RentArrearsAlerts;
import org.clearwatch.patterns.rentarrears.RentBook;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;

/**
 * Village lease contracts (land, fishponds, shops) with monthly, quarterly or annual rent: most
 * dues paid within the grace period (a few in advance), some late, some in part, and some lessees
 * who stop paying; a few re-sent entries. Seeded, so a run is repeatable, and it knows which dues
 * must alert: the ground truth the tests compare with.
 *
 * <p>A lessee pays the dues of a contract in order, each payment no more than what the due it is
 * meant for still lacks, and none before the previous due is paid in full. So the model's
 * oldest-first rule places every payment where the plan meant it, and the ground truth follows from
 * the payment times alone. A lessee who stops paying pays nothing more on that contract.
 */
public final class RentSimulation {

    /** The shape of the run. */
    public record Options(
            long seed,
            int townships,
            int villagesPerTownship,
            int contractsPerVillage,
            LocalDate firstDay,
            int days,
            double resendRate) {

        public static Options demo(long seed, LocalDate firstDay, int days) {
            return new Options(seed, 3, 4, 3, firstDay, days, 0.01);
        }
    }

    private enum Schedule {
        MONTHLY(1, 500, 5_000),
        QUARTERLY(3, 3_000, 30_000),
        ANNUAL(12, 10_000, 200_000);

        final int months;
        final long lowYuan;
        final long highYuan;

        Schedule(int months, long lowYuan, long highYuan) {
            this.months = months;
            this.lowYuan = lowYuan;
            this.highYuan = highYuan;
        }
    }

    private enum Plan {
        ON_TIME,
        LATE,
        PARTLY_LATE,
        PARTLY_THEN_STOPS,
        STOPS
    }

    /** Same county and villages as {@link LedgerSimulation}, so the two can run side by side. */
    static final String COUNTY = LedgerSimulation.COUNTY;

    private static final String[] FAMILY_NAMES = {"张", "李", "王", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    private static final String[] GIVEN_NAMES = {"建国", "秀英", "志强", "玉兰", "德明", "桂芳", "国华", "海燕"};

    private final List<LedgerEntry> entries = new ArrayList<>();
    private final List<ExpectedAlert> expected = new ArrayList<>();

    private RentSimulation() {}

    public static RentSimulation generate(
            Options options, RentArrears.Settings settings, WorkingCalendar calendar) {
        RentSimulation sim = new RentSimulation();
        DayDeadline deadline = settings.deadline(calendar);
        int index = 0;
        for (int t = 1; t <= options.townships(); t++) {
            String township = COUNTY + String.format("%03d", 100 + t);
            for (int v = 1; v <= options.villagesPerTownship(); v++) {
                String village = township + String.format("%03d", v);
                for (int c = 1; c <= options.contractsPerVillage(); c++) {
                    sim.contract(options, settings, deadline, index++, township, village, c);
                }
            }
        }
        sim.entries.sort(RentBook.ORDER);
        sim.expected.sort(
                Comparator.comparing(ExpectedAlert::eventTime)
                        .thenComparing(ExpectedAlert::alertId)
                        .thenComparing(ExpectedAlert::kind));
        return sim;
    }

    /** Every entry, in event-time order (re-sent entries right after their original). */
    public List<LedgerEntry> entries() {
        return entries;
    }

    /** Every alert the model must raise or resolve, over the whole run and its late payments. */
    public List<ExpectedAlert> expected() {
        return expected;
    }

    /** The alerts due once event time has reached {@code watermark}. */
    public List<ExpectedAlert> expectedUpTo(Instant watermark) {
        return expected.stream().filter(e -> !e.eventTime().isAfter(watermark)).toList();
    }

    private static final class Due {
        final LedgerEntry entry;
        final Instant deadline;
        final List<LedgerEntry> payments = new ArrayList<>();

        Due(LedgerEntry entry, Instant deadline) {
            this.entry = entry;
            this.deadline = deadline;
        }
    }

    private void contract(
            Options options,
            RentArrears.Settings settings,
            DayDeadline deadline,
            int index,
            String township,
            String village,
            int number) {
        SplittableRandom rng = new SplittableRandom(options.seed() * 1_000_003L + index);
        Schedule schedule = Schedule.values()[rng.nextInt(Schedule.values().length)];
        String contractNo = String.format("HT-%s-%02d", village.substring(6), number);
        String accountId = village + "-01";
        String lessee =
                FAMILY_NAMES[rng.nextInt(FAMILY_NAMES.length)]
                        + GIVEN_NAMES[rng.nextInt(GIVEN_NAMES.length)];
        long rentFen = logUniformYuan(rng, schedule.lowYuan, schedule.highYuan) * 100;
        LocalDate end = options.firstDay().plusDays(options.days());
        // The first due falls somewhere in the first period of the schedule, within the run.
        LocalDate day =
                options.firstDay()
                        .plusDays(
                                rng.nextInt((int) Math.min(options.days(), schedule.months * 30L)));
        int stopsAt = rng.nextDouble() < 0.12 ? rng.nextInt(1, 13) : Integer.MAX_VALUE;
        int[] seq = {0};

        List<Due> dues = new ArrayList<>();
        Instant lastPayment = Instant.MIN;
        boolean stopped = false;
        for (int k = 0; day.isBefore(end); k++, day = day.plusMonths(schedule.months)) {
            Instant at = WorkingCalendar.startOf(day).plus(Duration.ofHours(9));
            LedgerEntry entry =
                    base(accountId, township, village, contractNo, id(index, ++seq[0]), at)
                            .setType(LedgerEntryType.RENT_DUE)
                            .setAmountFen(rentFen)
                            .setCounterparty(lessee)
                            .build();
            Due due = new Due(entry, deadline.dueAt(at));
            dues.add(due);
            if (stopped) {
                continue;
            }
            Plan plan = k + 1 >= stopsAt ? stopping(rng) : paying(rng);
            stopped = plan == Plan.PARTLY_THEN_STOPS || plan == Plan.STOPS;
            lastPayment = pay(rng, due, plan, lastPayment, index, seq, lessee);
        }

        List<LedgerEntry> mine = new ArrayList<>();
        for (Due due : dues) {
            mine.add(due.entry);
            mine.addAll(due.payments);
            expect(due, settings);
        }
        List<LedgerEntry> resent = new ArrayList<>();
        for (LedgerEntry e : mine) {
            if (rng.nextDouble() < options.resendRate()) {
                resent.add(LedgerEntry.newBuilder(e).build());
            }
        }
        entries.addAll(mine);
        entries.addAll(resent);
    }

    private static Plan paying(SplittableRandom rng) {
        double p = rng.nextDouble();
        return p < 0.86 ? Plan.ON_TIME : p < 0.95 ? Plan.LATE : Plan.PARTLY_LATE;
    }

    private static Plan stopping(SplittableRandom rng) {
        return rng.nextBoolean() ? Plan.STOPS : Plan.PARTLY_THEN_STOPS;
    }

    /** Books the payments of one due; returns when the last payment so far was made. */
    private Instant pay(
            SplittableRandom rng,
            Due due,
            Plan plan,
            Instant lastPayment,
            int index,
            int[] seq,
            String lessee) {
        Instant dueAt = due.entry.getOccurredAt();
        long amount = due.entry.getAmountFen();
        // Within the grace period: mostly after the due, sometimes a few days in advance.
        Instant onTime =
                rng.nextDouble() < 0.15
                        ? dueAt.minusSeconds(3600 + rng.nextLong(5 * 86_400L))
                        : dueAt.plusSeconds(
                                600
                                        + rng.nextLong(
                                                due.deadline.getEpochSecond()
                                                        - dueAt.getEpochSecond()
                                                        - 4200));
        Instant late = due.deadline.plusSeconds(3600 + rng.nextLong(40 * 86_400L));
        long part = Math.max(100, (amount * (20 + rng.nextInt(60)) / 100) / 100 * 100);
        Instant last = lastPayment;
        switch (plan) {
            case ON_TIME -> last = payment(due, after(onTime, last), amount, index, seq, lessee);
            case LATE -> last = payment(due, after(late, last), amount, index, seq, lessee);
            case PARTLY_LATE -> {
                last = payment(due, after(onTime, last), part, index, seq, lessee);
                last = payment(due, after(late, last), amount - part, index, seq, lessee);
            }
            case PARTLY_THEN_STOPS ->
                    last = payment(due, after(onTime, last), part, index, seq, lessee);
            case STOPS -> {}
        }
        return last;
    }

    /** A payment never comes before the previous one: dues are paid in order. */
    private static Instant after(Instant planned, Instant lastPayment) {
        Instant earliest = lastPayment.equals(Instant.MIN) ? planned : lastPayment.plusSeconds(60);
        return planned.isBefore(earliest) ? earliest : planned;
    }

    private Instant payment(Due due, Instant at, long amount, int index, int[] seq, String lessee) {
        LedgerEntry entry = due.entry;
        due.payments.add(
                base(
                                entry.getAccountId(),
                                entry.getTownshipCode(),
                                entry.getVillageCode(),
                                entry.getContractNo(),
                                id(index, ++seq[0]),
                                at)
                        .setType(LedgerEntryType.RENT_RECEIVED)
                        .setAmountFen(amount)
                        .setCounterparty(lessee)
                        .build());
        return at;
    }

    private void expect(Due due, RentArrears.Settings settings) {
        long paidInTime = 0;
        Instant paidInFull = null;
        long paid = 0;
        for (LedgerEntry p : due.payments) {
            if (p.getOccurredAt().isBefore(due.deadline)) {
                paidInTime += p.getAmountFen();
            }
            paid += p.getAmountFen();
            if (paidInFull == null && paid >= due.entry.getAmountFen()) {
                paidInFull = p.getOccurredAt();
            }
        }
        long outstanding = due.entry.getAmountFen() - paidInTime;
        if (outstanding <= 0) {
            return;
        }
        LedgerEntry entry = due.entry;
        String alertId =
                RentArrearsAlerts.alertId(
                        entry.getVillageCode(), entry.getContractNo(), entry.getEntryId());
        String label =
                entry.getContractNo() + " " + WorkingCalendar.localDate(entry.getOccurredAt());
        expected.add(
                new ExpectedAlert(
                        alertId,
                        AlertKind.RAISED,
                        outstanding,
                        due.deadline,
                        entry.getTownshipCode(),
                        label));
        boolean followed =
                paidInFull != null
                        && paidInFull.isBefore(due.deadline.plus(settings.trackingHorizon()));
        if (followed) {
            expected.add(
                    new ExpectedAlert(
                            alertId,
                            AlertKind.RESOLVED,
                            outstanding,
                            paidInFull,
                            entry.getTownshipCode(),
                            label));
        }
    }

    private static LedgerEntry.Builder base(
            String accountId,
            String township,
            String village,
            String contractNo,
            String entryId,
            Instant at) {
        return LedgerEntry.newBuilder()
                .setEntryId(entryId)
                .setAccountId(accountId)
                .setTownshipCode(township)
                .setVillageCode(village)
                .setContractNo(contractNo)
                .setRecordedBy("P" + Math.abs(accountId.hashCode() % 1000))
                .setOccurredAt(at);
    }

    private static String id(int contract, int seq) {
        return String.format("RE-%04d-%06d", contract, seq);
    }

    private static long logUniformYuan(SplittableRandom rng, long low, long high) {
        double exponent = Math.log(low) + rng.nextDouble() * (Math.log(high) - Math.log(low));
        return Math.round(Math.exp(exponent));
    }
}
