package org.clearwatch.patterns.repeatedpayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.clearwatch.patterns.payouts.PayoutTestData.APRIL_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.DECEMBER_31;
import static org.clearwatch.patterns.payouts.PayoutTestData.DIBAO_FEN;
import static org.clearwatch.patterns.payouts.PayoutTestData.FARMLAND_FEN;
import static org.clearwatch.patterns.payouts.PayoutTestData.LI;
import static org.clearwatch.patterns.payouts.PayoutTestData.MARCH_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.MARCH_20;
import static org.clearwatch.patterns.payouts.PayoutTestData.MARCH_25;
import static org.clearwatch.patterns.payouts.PayoutTestData.MAY_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.SEPTEMBER_15;
import static org.clearwatch.patterns.payouts.PayoutTestData.THREE_YEARS_LATER;
import static org.clearwatch.patterns.payouts.PayoutTestData.WANG;
import static org.clearwatch.patterns.payouts.PayoutTestData.at;
import static org.clearwatch.patterns.payouts.PayoutTestData.dibao;
import static org.clearwatch.patterns.payouts.PayoutTestData.everyText;
import static org.clearwatch.patterns.payouts.PayoutTestData.payout;
import static org.clearwatch.patterns.payouts.PayoutTestData.personalData;

import java.time.Instant;
import java.util.List;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;
import org.clearwatch.schema.feed.BankPayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** repeated-payout, told as stories: payouts in event time, alerts out. */
class RepeatedPayoutModelTest {

    private static final RepeatedPayout.Settings DEFAULTS = RepeatedPayout.Settings.defaults();

    private RepeatedPayoutHarness payouts;

    private RepeatedPayoutHarness payouts() throws Exception {
        payouts = RepeatedPayoutHarness.start(DEFAULTS);
        return payouts;
    }

    @AfterEach
    void closeHarness() throws Exception {
        if (payouts != null) {
            payouts.close();
        }
    }

    private static BankPayout farmland(String payoutId, String period, Instant paidAt) {
        return payout(payoutId, WANG, period, paidAt)
                .setProgramCode("FARMLAND")
                .setAmountFen(FARMLAND_FEN)
                .build();
    }

    private static BankPayout training(String payoutId, String period, Instant paidAt) {
        return payout(payoutId, WANG, period, paidAt)
                .setProgramCode("SKILL_TRAINING")
                .setAmountFen(80_000L)
                .build();
    }

    @Test
    void staysQuietForOnePaymentAPeriod() throws Exception {
        payouts()
                .payouts(
                        dibao("P-03", WANG, "2025-03", MARCH_10),
                        dibao("P-04", WANG, "2025-04", APRIL_10),
                        dibao("P-05", WANG, "2025-05", MAY_10))
                .watermark(DECEMBER_31);

        assertThat(payouts.alerts()).isEmpty();
    }

    @Test
    void raisesAtTheSecondPaymentForTheSamePeriod() throws Exception {
        payouts()
                .payouts(
                        dibao("P-03", WANG, "2025-03", MARCH_10),
                        dibao("P-03B", WANG, "2025-03", MARCH_20))
                .watermark(DECEMBER_31);

        Alert raised = single(payouts.alerts());
        assertThat(raised.getKind()).isEqualTo(AlertKind.RAISED);
        assertThat(raised.getAlertId())
                .isEqualTo(RepeatedPayoutAlerts.samePeriodAlertId("P-03"))
                .startsWith("repeated-payout:");
        assertThat(raised.getEventTime()).isEqualTo(MARCH_20);
        assertThat(raised.getAmountFen()).isEqualTo(DIBAO_FEN);
        assertThat(raised.getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(raised.getEntityType()).isEqualTo("beneficiary");
        assertThat(raised.getEntityId()).isEqualTo("3302**********" + WANG.id().substring(14));
        assertThat(raised.getTownshipCode()).isEqualTo("330299101");
        assertThat(raised.getVillageCode()).isEqualTo("330299101002");
        assertThat(raised.getTitle()).isEqualTo("同一期补贴重复发放");
        assertThat(raised.getSummary())
                .contains("王**", "DIBAO", "2025-03期", "已发放2次", "重复发放650.00元");
        assertThat(raised.getEvidence())
                .extracting("recordId", "role")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("P-03", "payout"),
                        org.assertj.core.groups.Tuple.tuple("P-03B", "payout"));
        assertThat(raised.getFacts())
                .containsEntry("rule", "same-period")
                .containsEntry("program_code", "DIBAO")
                .containsEntry("period", "2025-03")
                .containsEntry("payments", "2")
                .containsEntry("overpaid_fen", "65000");
    }

