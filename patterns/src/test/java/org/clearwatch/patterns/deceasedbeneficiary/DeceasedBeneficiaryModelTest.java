package org.clearwatch.patterns.deceasedbeneficiary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.clearwatch.patterns.payouts.PayoutTestData.APRIL_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.DIBAO_FEN;
import static org.clearwatch.patterns.payouts.PayoutTestData.FEBRUARY_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.JANUARY_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.JANUARY_20;
import static org.clearwatch.patterns.payouts.PayoutTestData.JUNE_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.JUNE_2;
import static org.clearwatch.patterns.payouts.PayoutTestData.LI;
import static org.clearwatch.patterns.payouts.PayoutTestData.MARCH_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.MARCH_14;
import static org.clearwatch.patterns.payouts.PayoutTestData.MAY_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.WANG;
import static org.clearwatch.patterns.payouts.PayoutTestData.at;
import static org.clearwatch.patterns.payouts.PayoutTestData.death;
import static org.clearwatch.patterns.payouts.PayoutTestData.dibao;
import static org.clearwatch.patterns.payouts.PayoutTestData.everyText;
import static org.clearwatch.patterns.payouts.PayoutTestData.idNumbersInClear;
import static org.clearwatch.patterns.payouts.PayoutTestData.payout;
import static org.clearwatch.patterns.payouts.PayoutTestData.personalData;

import java.time.LocalDate;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.clearwatch.patterns.payouts.PayoutHarnesses;
import org.clearwatch.patterns.payouts.PayoutJoinHarness;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.DeathRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * deceased-beneficiary, told as stories: payouts and death records in, whichever comes first, and
 * alerts out.
 */
class DeceasedBeneficiaryModelTest {

    private static final DeceasedBeneficiary.Settings DEFAULTS =
            DeceasedBeneficiary.Settings.defaults();

    /** A three-month look-back keeps the stories of late death records short. */
    private static final DeceasedBeneficiary.Settings THREE_MONTHS =
            DeceasedBeneficiary.Settings.of(
                    DeceasedBeneficiary.SPEC
                            .defaults()
                            .with(DeceasedBeneficiary.LOOK_BACK_MONTHS, 3));

    /** Wang died on 2025-01-20; the registry told Clearwatch on 2025-06-02. */
    private static final DeathRecord WANG_DIED_IN_JANUARY_KNOWN_IN_JUNE =
            death(WANG, JANUARY_20, JUNE_2);

    private PayoutJoinHarness<DeathRecord> join;

    private PayoutJoinHarness<DeathRecord> join(DeceasedBeneficiary.Settings settings)
            throws Exception {
        join = PayoutHarnesses.deaths(settings);
        return join;
    }

    @AfterEach
    void closeHarness() throws Exception {
        if (join != null) {
            join.close();
        }
    }

    /** Wang's DIBAO from January to May 2025, paid on the 10th. */
    private static BankPayout[] januaryToMay() {
        return new BankPayout[] {
            dibao("P-01", WANG, "2025-01", JANUARY_10),
            dibao("P-02", WANG, "2025-02", FEBRUARY_10),
            dibao("P-03", WANG, "2025-03", MARCH_10),
            dibao("P-04", WANG, "2025-04", APRIL_10),
            dibao("P-05", WANG, "2025-05", MAY_10)
        };
    }

