package org.clearwatch.jobs.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.clearwatch.patterns.accountholder.AccountHolderMismatch;
import org.clearwatch.patterns.deceasedbeneficiary.DeceasedBeneficiary;
import org.clearwatch.patterns.officialbeneficiary.OfficialBeneficiary;
import org.clearwatch.patterns.payouts.PayoutHarnesses;
import org.clearwatch.patterns.payouts.PayoutJoinHarness;
import org.clearwatch.patterns.payouts.PayoutTestData;
import org.clearwatch.patterns.repeatedpayout.RepeatedPayout;
import org.clearwatch.patterns.repeatedpayout.RepeatedPayoutHarness;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.DeathRecord;
import org.clearwatch.schema.ref.Official;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The payout simulation: repeatable from its seed, and its ground truth is exactly what the four
 * payout models raise when its records run through them in event time, reference records arriving
 * when they became known.
 */
class PayoutSimulationTest {

    private static final PayoutSimulation.ModelSettings SETTINGS =
            PayoutSimulation.ModelSettings.defaults();

    /** Past every payout and every late reference record of a run of 2025. */
    private static final Instant LONG_AFTER = Instant.parse("2027-01-01T00:00:00Z");

    private static PayoutSimulation simulate(long seed) {
        return PayoutSimulation.generate(PayoutSimulation.Options.demo(seed), SETTINGS);
    }

    /** What an alert says that the ground truth can check. */
    private record Said(String alertId, AlertKind kind, Long amountFen, Instant eventTime) {}

    @Test
    void theSameSeedGivesTheSameRecordsAndTheSameTruth() {
        PayoutSimulation once = simulate(7);
        PayoutSimulation again = simulate(7);

        assertThat(again.payouts()).isEqualTo(once.payouts());
        assertThat(again.deaths()).isEqualTo(once.deaths());
        assertThat(again.officials()).isEqualTo(once.officials());
        assertThat(again.expected()).isEqualTo(once.expected());
        assertThat(simulate(8).payouts()).isNotEqualTo(once.payouts());
    }

    @Test
    void aLargeCountyGivesEveryBeneficiaryTheirOwnIdNumber() {
        // 20,000 people: with a bare three-digit sequence, dozens would share a birthday and one.
        PayoutSimulation sim =
                PayoutSimulation.generate(
                        new PayoutSimulation.Options(
                                7, 10, 20, 100, java.time.YearMonth.of(2025, 1), 4, 0.0),
                        SETTINGS);

        Set<String> ids =
                sim.payouts().stream()
                        .map(BankPayout::getBeneficiaryId)
                        .collect(Collectors.toSet());
        assertThat(ids).hasSize(20_000).allMatch(id -> id.matches("33\\d{15}[\\dX]"));
        assertThat(simulate(7).payouts())
                .as("the demo's few people keep the county's code")
                .allMatch(p -> p.getBeneficiaryId().startsWith("330299"));
    }

    @Test
    void payoutsComeInEventTimeOrder() {
        List<BankPayout> payouts = simulate(7).payouts();
        for (int i = 1; i < payouts.size(); i++) {
            assertThat(payouts.get(i).getPaidAt()).isAfterOrEqualTo(payouts.get(i - 1).getPaidAt());
        }
    }

    @Test
    void plantsACaseForEveryPayoutModelAndLateReferenceRecords() {
        PayoutSimulation sim = simulate(7);

        assertThat(sim.expected().stream().map(ExpectedAlert::modelId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        RepeatedPayout.ID,
                        DeceasedBeneficiary.ID,
                        OfficialBeneficiary.ID,
                        AccountHolderMismatch.ID);
        Instant lastPayout = sim.payouts().get(sim.payouts().size() - 1).getPaidAt();
        assertThat(sim.deaths())
                .as("a death registered only after all the payouts")
                .anyMatch(d -> d.getRecordedAt() != null && d.getRecordedAt().isAfter(lastPayout));
        assertThat(sim.officials())
                .as("a roster record registered only after all the payouts")
                .anyMatch(o -> o.getRecordedAt() != null && o.getRecordedAt().isAfter(lastPayout));
        assertThat(sim.payouts())
                .as("payouts into someone else's account")
                .anyMatch(p -> !p.getAccountHolderId().equals(p.getBeneficiaryId()));
        Set<String> ids = new java.util.HashSet<>();
        assertThat(sim.payouts()).as("a re-sent payout").anyMatch(p -> !ids.add(p.getPayoutId()));
    }

    @Test
    void aLateDeathRecordLeavesThePayoutsBeforeItsLookBackOut() {
        PayoutSimulation sim = simulate(7);
        Set<String> expectedPayouts =
                sim.expected().stream()
                        .filter(e -> e.modelId().equals(DeceasedBeneficiary.ID))
                        .map(ExpectedAlert::label)
                        .collect(Collectors.toSet());
        int lookBack = SETTINGS.deceased().lookBackMonths();

        boolean someLeftOut = false;
        for (DeathRecord death : sim.deaths()) {
            for (BankPayout p : sim.payouts()) {
                boolean afterDeath =
                        p.getBeneficiaryId().equals(death.getPersonId())
                                && java.time.YearMonth.parse(p.getPeriod())
                                        .isAfter(java.time.YearMonth.from(death.getDiedOn()));
                boolean tooOld =
                        death.getRecordedAt() != null
                                && p.getPaidAt()
                                        .isBefore(
                                                death.getRecordedAt()
                                                        .atZone(
                                                                org.clearwatch.patterns.calendar
                                                                        .WorkingCalendar.ZONE)
                                                        .minusMonths(lookBack)
                                                        .toInstant());
                if (afterDeath && tooOld) {
                    someLeftOut = true;
                    assertThat(expectedPayouts).doesNotContain(p.getPayoutId());
                }
            }
        }
        assertThat(someLeftOut).as("the run plants a death older than the look-back").isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 11, 2025})
    void theGroundTruthIsExactlyWhatTheModelsRaise(long seed) throws Exception {
        PayoutSimulation sim = simulate(seed);

        List<Alert> alerts = runThroughTheModels(sim);

        assertThat(said(alerts)).isEqualTo(truth(sim.expected()));
        for (Alert alert : alerts) {
            assertThat(PayoutTestData.idNumbersInClear(alert)).as(alert.getAlertId()).isEmpty();
        }
    }