    @Test
    void raisesOnceForASecondPaymentNotForEveryLaterOne() throws Exception {
        payouts()
                .payouts(
                        dibao("P-03", WANG, "2025-03", MARCH_10),
                        dibao("P-03B", WANG, "2025-03", MARCH_20),
                        dibao("P-03C", WANG, "2025-03", MARCH_25))
                .watermark(DECEMBER_31);

        assertThat(payouts.alerts())
                .extracting(Alert::getKind)
                .containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
        Alert updated = payouts.alerts().get(1);
        assertThat(updated.getAlertId()).isEqualTo(payouts.alerts().get(0).getAlertId());
        assertThat(updated.getEventTime()).isEqualTo(MARCH_25);
        assertThat(updated.getAmountFen()).isEqualTo(2 * DIBAO_FEN);
        assertThat(updated.getSummary()).contains("已发放3次", "累计重复发放1,300.00元");
    }

    @Test
    void raisesTheSameCaseWhicheverOrderThePaymentsArriveIn() throws Exception {
        payouts()
                .payouts(
                        dibao("P-03B", WANG, "2025-03", MARCH_20),
                        dibao("P-03", WANG, "2025-03", MARCH_10))
                .watermark(DECEMBER_31);

        Alert raised = single(payouts.alerts());
        assertThat(raised.getAlertId()).isEqualTo(RepeatedPayoutAlerts.samePeriodAlertId("P-03"));
        assertThat(raised.getEventTime()).isEqualTo(MARCH_20);
    }

    @Test
    void raisesAsSoonAsTheSecondPaymentArrivesWithoutWaitingForTheFeedToMoveOn() throws Exception {
        // The bank's batch ends with the second payment; the feed is silent for days after it.
        payouts()
                .payouts(
                        dibao("P-03", WANG, "2025-03", MARCH_10),
                        dibao("P-03B", WANG, "2025-03", MARCH_20))
                .watermark(MARCH_10);

        Alert raised = single(payouts.alerts());
        assertThat(raised.getAlertId()).isEqualTo(RepeatedPayoutAlerts.samePeriodAlertId("P-03"));
        assertThat(raised.getEventTime()).isEqualTo(MARCH_20);
    }

    @Test
    void aYearlyCaseHasTheSameIdWhicheverOrderItsPeriodsArriveIn() throws Exception {
        List<String> inOrder = yearlyCaseIds(false);
        List<String> reversed = yearlyCaseIds(true);

        assertThat(inOrder).hasSize(1);
        assertThat(reversed).isEqualTo(inOrder);
    }

    private List<String> yearlyCaseIds(boolean reversed) throws Exception {
        List<BankPayout> two =
                new java.util.ArrayList<>(
                        List.of(
                                farmland("F-03", "2025-03", MARCH_10),
                                farmland("F-05", "2025-05", MARCH_20)));
        if (reversed) {
            java.util.Collections.reverse(two);
        }
        closeHarness();
        payouts().payouts(two.toArray(new BankPayout[0])).watermark(DECEMBER_31);
        return payouts.alerts().stream().map(Alert::getAlertId).distinct().toList();
    }