    @Test
    void aPayoutForTheMonthOfDeathIsFineTheNextMonthsRaises() throws Exception {
        join(DEFAULTS)
                .references(death(WANG, MARCH_14))
                .payouts(
                        dibao("P-03", WANG, "2025-03", MARCH_10),
                        dibao("P-04", WANG, "2025-04", APRIL_10));

        Alert raised = single(join.alerts());
        assertThat(raised.getAlertId())
                .isEqualTo(DeceasedBeneficiaryAlerts.alertId("P-04"))
                .startsWith("deceased-beneficiary:");
        assertThat(raised.getKind()).isEqualTo(AlertKind.RAISED);
        assertThat(raised.getModelId()).isEqualTo("deceased-beneficiary");
        assertThat(raised.getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(raised.getEntityType()).isEqualTo("beneficiary");
        assertThat(raised.getEntityId()).isEqualTo("3302**********" + WANG.id().substring(14));
        assertThat(raised.getTownshipCode()).isEqualTo("330299101");
        assertThat(raised.getVillageCode()).isEqualTo("330299101002");
        assertThat(raised.getAmountFen()).isEqualTo(DIBAO_FEN);
        assertThat(raised.getEventTime()).isEqualTo(APRIL_10);
        assertThat(raised.getTitle()).isEqualTo("已故人员仍领取补贴");
        assertThat(raised.getSummary())
                .contains("王**", "2025-03死亡", "2025-04-10", "DIBAO补贴2025-04期650.00元", "死亡后第1个月");
        assertThat(raised.getEvidence())
                .extracting("feed", "recordId", "role")
                .containsExactly(
                        tuple("payout", "P-04", "payout"),
                        tuple(
                                "ref.death",
                                "death:3302**********" + WANG.id().substring(14),
                                "death-record"));
        assertThat(raised.getFacts())
                .containsEntry("period", "2025-04")
                .containsEntry("died_in", "2025-03")
                .containsEntry("months_after_death", "1")
                .containsEntry("retroactive", "false");
    }

    @Test
    void aDeathRecordArrivingAfterThePayoutsRaisesEachPayoutAfterTheDeathWithinTheLookBack()
            throws Exception {
        join(THREE_MONTHS).payouts(januaryToMay());
        assertThat(join.alerts()).as("nobody knows yet").isEmpty();

        join.references(WANG_DIED_IN_JANUARY_KNOWN_IN_JUNE);

        // January is the month of death; February was paid more than three months before June 2.
        assertThat(join.alerts())
                .extracting(Alert::getAlertId, Alert::getEventTime, Alert::getSeverity)
                .containsExactly(
                        tuple(DeceasedBeneficiaryAlerts.alertId("P-03"), JUNE_2, Severity.MEDIUM),
                        tuple(DeceasedBeneficiaryAlerts.alertId("P-04"), JUNE_2, Severity.HIGH),
                        tuple(DeceasedBeneficiaryAlerts.alertId("P-05"), JUNE_2, Severity.HIGH));
        Alert first = join.alerts().get(0);
        assertThat(first.getSummary()).contains("死亡信息2025-06-02登记", "此前2025-03-10发放");
        assertThat(first.getFacts())
                .containsEntry("retroactive", "true")
                .containsEntry("months_after_death", "2")
                .containsEntry("look_back_months", "3");
    }

    @Test
    void aDeathRecordArrivingBeforeThePayoutsRaisesTheSameAlerts() throws Exception {
        List<Tuple> after;
        try (PayoutJoinHarness<DeathRecord> late = PayoutHarnesses.deaths(THREE_MONTHS)) {
            late.payouts(januaryToMay()).references(WANG_DIED_IN_JANUARY_KNOWN_IN_JUNE);
            after = described(late.alerts());
        }

        join(THREE_MONTHS).references(WANG_DIED_IN_JANUARY_KNOWN_IN_JUNE).payouts(januaryToMay());

        assertThat(described(join.alerts())).hasSize(3).isEqualTo(after);
    }

    @Test
    void aPayoutMadeOnceTheDeathIsKnownRaisesAsItIsPaid() throws Exception {
        join(THREE_MONTHS)
                .references(WANG_DIED_IN_JANUARY_KNOWN_IN_JUNE)
                .payouts(dibao("P-06", WANG, "2025-06", JUNE_10));

        Alert raised = single(join.alerts());
        assertThat(raised.getEventTime()).isEqualTo(JUNE_10);
        assertThat(raised.getFacts()).containsEntry("retroactive", "false");
    }

    @Test
    void aDeathKnownFromTheStartRaisesEveryPayoutAfterItWhateverTheLookBack() throws Exception {
        join(THREE_MONTHS).payouts(januaryToMay()).references(death(WANG, JANUARY_20));

        assertThat(join.alerts())
                .extracting(Alert::getEventTime)
                .containsExactly(FEBRUARY_10, MARCH_10, APRIL_10, MAY_10);
    }

    @Test
    void staysQuietForPayoutsBeforeTheMonthOfDeathAndForOtherPeople() throws Exception {
        join(DEFAULTS)
                .payouts(
                        dibao("P-01", WANG, "2025-01", JANUARY_10),
                        dibao("P-02", WANG, "2025-02", FEBRUARY_10),
                        dibao("P-03", WANG, "2025-03", MARCH_10),
                        dibao("L-04", LI, "2025-04", APRIL_10))
                .references(death(WANG, MARCH_14, JUNE_2));

        assertThat(join.alerts()).isEmpty();
    }

    @Test
    void aPayoutOfAnEarlierPeriodMadeAfterTheDeathIsNotRaised() throws Exception {
        // Arrears for February, paid in April to a man who died in March: owed while alive.
        join(DEFAULTS)
                .references(death(WANG, MARCH_14))
                .payouts(dibao("P-02-ARREARS", WANG, "2025-02", APRIL_10));

        assertThat(join.alerts()).isEmpty();
    }

    @Test
    void aResentDeathRecordOrPayoutRaisesNothingMore() throws Exception {
        join(THREE_MONTHS)
                .payouts(januaryToMay())
                .references(WANG_DIED_IN_JANUARY_KNOWN_IN_JUNE)
                .references(DeathRecord.newBuilder(WANG_DIED_IN_JANUARY_KNOWN_IN_JUNE).build())
                .payouts(januaryToMay());

        assertThat(join.alerts()).hasSize(3);
    }

    @Test
    void forgetsPayoutsOnceTheRetentionAfterTheLatestHasPassed() throws Exception {
        // Retention: look-back (6) and late-record allowance (6), back from the latest payout.
        join(DEFAULTS)
                .payouts(
                        dibao("P-2025-01", WANG, "2025-01", JANUARY_10),
                        dibao("P-2026-06", WANG, "2026-06", at("2026-06-10T10:00")));
        assertThat(join.stateEntries()).as("the kept payouts only").isEqualTo(1);

        join.references(death(WANG, LocalDate.of(2024, 11, 2)));

        assertThat(join.alerts())
                .extracting(Alert::getAlertId)
                .containsExactly(DeceasedBeneficiaryAlerts.alertId("P-2026-06"));
        assertThat(join.eventTimeTimers()).as("no timers: nothing waits").isZero();
    }

    @Test
    void alertsNeverShowAnIdNumberAnAccountAFullNameOrTheDayOfDeath() throws Exception {
        join(THREE_MONTHS)
                .payouts(januaryToMay())
                .payouts(
                        payout("PEN-05", WANG, "2025-05", MAY_10)
                                .setProgramCode("PENSION_RURAL")
                                .build())
                .references(WANG_DIED_IN_JANUARY_KNOWN_IN_JUNE)
                .payouts(dibao("P-06", WANG, "2025-06", JUNE_10));

        assertThat(join.alerts()).hasSize(5);
        for (Alert alert : join.alerts()) {
            assertThat(idNumbersInClear(alert)).isEmpty();
            assertThat(everyText(alert))
                    .doesNotContain(personalData())
                    .doesNotContain("2025-01-20");
        }
    }

    private static List<Tuple> described(List<Alert> alerts) {
        return alerts.stream()
                .map(
                        a ->
                                tuple(
                                        a.getAlertId(),
                                        a.getKind(),
                                        a.getEventTime(),
                                        a.getSeverity(),
                                        a.getSummary()))
                .toList();
    }

    private static Alert single(List<Alert> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }
}
