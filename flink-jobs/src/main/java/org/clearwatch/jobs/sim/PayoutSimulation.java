package org.clearwatch.jobs.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.clearwatch.patterns.accountholder.AccountHolderAlerts;
import org.clearwatch.patterns.accountholder.AccountHolderMismatch;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.deceasedbeneficiary.DeceasedBeneficiary;
import org.clearwatch.patterns.deceasedbeneficiary.DeceasedBeneficiaryAlerts;
import org.clearwatch.patterns.officialbeneficiary.OfficialBeneficiary;
import org.clearwatch.patterns.officialbeneficiary.OfficialBeneficiaryAlerts;
import org.clearwatch.patterns.repeatedpayout.RepeatedPayoutAlerts;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.DeathRecord;
import org.clearwatch.schema.ref.Official;

/**
 * Monthly subsidy payouts of a few townships across programmes (低保, rural pension, disability
 * allowance, the yearly farmland subsidy), with the death registry and the officials roster.
 * Seeded, so a run is repeatable, and it knows which alerts the four payout models must raise: the
 * ground truth the tests compare with.
 *
 * <p>Each beneficiary gets one plan, drawn first: paid normally; paid twice for one month; dead,
 * with the death registered within weeks (payouts stop a little later) or only after the whole run
 * (a late death record, so the look-back cuts the oldest payouts off); on the officials roster
 * while receiving 低保, known from the start or registered late; paid into a relative's account. Some
 * villages have a collector whose account receives the 低保 of three or four old villagers, and some
 * an official whose account receives a villager's 低保. The registry and the roster also hold people
 * nobody pays, and a few payouts are sent twice.
 */
public final class PayoutSimulation {

    /** The shape of the run. */
    public record Options(
            long seed,
            int townships,
            int villagesPerTownship,
            int beneficiariesPerVillage,
            YearMonth firstMonth,
            int months,
            double resendRate) {

        /** Three townships of three villages, nine months of 2025. */
        public static Options demo(long seed) {
            return new Options(seed, 3, 3, 14, YearMonth.of(2025, 1), 9, 0.01);
        }
    }

    /** The parameters the ground truth is worked out for. */
    public record ModelSettings(
            DeceasedBeneficiary.Settings deceased,
            OfficialBeneficiary.Settings official,
            AccountHolderMismatch.Settings holder) {

        public static ModelSettings defaults() {
            return new ModelSettings(
                    DeceasedBeneficiary.Settings.defaults(),
                    OfficialBeneficiary.Settings.defaults(),
                    AccountHolderMismatch.Settings.defaults());
        }
    }

    private enum Plan {
        NORMAL,
        REPEATED,
        DIED_KNOWN,
        DIED_LATE,
        OFFICIAL,
        OFFICIAL_LATE,
        RELATIVES_ACCOUNT,
        COLLECTED,
        OFFICIALS_ACCOUNT
    }