    @Test
    void staysQuietForTheSamePeriodOfAnotherProgrammeOrAnotherPerson() throws Exception {
        payouts()
                .payouts(
                        dibao("P-03", WANG, "2025-03", MARCH_10),
                        payout("PEN-03", WANG, "2025-03", MARCH_10)
                                .setProgramCode("PENSION_RURAL")
                                .build(),
                        dibao("L-03", LI, "2025-03", MARCH_10))
                .watermark(DECEMBER_31);

        assertThat(payouts.alerts()).isEmpty();
    }

    @Test
    void aResentPayoutIsNotASecondPayment() throws Exception {
        BankPayout march = dibao("P-03", WANG, "2025-03", MARCH_10);
        payouts().payouts(march, BankPayout.newBuilder(march).build()).watermark(DECEMBER_31);

        assertThat(payouts.alerts()).isEmpty();
    }

    @Test
    void raisesHighWhenTheOverpaymentIsLarge() throws Exception {
        payouts()
                .payouts(
                        payout("H-1", WANG, "2025-03", MARCH_10).setAmountFen(600_000L).build(),
                        payout("H-2", WANG, "2025-03", MARCH_20).setAmountFen(600_000L).build())
                .watermark(DECEMBER_31);

        assertThat(single(payouts.alerts()).getSeverity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void raisesWhenAYearlyProgrammeIsPaidForASecondPeriodOfTheYear() throws Exception {
        payouts()
                .payouts(
                        farmland("F-04", "2025-04", APRIL_10),
                        farmland("F-09", "2025-09", SEPTEMBER_15))
                .watermark(DECEMBER_31);

        Alert raised = single(payouts.alerts());
        assertThat(raised.getKind()).isEqualTo(AlertKind.RAISED);
        assertThat(raised.getAlertId())
                .isEqualTo(RepeatedPayoutAlerts.yearlyLimitAlertId("FARMLAND", 2025, "F-04"));
        assertThat(raised.getEventTime()).isEqualTo(SEPTEMBER_15);
        assertThat(raised.getAmountFen()).isEqualTo(FARMLAND_FEN);
        assertThat(raised.getTitle()).isEqualTo("补贴发放期数超过年度上限");
        assertThat(raised.getSummary()).contains("2025年FARMLAND", "2期（2025-04、2025-09）", "每年1期");
        assertThat(raised.getFacts())
                .containsEntry("rule", "yearly-limit")
                .containsEntry("yearly_limit", "1")
                .containsEntry("periods_paid", "2025-04,2025-09");
    }

    @Test
    void staysQuietForAYearlyProgrammePaidOnceAYear() throws Exception {
        payouts()
                .payouts(
                        farmland("F-24", "2024-05", at("2024-05-20T10:00")),
                        farmland("F-25", "2025-05", at("2025-05-20T10:00")))
                .watermark(DECEMBER_31);

        assertThat(payouts.alerts()).isEmpty();
    }

    @Test
    void skillTrainingMayBePaidThreeTimesAYearAndNotFour() throws Exception {
        payouts()
                .payouts(
                        training("T-1", "2025-03", MARCH_10),
                        training("T-2", "2025-04", APRIL_10),
                        training("T-3", "2025-05", MAY_10))
                .watermark(MAY_10);
        assertThat(payouts.alerts()).isEmpty();

        payouts.payouts(training("T-4", "2025-09", SEPTEMBER_15))
                .payouts(training("T-5", "2025-12", at("2025-12-01T10:00")))
                .watermark(DECEMBER_31);

        assertThat(payouts.alerts())
                .extracting(Alert::getKind, Alert::getAmountFen)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AlertKind.RAISED, 80_000L),
                        org.assertj.core.groups.Tuple.tuple(AlertKind.UPDATED, 160_000L));
        assertThat(payouts.alerts().get(1).getAlertId())
                .isEqualTo(RepeatedPayoutAlerts.yearlyLimitAlertId("SKILL_TRAINING", 2025, "T-1"));
    }

