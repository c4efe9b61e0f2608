package org.clearwatch.jobs.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.clearwatch.jobs.feeds.Feed;
import org.clearwatch.patterns.Models;
import org.clearwatch.patterns.accountholder.AccountHolderMismatch;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.deceasedbeneficiary.DeceasedBeneficiary;
import org.clearwatch.patterns.latedeposit.LateDeposit;
import org.clearwatch.patterns.model.ModelInputs.FeedName;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.officialbeneficiary.OfficialBeneficiary;
import org.clearwatch.patterns.outofjurisdiction.OutOfJurisdiction;
import org.clearwatch.patterns.rentarrears.RentArrears;
import org.clearwatch.patterns.restrictedzone.RestrictedZoneVisit;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.ref.DeathRecord;
import org.clearwatch.schema.ref.Dispatch;
import org.clearwatch.schema.ref.Official;
import org.clearwatch.schema.ref.Vehicle;
import org.clearwatch.schema.ref.Zone;

/**
 * Every feed of a few townships over the same stretch of days, with the alerts every model must
 * give: what the demo publishes and the all-models tests compare with.
 *
 * <p>Each simulation plants its own cases; the scenario puts their records on one clock. A record
 * is published at its event time; a reference record at the time it became known, or before
 * anything else when it holds from the start. Records timed before the first day are published at
 * once, as a backlog; records after the last day are left out, and so are the alerts they would
 * cause.
 */
public final class Scenario {

    /** One record as a source system would publish it: to its feed's topic, with its key. */
    public record Publication(Feed<?> feed, String key, SpecificRecordBase record, Instant at) {

        /** The id an alert's evidence gives this record, or null for a personal key. */
        public String recordId() {
            return id(feed, record);
        }

        @SuppressWarnings("unchecked")
        private static <T extends SpecificRecordBase> String id(Feed<T> feed, Object record) {
            return feed.id((T) record);
        }
    }

    /** The shape of the run. */
    public record Options(long seed, LocalDate firstDay, int days) {}

    /**
     * Models whose alerts come from a deadline passing rather than from a record arriving (a car's
     * stay raises when it has lasted long enough, pings or not).
     */
    public static final List<String> DEADLINE_MODELS =
            List.of(LateDeposit.ID, RentArrears.ID, RestrictedZoneVisit.ID, OutOfJurisdiction.ID);

    /** How many months of payouts come before the first day. */
    private static final int PAYOUT_LEAD_MONTHS = 4;

    private final Options options;
    private final List<Publication> publications = new ArrayList<>();
    private final List<ExpectedAlert> expected = new ArrayList<>();

    private Scenario(Options options) {
        this.options = options;
    }