    /**
     * Every record in event time: payouts at their payment, reference records when they became
     * known (those that hold from the start, first), with event time following the payouts.
     */
    private static List<Alert> runThroughTheModels(PayoutSimulation sim) throws Exception {
        record Timed(Instant at, int order, Object record) {}
        List<Timed> timeline = new ArrayList<>();
        for (DeathRecord d : sim.deaths()) {
            timeline.add(
                    new Timed(d.getRecordedAt() == null ? Instant.MIN : d.getRecordedAt(), 0, d));
        }
        for (Official o : sim.officials()) {
            timeline.add(
                    new Timed(o.getRecordedAt() == null ? Instant.MIN : o.getRecordedAt(), 0, o));
        }
        int order = 1;
        for (BankPayout p : sim.payouts()) {
            timeline.add(new Timed(p.getPaidAt(), order++, p));
        }
        timeline.sort(Comparator.comparing(Timed::at).thenComparing(Timed::order));

        List<Alert> alerts = new ArrayList<>();
        try (RepeatedPayoutHarness repeated =
                        RepeatedPayoutHarness.start(RepeatedPayout.Settings.defaults());
                PayoutJoinHarness<DeathRecord> deaths =
                        PayoutHarnesses.deaths(SETTINGS.deceased());
                PayoutJoinHarness<Official> roster = PayoutHarnesses.roster(SETTINGS.official());
                PayoutJoinHarness<Official> holders = PayoutHarnesses.holders(SETTINGS.holder())) {
            Instant watermark = null;
            for (Timed t : timeline) {
                if (t.record() instanceof BankPayout p) {
                    Instant before = p.getPaidAt().minusMillis(1);
                    if (watermark == null || before.isAfter(watermark)) {
                        watermark = before;
                        repeated.watermark(watermark);
                        holders.watermark(watermark);
                    }
                    repeated.payouts(p);
                    deaths.payouts(p);
                    roster.payouts(p);
                    holders.payouts(p);
                } else if (t.record() instanceof DeathRecord d) {
                    deaths.references(d);
                } else if (t.record() instanceof Official o) {
                    roster.references(o);
                    holders.references(o);
                }
            }
            repeated.watermark(LONG_AFTER);
            holders.watermark(LONG_AFTER);
            alerts.addAll(repeated.alerts());
            alerts.addAll(deaths.alerts());
            alerts.addAll(roster.alerts());
            alerts.addAll(holders.alerts());
        }
        return alerts;
    }

    private static List<Said> said(List<Alert> alerts) {
        return sorted(
                alerts.stream()
                        .map(
                                a ->
                                        new Said(
                                                a.getAlertId(),
                                                a.getKind(),
                                                a.getAmountFen(),
                                                a.getEventTime()))
                        .toList());
    }

    private static List<Said> truth(List<ExpectedAlert> expected) {
        return sorted(
                expected.stream()
                        .map(e -> new Said(e.alertId(), e.kind(), e.amountFen(), e.eventTime()))
                        .toList());
    }

    private static List<Said> sorted(List<Said> said) {
        List<Said> copy = new ArrayList<>(said);
        copy.sort(
                Comparator.comparing(Said::eventTime)
                        .thenComparing(Said::alertId)
                        .thenComparing(Said::kind));
        return copy;
    }
}