    @Test
    void aSecondPaymentForAYearlyPeriodIsOneCaseNotTwo() throws Exception {
        payouts()
                .payouts(
                        farmland("F-04", "2025-04", APRIL_10), farmland("F-04B", "2025-04", MAY_10))
                .watermark(DECEMBER_31);

        assertThat(single(payouts.alerts()).getFacts()).containsEntry("rule", "same-period");
    }

    @Test
    void yearlyLimitsAreAParameter() throws Exception {
        RepeatedPayout.Settings noLimits =
                RepeatedPayout.Settings.of(
                        RepeatedPayout.SPEC
                                .defaults()
                                .with(RepeatedPayout.YEARLY_LIMITS, "SKILL_TRAINING:3"));
        payouts = RepeatedPayoutHarness.start(noLimits);
        payouts.payouts(
                        farmland("F-04", "2025-04", APRIL_10),
                        farmland("F-09", "2025-09", SEPTEMBER_15))
                .watermark(DECEMBER_31);

        assertThat(payouts.alerts()).isEmpty();
        assertThat(noLimits.yearlyLimits()).containsOnlyKeys("SKILL_TRAINING");
    }

    @Test
    void aProgrammeNamedTwiceInTheYearlyLimitsIsAClearError() {
        assertThatThrownBy(() -> RepeatedPayout.Settings.yearlyLimits("FARMLAND:1,FARMLAND:2"))
                .hasMessage("yearly-limits names FARMLAND twice");
        assertThat(RepeatedPayout.YEARLY_LIMITS.parse("FARMLAND:1, DIBAO:12"))
                .isEqualTo("FARMLAND:1,DIBAO:12");
        assertThatThrownBy(() -> RepeatedPayout.YEARLY_LIMITS.parse("FARMLAND"))
                .hasMessageContaining("comma-separated list of codes");
    }

    @Test
    void leavesOnlyTheBookAndNoTimersOnceTheWatermarkHasPassed() throws Exception {
        payouts()
                .payouts(
                        dibao("P-03", WANG, "2025-03", MARCH_10),
                        dibao("P-03B", WANG, "2025-03", MARCH_20))
                .watermark(DECEMBER_31);

        assertThat(payouts.stateEntries()).as("one book, no waiting payouts").isEqualTo(1);
        assertThat(payouts.eventTimeTimers()).as("the housekeeping timer only").isEqualTo(1);
    }

    @Test
    void forgetsTheBeneficiaryOnceTheHorizonHasPassed() throws Exception {
        payouts()
                .payouts(
                        dibao("P-03", WANG, "2025-03", MARCH_10),
                        dibao("P-04", WANG, "2025-04", APRIL_10))
                .watermark(DECEMBER_31)
                .watermark(THREE_YEARS_LATER);

        assertThat(payouts.stateEntries()).isZero();
        assertThat(payouts.eventTimeTimers()).isZero();
    }

    @Test
    void aPeriodPaidAgainAfterTheHorizonIsNoLongerRemembered() throws Exception {
        payouts()
                .payouts(
                        dibao("P-03", WANG, "2025-03", MARCH_10),
                        dibao("P-03-LATE", WANG, "2025-03", THREE_YEARS_LATER.minusSeconds(60)))
                .watermark(THREE_YEARS_LATER);

        assertThat(payouts.alerts()).isEmpty();
    }

    @Test
    void alertsNeverShowAnIdNumberAnAccountOrAFullName() throws Exception {
        payouts()
                .payouts(
                        dibao("P-03", WANG, "2025-03", MARCH_10),
                        dibao("P-03B", WANG, "2025-03", MARCH_20),
                        farmland("F-04", "2025-04", APRIL_10),
                        farmland("F-09", "2025-09", SEPTEMBER_15))
                .watermark(DECEMBER_31);

        assertThat(payouts.alerts()).hasSize(2);
        for (Alert alert : payouts.alerts()) {
            assertThat(everyText(alert)).doesNotContain(personalData());
        }
    }

    private static Alert single(List<Alert> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }
}