    /** County 330299; townships 330299101..; villages <township>001... */
    static final String COUNTY = "330299";

    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭",
        "马", "罗"
    };
    private static final String[] GIVEN = {
        "秀英", "桂兰", "建国", "志刚", "德明", "玉兰", "长根", "福来", "秀珍", "金花", "国强", "淑芬", "小军", "海燕", "明"
    };
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private static final Map<String, String> SHORT_CODES =
            java.util.Map.of(
                    "DIBAO", "DB", "PENSION_RURAL", "PR", "DISABILITY", "DS", "FARMLAND", "FL");

    private final List<BankPayout> payouts = new ArrayList<>();
    private final List<DeathRecord> deaths = new ArrayList<>();
    private final List<Official> officials = new ArrayList<>();
    private final List<ExpectedAlert> expected = new ArrayList<>();
    private final ModelSettings settings;
    private final Options options;
    private int people;

    private PayoutSimulation(Options options, ModelSettings settings) {
        this.options = options;
        this.settings = settings;
    }

    public static PayoutSimulation generate(Options options, ModelSettings settings) {
        if (options.months() > settings.holder().windowMonths()) {
            // The collector cases below are worked out as if the whole run fell in one window.
            throw new IllegalArgumentException(
                    "a payout simulation runs for at most the collector window ("
                            + settings.holder().windowMonths()
                            + " months)");
        }
        PayoutSimulation sim = new PayoutSimulation(options, settings);
        SplittableRandom rng = new SplittableRandom(options.seed());
        for (int t = 1; t <= options.townships(); t++) {
            String township = COUNTY + String.format("%03d", 100 + t);
            for (int v = 1; v <= options.villagesPerTownship(); v++) {
                sim.village(rng.split(), township, township + String.format("%03d", v));
            }
        }
        sim.collectorCases();
        sim.noise(rng.split());
        sim.payouts.sort(Comparator.comparing(BankPayout::getPaidAt));
        sim.expected.sort(
                Comparator.comparing(ExpectedAlert::eventTime)
                        .thenComparing(ExpectedAlert::alertId)
                        .thenComparing(ExpectedAlert::kind));
        return sim;
    }

    /** Every payout, in event-time order (a re-sent payout right after its original). */
    public List<BankPayout> payouts() {
        return payouts;
    }

    /** The death registry's records, in the order they were made. */
    public List<DeathRecord> deaths() {
        return deaths;
    }

    /** The officials roster's records, in the order they were made. */
    public List<Official> officials() {
        return officials;
    }

    /** Every alert the payout models must raise or update, over the whole run. */
    public List<ExpectedAlert> expected() {
        return expected;
    }

    /** The alerts due once event time has reached {@code watermark}. */
    public List<ExpectedAlert> expectedUpTo(Instant watermark) {
        return expected.stream().filter(e -> !e.eventTime().isAfter(watermark)).toList();
    }

    // ---- people and programmes ----------------------------------------------------------------

    private record Person(String id, String name, String account) {}

    /** What one beneficiary is paid monthly, and whether a yearly farmland subsidy too. */
    private record Programme(String code, String agency, long amountFen, int payDay) {}

    private final class Beneficiary {
        final Person person;
        final String township;
        final String village;
        final int index;
        final List<Programme> monthly = new ArrayList<>();
        Long farmlandFen;
        Plan plan = Plan.NORMAL;
        Person holder;

        Beneficiary(Person person, String township, String village, int index) {
            this.person = person;
            this.township = township;
            this.village = village;
            this.index = index;
        }

        /** Minutes after 09:00 on a pay day: every beneficiary of the county at its own minute. */
        long minuteOfDay() {
            return index % 480;
        }
    }

    private Person person(SplittableRandom rng, int fromYear, int toYear, String surname) {
        people++;
        LocalDate born =
                LocalDate.of(fromYear + rng.nextInt(toYear - fromYear + 1), 1, 1)
                        .plusDays(rng.nextInt(365));
        // The sequence number alone repeats after a thousand people; the region code moves on by
        // one per thousand, so that large runs (the bench's) never give two people one number.
        String region = people < 1000 ? COUNTY : String.format("33%04d", 299 + people / 1000);
        String body =
                region + born.toString().replace("-", "") + String.format("%03d", people % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        String id = body + "10X98765432".charAt(sum % 11);
        String name =
                (surname != null ? surname : SURNAMES[rng.nextInt(SURNAMES.length)])
                        + GIVEN[rng.nextInt(GIVEN.length)];
        String account = "6217" + String.format("%015d", 330_299_000_000L + people);
        return new Person(id, name, account);
    }

    private void village(SplittableRandom rng, String township, String village) {
        int base = people;
        List<Beneficiary> villagers = new ArrayList<>();
        for (int i = 0; i < options.beneficiariesPerVillage(); i++) {
            boolean elderly = rng.nextDouble() < 0.6;
            Beneficiary b =
                    new Beneficiary(
                            elderly ? person(rng, 1932, 1960, null) : person(rng, 1961, 1995, null),
                            township,
                            village,
                            base + i);
            if (elderly) {
                b.monthly.add(new Programme("PENSION_RURAL", "HRSS-330299", 22_000L, 15));
            }
            if (!elderly || rng.nextDouble() < 0.5) {
                b.monthly.add(
                        new Programme(
                                "DIBAO", "MCA-330299", (500 + rng.nextInt(31) * 10) * 100L, 10));
            }
            if (rng.nextDouble() < 0.1) {
                b.monthly.add(new Programme("DISABILITY", "CDPF-330299", 10_000L, 20));
            }
            if (rng.nextDouble() < 0.6) {
                b.farmlandFen = (5 + rng.nextInt(20)) * 12_000L;
            }
            b.plan = drawPlan(rng);
            villagers.add(b);
        }
        if (rng.nextDouble() < 0.5) {
            collector(rng, villagers);
        }
        for (Beneficiary b : villagers) {
            paidAccordingToPlan(rng, b);
        }
    }

    private static Plan drawPlan(SplittableRandom rng) {
        double p = rng.nextDouble();
        if (p < 0.72) {
            return Plan.NORMAL;
        }
        Plan[] planted = {
            Plan.REPEATED,
            Plan.DIED_KNOWN,
            Plan.DIED_LATE,
            Plan.OFFICIAL,
            Plan.OFFICIAL_LATE,
            Plan.RELATIVES_ACCOUNT,
            Plan.OFFICIALS_ACCOUNT
        };
        return planted[rng.nextInt(planted.length)];
    }

    /** Three or four villagers paid normally so far: their 低保 goes to one collector. */
    private void collector(SplittableRandom rng, List<Beneficiary> villagers) {
        List<Beneficiary> members = new ArrayList<>();
        for (Beneficiary b : villagers) {
            if (b.plan == Plan.NORMAL && members.size() < 3 + rng.nextInt(2)) {
                members.add(b);
            }
        }
        if (members.size() < 3) {
            return;
        }
        Person holder = person(rng, 1965, 1985, null);
        for (Beneficiary b : members) {
            b.plan = Plan.COLLECTED;
            b.holder = holder;
            onlyDibao(b);
        }
    }

    private static void onlyDibao(Beneficiary b) {
        b.monthly.clear();
        b.monthly.add(new Programme("DIBAO", "MCA-330299", 65_000L, 10));
        b.farmlandFen = null;
    }

    // ---- payouts and the alerts they must give ----------------------------------------------

    private BankPayout payout(
            Beneficiary b, String code, String agency, YearMonth period, long fen, Instant at) {
        Person holder = b.holder == null ? b.person : b.holder;
        return BankPayout.newBuilder()
                .setPayoutId(
                        String.format(
                                "PO-%05d-%s-%s",
                                b.index, SHORT_CODES.get(code), period.toString().replace("-", "")))
                .setProgramCode(code)
                .setPeriod(period.toString())
                .setBeneficiaryId(b.person.id())
                .setBeneficiaryName(b.person.name())
                .setAccountNo(holder.account())
                .setAccountHolderId(holder.id())
                .setAmountFen(fen)
                .setAgencyCode(agency)
                .setTownshipCode(b.township)
                .setVillageCode(b.village)
                .setPaidAt(at)
                .build();
    }

    /** Every payout the plan makes, in event-time order. */
    private List<BankPayout> schedule(Beneficiary b, Instant stopAt) {
        List<BankPayout> made = new ArrayList<>();
        for (int m = 0; m < options.months(); m++) {
            YearMonth month = options.firstMonth().plusMonths(m);
            for (Programme p : b.monthly) {
                Instant at = payDay(month, p.payDay(), b);
                if (stopAt == null || at.isBefore(stopAt)) {
                    made.add(payout(b, p.code(), p.agency(), month, p.amountFen(), at));
                }
            }
            if (b.farmlandFen != null && month.getMonthValue() == 4) {
                Instant at = payDay(month, 25, b);
                if (stopAt == null || at.isBefore(stopAt)) {
                    made.add(payout(b, "FARMLAND", "AGRI-330299", month, b.farmlandFen, at));
                }
            }
        }
        made.sort(
                Comparator.comparing(BankPayout::getPaidAt).thenComparing(BankPayout::getPayoutId));
        return made;
    }

    private static Instant payDay(YearMonth month, int day, Beneficiary b) {
        return WorkingCalendar.startOf(month.atDay(day))
                .plus(Duration.ofHours(9))
                .plus(Duration.ofMinutes(b.minuteOfDay()));
    }

    /** After the last payout of the run. */
    private Instant afterTheRun(SplittableRandom rng) {
        YearMonth next = options.firstMonth().plusMonths(options.months());
        return WorkingCalendar.startOf(next.atDay(3 + rng.nextInt(20))).plus(Duration.ofHours(9));
    }

    private void paidAccordingToPlan(SplittableRandom rng, Beneficiary b) {
        switch (b.plan) {
            case REPEATED -> repeated(rng, b);
            case DIED_KNOWN, DIED_LATE -> died(rng, b);
            case OFFICIAL, OFFICIAL_LATE -> official(rng, b);
            case RELATIVES_ACCOUNT -> relativesAccount(rng, b);
            case COLLECTED -> collected(b);
            case OFFICIALS_ACCOUNT -> officialsAccount(rng, b);
            default -> emit(rng, schedule(b, null));
        }
    }

    private void emit(SplittableRandom rng, List<BankPayout> made) {
        for (BankPayout p : made) {
            payouts.add(p);
            if (rng.nextDouble() < options.resendRate()) {
                payouts.add(BankPayout.newBuilder(p).build());
            }
        }
    }

    private void repeated(SplittableRandom rng, Beneficiary b) {
        List<BankPayout> made = schedule(b, null);
        List<BankPayout> monthly =
                made.stream().filter(p -> !p.getProgramCode().equals("FARMLAND")).toList();
        BankPayout first = monthly.get(rng.nextInt(monthly.size()));
        Instant again =
                first.getPaidAt().plus(Duration.ofDays(3 + rng.nextInt(10))).plusSeconds(1800);
        BankPayout second =
                BankPayout.newBuilder(first)
                        .setPayoutId(first.getPayoutId() + "-R")
                        .setPaidAt(again)
                        .build();
        emit(rng, made);
        payouts.add(second);
        expected.add(
                new ExpectedAlert(
                        RepeatedPayoutAlerts.samePeriodAlertId(first.getPayoutId()),
                        AlertKind.RAISED,
                        second.getAmountFen(),
                        again,
                        b.township,
                        second.getPayoutId()));
    }

    private void died(SplittableRandom rng, Beneficiary b) {
        boolean late = b.plan == Plan.DIED_LATE;
        int month = late ? rng.nextInt(3) : 1 + rng.nextInt(options.months() - 3);
        LocalDate diedOn = options.firstMonth().plusMonths(month).atDay(1 + rng.nextInt(28));
        Instant recordedAt =
                late
                        ? afterTheRun(rng)
                        : WorkingCalendar.startOf(diedOn.plusDays(3 + rng.nextInt(23)))
                                .plus(Duration.ofHours(9));
        // Once the death is registered, the agencies stop paying within about three weeks.
        List<BankPayout> made = schedule(b, late ? null : recordedAt.plus(Duration.ofDays(20)));
        emit(rng, made);
        deaths.add(
                DeathRecord.newBuilder()
                        .setPersonId(b.person.id())
                        .setDiedOn(diedOn)
                        .setRecordedAt(recordedAt)
                        .build());
        Instant earliest = monthsBefore(recordedAt, settings.deceased().lookBackMonths());
        for (BankPayout p : made) {
            boolean afterDeathMonth =
                    YearMonth.parse(p.getPeriod()).isAfter(YearMonth.from(diedOn));
            if (afterDeathMonth && !p.getPaidAt().isBefore(earliest)) {
                expected.add(
                        new ExpectedAlert(
                                DeceasedBeneficiaryAlerts.alertId(p.getPayoutId()),
                                AlertKind.RAISED,
                                p.getAmountFen(),
                                later(p.getPaidAt(), recordedAt),
                                b.township,
                                p.getPayoutId()));
            }
        }
    }

    private void official(SplittableRandom rng, Beneficiary b) {
        onlyDibao(b);
        b.farmlandFen = rng.nextDouble() < 0.5 ? 60_000L : null;
        boolean late = b.plan == Plan.OFFICIAL_LATE;
        LocalDate validTo =
                !late && rng.nextDouble() < 0.3
                        ? options.firstMonth().plusMonths(2 + rng.nextInt(4)).atDay(28)
                        : null;
        Official roster =
                Official.newBuilder()
                        .setPersonId(b.person.id())
                        .setName(b.person.name())
                        .setUnitCode(b.village)
                        .setTownshipCode(rng.nextBoolean() ? b.township : COUNTY + "199")
                        .setRole(rng.nextBoolean() ? "村委会委员" : "村民小组长")
                        .setValidFrom(LocalDate.of(2018 + rng.nextInt(6), 1, 1))
                        .setValidTo(validTo)
                        .setRecordedAt(late ? afterTheRun(rng) : null)
                        .build();
        officials.add(roster);
        List<BankPayout> made = schedule(b, null);
        emit(rng, made);
        Instant known = roster.getRecordedAt();
        Instant earliest =
                known == null ? null : monthsBefore(known, settings.official().lookBackMonths());
        for (BankPayout p : made) {
            boolean restricted =
                    settings.official().restrictedProgrammes().contains(p.getProgramCode());
            boolean onRoster =
                    validTo == null || !WorkingCalendar.localDate(p.getPaidAt()).isAfter(validTo);
            boolean inLookBack = earliest == null || !p.getPaidAt().isBefore(earliest);
            if (restricted && onRoster && inLookBack) {
                expected.add(
                        new ExpectedAlert(
                                OfficialBeneficiaryAlerts.alertId(p.getPayoutId()),
                                AlertKind.RAISED,
                                p.getAmountFen(),
                                later(p.getPaidAt(), known),
                                b.township,
                                p.getPayoutId()));
            }
        }
    }

    private void relativesAccount(SplittableRandom rng, Beneficiary b) {
        b.holder = person(rng, 1975, 2000, b.person.name().substring(0, 1));
        List<BankPayout> made = schedule(b, null);
        emit(rng, made);
        expectMismatch(b, made.get(0));
    }

    private void collected(Beneficiary b) {
        // Collected payouts are never re-sent: the count of the collector case stays simple.
        List<BankPayout> made = schedule(b, null);
        payouts.addAll(made);
        expectMismatch(b, made.get(0));
    }

    private void officialsAccount(SplittableRandom rng, Beneficiary b) {
        onlyDibao(b);
        b.holder = person(rng, 1970, 1990, null);
        boolean late = rng.nextBoolean();
        Official roster =
                Official.newBuilder()
                        .setPersonId(b.holder.id())
                        .setName(b.holder.name())
                        .setUnitCode(b.village)
                        .setTownshipCode(b.township)
                        .setRole("村报账员")
                        .setValidFrom(LocalDate.of(2020, 3, 1))
                        .setValidTo(null)
                        .setRecordedAt(late ? afterTheRun(rng) : null)
                        .build();
        officials.add(roster);
        List<BankPayout> made = schedule(b, null);
        emit(rng, made);
        BankPayout first = made.get(0);
        expectMismatch(b, first);
        Instant known = roster.getRecordedAt();
        Instant earliest =
                known == null ? null : monthsBefore(known, settings.holder().lookBackMonths());
        for (BankPayout p : made) {
            if (earliest == null || !p.getPaidAt().isBefore(earliest)) {
                expected.add(
                        new ExpectedAlert(
                                AccountHolderAlerts.officialHolderAlertId(first.getPayoutId()),
                                AlertKind.RAISED,
                                p.getAmountFen(),
                                later(p.getPaidAt(), known),
                                b.township,
                                p.getPayoutId()));
                return;
            }
        }
    }

    private void expectMismatch(Beneficiary b, BankPayout first) {
        if (!settings.holder().raiseEveryMismatch()) {
            return;
        }
        expected.add(
                new ExpectedAlert(
                        AccountHolderAlerts.mismatchAlertId(first.getPayoutId()),
                        AlertKind.RAISED,
                        first.getAmountFen(),
                        first.getPaidAt(),
                        b.township,
                        first.getPayoutId()));
    }

    /**
     * The collector cases, worked out once every payout is made: a holder's accounts reaching the
     * threshold of beneficiaries raises, each further beneficiary updates, and the amount is what
     * the accounts received so far (the run fits in one window).
     */
    private void collectorCases() {
        Map<String, List<BankPayout>> byHolder = new TreeMap<>();
        for (BankPayout p : payouts) {
            if (!p.getAccountHolderId().equals(p.getBeneficiaryId())) {
                byHolder.computeIfAbsent(p.getAccountHolderId(), h -> new ArrayList<>()).add(p);
            }
        }
        int threshold = settings.holder().severalBeneficiaries();
        for (List<BankPayout> received : byHolder.values()) {
            received.sort(
                    Comparator.comparing(BankPayout::getPaidAt)
                            .thenComparing(BankPayout::getPayoutId));
            List<String> seen = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            long collected = 0;
            String opening = null;
            for (BankPayout p : received) {
                if (ids.contains(p.getPayoutId())) {
                    continue;
                }
                ids.add(p.getPayoutId());
                collected += p.getAmountFen();
                boolean newBeneficiary = !seen.contains(p.getBeneficiaryId());
                if (newBeneficiary) {
                    seen.add(p.getBeneficiaryId());
                }
                if (seen.size() < threshold || !newBeneficiary) {
                    continue;
                }
                AlertKind kind = opening == null ? AlertKind.RAISED : AlertKind.UPDATED;
                if (opening == null) {
                    opening = p.getPayoutId();
                }
                expected.add(
                        new ExpectedAlert(
                                AccountHolderAlerts.collectorAlertId(opening),
                                kind,
                                collected,
                                p.getPaidAt(),
                                p.getTownshipCode(),
                                p.getPayoutId()));
            }
        }
    }

    /** People the registry and the roster know whom nobody pays. */
    private void noise(SplittableRandom rng) {
        for (int i = 0; i < options.townships() * 2; i++) {
            Person dead = person(rng, 1930, 1950, null);
            deaths.add(
                    DeathRecord.newBuilder()
                            .setPersonId(dead.id())
                            .setDiedOn(options.firstMonth().atDay(1 + rng.nextInt(28)))
                            .setRecordedAt(null)
                            .build());
            Person cadre = person(rng, 1970, 1990, null);
            officials.add(
                    Official.newBuilder()
                            .setPersonId(cadre.id())
                            .setName(cadre.name())
                            .setUnitCode(
                                    COUNTY + String.format("%03d", 101 + i % options.townships()))
                            .setTownshipCode(
                                    COUNTY + String.format("%03d", 101 + i % options.townships()))
                            .setRole("乡镇干部")
                            .setValidFrom(LocalDate.of(2019, 1, 1))
                            .setValidTo(null)
                            .setRecordedAt(null)
                            .build());
        }
    }

    private static Instant monthsBefore(Instant at, int months) {
        return at.atZone(WorkingCalendar.ZONE).minusMonths(months).toInstant();
    }

    private static Instant later(Instant paidAt, Instant recordedAt) {
        return recordedAt != null && recordedAt.isAfter(paidAt) ? recordedAt : paidAt;
    }
}