    /**
     * Generates the run; the ground truth holds for {@code models}' parameters and {@code
     * calendar}.
     */
    public static Scenario generate(
            Options options, Map<String, ParameterValues> models, WorkingCalendar calendar) {
        Scenario scenario = new Scenario(options);

        LedgerSimulation ledger =
                LedgerSimulation.generate(
                        LedgerSimulation.Options.demo(
                                options.seed(), options.firstDay(), options.days()),
                        LateDeposit.Settings.of(models.get(LateDeposit.ID)),
                        calendar);
        scenario.publishAll(Feed.LEDGER, ledger.entries(), LedgerEntry::getAccountId);
        ledger.expected()
                .forEach(
                        e ->
                                scenario.expect(
                                        new ExpectedAlert(
                                                e.alertId(),
                                                e.kind(),
                                                e.amountFen(),
                                                e.eventTime(),
                                                e.townshipCode(),
                                                e.receiptNo())));

        RentSimulation rent =
                RentSimulation.generate(
                        RentSimulation.Options.demo(
                                options.seed() + 1, options.firstDay(), options.days()),
                        RentArrears.Settings.of(models.get(RentArrears.ID)),
                        calendar);
        scenario.publishAll(Feed.LEDGER, rent.entries(), LedgerEntry::getAccountId);
        rent.expected().forEach(scenario::expect);

        // Payouts start months earlier, so that deaths and roster changes have payouts to concern;
        // what was paid before the first day is published at once, as a backlog. Records that
        // became known late arrive during the run.
        YearMonth firstMonth = YearMonth.from(options.firstDay()).minusMonths(PAYOUT_LEAD_MONTHS);
        YearMonth lastMonth = YearMonth.from(options.firstDay().plusDays(options.days() - 1L));
        int months =
                (int)
                        Math.min(
                                12,
                                Math.max(
                                        PAYOUT_LEAD_MONTHS + 1,
                                        ChronoUnit.MONTHS.between(firstMonth, lastMonth)));
        PayoutSimulation payouts =
                PayoutSimulation.generate(
                        new PayoutSimulation.Options(
                                options.seed() + 2, 3, 3, 14, firstMonth, months, 0.01),
                        new PayoutSimulation.ModelSettings(
                                DeceasedBeneficiary.Settings.of(models.get(DeceasedBeneficiary.ID)),
                                OfficialBeneficiary.Settings.of(models.get(OfficialBeneficiary.ID)),
                                AccountHolderMismatch.Settings.of(
                                        models.get(AccountHolderMismatch.ID))));
        scenario.publishAll(Feed.PAYOUTS, payouts.payouts(), BankPayout::getBeneficiaryId);
        scenario.publishAll(Feed.DEATHS, payouts.deaths(), DeathRecord::getPersonId);
        scenario.publishAll(Feed.OFFICIALS, payouts.officials(), Official::getPersonId);
        payouts.expected().forEach(scenario::expect);

        VehicleSimulation vehicles =
                VehicleSimulation.generate(
                        VehicleSimulation.Options.demo(
                                options.seed() + 3, options.firstDay(), options.days()),
                        models,
                        calendar);
        scenario.publishAll(Feed.ZONES, vehicles.zones(), Zone::getZoneId);
        scenario.publishAll(Feed.VEHICLES, vehicles.vehicles(), Vehicle::getVehicleId);
        scenario.publishAll(Feed.DISPATCHES, vehicles.dispatches(), Dispatch::getDispatchId);
        scenario.publishAll(Feed.GPS, vehicles.pings(), GpsPing::getVehicleId);
        vehicles.expected().forEach(scenario::expect);

        scenario.publications.sort(
                Comparator.comparing(Publication::at)
                        .thenComparing(p -> p.feed().isReference() ? 0 : 1));
        scenario.expected.sort(
                Comparator.comparing(ExpectedAlert::eventTime)
                        .thenComparing(ExpectedAlert::alertId)
                        .thenComparing(ExpectedAlert::kind));
        return scenario;
    }

    /** The first instant of the run. */
    public Instant start() {
        return WorkingCalendar.startOf(options.firstDay());
    }

    /** The first instant after the run. */
    public Instant end() {
        return WorkingCalendar.startOf(options.firstDay().plusDays(options.days()));
    }

    /** Every record, in the order of publication. */
    public List<Publication> publications() {
        return Collections.unmodifiableList(publications);
    }

    /** The records of each feed, for a replay. */
    public Map<FeedName, List<SpecificRecordBase>> records() {
        Map<FeedName, List<SpecificRecordBase>> records = new EnumMap<>(FeedName.class);
        for (Publication p : publications) {
            records.computeIfAbsent(p.feed().feed(), f -> new ArrayList<>()).add(p.record());
        }
        return records;
    }

    /** Every alert the models must give over the run, in event-time order. */
    public List<ExpectedAlert> expected() {
        return Collections.unmodifiableList(expected);
    }

    /** The alerts due once event time has reached {@code watermark}. */
    public List<ExpectedAlert> expectedUpTo(Instant watermark) {
        return expected.stream().filter(e -> !e.eventTime().isAfter(watermark)).toList();
    }

    /** The data feed whose records drive a model's event time. */
    public static Feed<?> dataFeedOf(String modelId) {
        FeedName feed = Models.dataFeed(modelId);
        return Feed.ALL.stream().filter(f -> f.feed() == feed).findFirst().orElseThrow();
    }

    /** The models with planted cases. */
    public List<String> modelIds() {
        return expected.stream().map(ExpectedAlert::modelId).distinct().sorted().toList();
    }

    private <T extends SpecificRecordBase> void publishAll(
            Feed<T> feed, List<T> records, java.util.function.Function<T, String> key) {
        for (T record : records) {
            Instant time = feed.eventTime(record);
            Instant at = time == null ? start().minusMillis(1) : time;
            if (at.isBefore(end())) {
                publications.add(new Publication(feed, key.apply(record), record, at));
            }
        }
    }

    private void expect(ExpectedAlert alert) {
        if (alert.eventTime().isBefore(end())) {
            expected.add(alert);
        }
    }
}
