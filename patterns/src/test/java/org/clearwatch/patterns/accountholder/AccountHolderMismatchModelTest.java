package org.clearwatch.patterns.accountholder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.clearwatch.patterns.payouts.PayoutTestData.APRIL_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.DECEMBER_31;
import static org.clearwatch.patterns.payouts.PayoutTestData.DIBAO_FEN;
import static org.clearwatch.patterns.payouts.PayoutTestData.FENG;
import static org.clearwatch.patterns.payouts.PayoutTestData.JUNE_2;
import static org.clearwatch.patterns.payouts.PayoutTestData.LI;
import static org.clearwatch.patterns.payouts.PayoutTestData.MARCH_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.MARCH_20;
import static org.clearwatch.patterns.payouts.PayoutTestData.MARCH_25;
import static org.clearwatch.patterns.payouts.PayoutTestData.QIAN;
import static org.clearwatch.patterns.payouts.PayoutTestData.QIAN_SON;
import static org.clearwatch.patterns.payouts.PayoutTestData.SUN;
import static org.clearwatch.patterns.payouts.PayoutTestData.WANG;
import static org.clearwatch.patterns.payouts.PayoutTestData.WU;
import static org.clearwatch.patterns.payouts.PayoutTestData.ZHAO;
import static org.clearwatch.patterns.payouts.PayoutTestData.ZHENG;
import static org.clearwatch.patterns.payouts.PayoutTestData.ZHOU;
import static org.clearwatch.patterns.payouts.PayoutTestData.dibao;
import static org.clearwatch.patterns.payouts.PayoutTestData.everyText;
import static org.clearwatch.patterns.payouts.PayoutTestData.idNumbersInClear;
import static org.clearwatch.patterns.payouts.PayoutTestData.official;
import static org.clearwatch.patterns.payouts.PayoutTestData.paidInto;
import static org.clearwatch.patterns.payouts.PayoutTestData.personalData;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.clearwatch.patterns.payouts.PayoutHarnesses;
import org.clearwatch.patterns.payouts.PayoutJoinHarness;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.Official;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * account-holder-mismatch, told as stories: payouts into accounts and the officials roster in,
 * alerts out once event time has passed the payouts.
 */
class AccountHolderMismatchModelTest {

    private static final AccountHolderMismatch.Settings DEFAULTS =
            AccountHolderMismatch.Settings.defaults();

    /** Zhao, the village accountant, on the roster since 2020, known from the start. */
    private static final Official ZHAO_ACCOUNTANT = official(ZHAO, "村报账员").build();

    private static final String SUN_MASKED = "3302**********" + SUN.id().substring(14);

    private PayoutJoinHarness<Official> join;

    private PayoutJoinHarness<Official> join(AccountHolderMismatch.Settings settings)
            throws Exception {
        join = PayoutHarnesses.holders(settings);
        return join;
    }

    @AfterEach
    void closeHarness() throws Exception {
        if (join != null) {
            join.close();
        }
    }

    /** Sun's account receives the DIBAO of Wu, Zheng and Feng in March. */
    private static BankPayout[] sunCollectsForThree() {
        return new BankPayout[] {
            paidInto(SUN, "S-WU", WU, "2025-03", MARCH_10),
            paidInto(SUN, "S-ZHENG", ZHENG, "2025-03", MARCH_20),
            paidInto(SUN, "S-FENG", FENG, "2025-03", MARCH_25)
        };
    }

    @Test
    void aHolderWhoIsTheBeneficiaryStaysQuiet() throws Exception {
        join(DEFAULTS)
                .references(ZHAO_ACCOUNTANT)
                .payouts(
                        dibao("W-03", WANG, "2025-03", MARCH_10),
                        dibao("Z-03", ZHAO, "2025-03", MARCH_10))
                .watermark(DECEMBER_31);

        assertThat(join.alerts()).isEmpty();
        assertThat(join.stateEntries()).as("the roster record only").isEqualTo(1);
    }

    @Test
    void raisesLowOnceWhenABeneficiaryIsPaidIntoSomeoneElsesAccount() throws Exception {
        join(DEFAULTS)
                .payouts(
                        paidInto(QIAN_SON, "Q-03", QIAN, "2025-03", MARCH_10),
                        paidInto(QIAN_SON, "Q-04", QIAN, "2025-04", APRIL_10))
                .watermark(DECEMBER_31);

        Alert raised = single(join.alerts());
        assertThat(raised.getAlertId())
                .isEqualTo(AccountHolderAlerts.mismatchAlertId("Q-03"))
                .startsWith("account-holder-mismatch:");
        assertThat(raised.getKind()).isEqualTo(AlertKind.RAISED);
        assertThat(raised.getSeverity()).isEqualTo(Severity.LOW);
        assertThat(raised.getEntityType()).isEqualTo("account_holder");
        assertThat(raised.getEntityId()).isEqualTo("3302**********" + QIAN_SON.id().substring(14));
        assertThat(raised.getEventTime()).isEqualTo(MARCH_10);
        assertThat(raised.getAmountFen()).isEqualTo(DIBAO_FEN);
        assertThat(raised.getTitle()).isEqualTo("补贴打入他人账户");
        assertThat(raised.getSummary())
                .contains("钱**", "DIBAO补贴2025-03期650.00元", "***************0056", "并非受益人本人");
        assertThat(raised.getEvidence())
                .extracting("recordId", "role")
                .containsExactly(tuple("Q-03", "payout"));
        assertThat(raised.getFacts())
                .containsEntry("rule", "mismatch")
                .containsEntry("payout_id", "Q-03")
                .containsEntry("account_no", "***************0056");
    }

    @Test
    void aHolderCollectingForSeveralBeneficiariesIsTheSevereCase() throws Exception {
        join(DEFAULTS).payouts(sunCollectsForThree()).watermark(DECEMBER_31);

        assertThat(join.alerts())
                .extracting(Alert::getAlertId, Alert::getKind, Alert::getSeverity)
                .containsExactly(
                        tuple(mismatch("S-WU"), AlertKind.RAISED, Severity.LOW),
                        tuple(mismatch("S-ZHENG"), AlertKind.RAISED, Severity.LOW),
                        tuple(mismatch("S-FENG"), AlertKind.RAISED, Severity.LOW),
                        tuple(collector("S-FENG"), AlertKind.RAISED, Severity.HIGH));
        Alert collector = join.alerts().get(3);
        assertThat(collector.getEntityId()).isEqualTo(SUN_MASKED);
        assertThat(collector.getEventTime()).isEqualTo(MARCH_25);
        assertThat(collector.getAmountFen()).isEqualTo(3 * DIBAO_FEN);
        assertThat(collector.getTitle()).isEqualTo("一人账户代收多人补贴");
        assertThat(collector.getSummary()).contains("收取了3名他人的补贴", "1,950.00元", "吴**", "郑**", "冯**");
        assertThat(collector.getEvidence())
                .extracting("recordId")
                .containsExactly("S-WU", "S-ZHENG", "S-FENG");
        assertThat(collector.getFacts()).containsEntry("beneficiaries", "3");
    }

    @Test
    void aCollectorTakingOnOneMoreBeneficiaryUpdatesTheCaseAndAFamiliarOneDoesNot()
            throws Exception {
        join(DEFAULTS)
                .payouts(sunCollectsForThree())
                .payouts(
                        paidInto(SUN, "S-WU-04", WU, "2025-04", APRIL_10),
                        paidInto(SUN, "S-ZHOU", ZHOU, "2025-04", APRIL_10.plusSeconds(60)))
                .watermark(DECEMBER_31);

        List<Alert> afterMarch = join.alerts().subList(4, join.alerts().size());
        assertThat(afterMarch)
                .extracting(Alert::getAlertId, Alert::getKind)
                .containsExactly(
                        tuple(mismatch("S-ZHOU"), AlertKind.RAISED),
                        tuple(collector("S-FENG"), AlertKind.UPDATED));
        assertThat(afterMarch.get(1).getSummary()).contains("增至4名");
    }

    @Test
    void twoBeneficiariesAreNotYetACollector() throws Exception {
        join(DEFAULTS)
                .payouts(
                        paidInto(SUN, "S-WU", WU, "2025-03", MARCH_10),
                        paidInto(SUN, "S-ZHENG", ZHENG, "2025-03", MARCH_20))
                .watermark(DECEMBER_31);

        assertThat(join.alerts()).extracting(Alert::getSeverity).containsOnly(Severity.LOW);
    }

    @Test
    void anOfficialHoldingABeneficiarysMoneyIsHigh() throws Exception {
        join(DEFAULTS)
                .references(ZHAO_ACCOUNTANT)
                .payouts(paidInto(ZHAO, "L-03", LI, "2025-03", MARCH_10))
                .watermark(DECEMBER_31);

        assertThat(join.alerts())
                .extracting(Alert::getAlertId, Alert::getSeverity)
                .containsExactly(
                        tuple(mismatch("L-03"), Severity.LOW),
                        tuple(AccountHolderAlerts.officialHolderAlertId("L-03"), Severity.HIGH));
        Alert official = join.alerts().get(1);
        assertThat(official.getTitle()).isEqualTo("补贴打入公职人员账户");
        assertThat(official.getSummary()).contains("李**", "公职人员赵**", "村报账员");
        assertThat(official.getEvidence())
                .extracting("feed", "recordId")
                .containsExactly(
                        tuple("payout", "L-03"),
                        tuple("ref.official", "official:3302**********" + ZHAO.id().substring(14)));
        assertThat(official.getEventTime()).isEqualTo(MARCH_10);
    }

    @Test
    void aRosterRecordArrivingAfterThePayoutsRaisesTheOfficialHolderCase() throws Exception {
        Official knownInJune = official(ZHAO, "村报账员").setRecordedAt(JUNE_2).build();
        List<Tuple> rosterFirst;
        try (PayoutJoinHarness<Official> before = PayoutHarnesses.holders(DEFAULTS)) {
            before.references(knownInJune)
                    .payouts(paidInto(ZHAO, "L-03", LI, "2025-03", MARCH_10))
                    .watermark(DECEMBER_31);
            rosterFirst = described(before.alerts());
        }

        join(DEFAULTS)
                .payouts(paidInto(ZHAO, "L-03", LI, "2025-03", MARCH_10))
                .watermark(DECEMBER_31);
        assertThat(join.alerts()).extracting(Alert::getSeverity).containsExactly(Severity.LOW);
        join.references(knownInJune);

        assertThat(described(join.alerts())).isEqualTo(rosterFirst);
        Alert official = join.alerts().get(1);
        assertThat(official.getEventTime()).isEqualTo(JUNE_2);
        assertThat(official.getFacts()).containsEntry("retroactive", "true");
    }

    @Test
    void waitsForTheWatermarkSoThatFirstMeansFirstInEventTime() throws Exception {
        join(DEFAULTS)
                .payouts(
                        paidInto(QIAN_SON, "Q-04", QIAN, "2025-04", APRIL_10),
                        paidInto(QIAN_SON, "Q-03", QIAN, "2025-03", MARCH_10))
                .watermark(MARCH_10.minusSeconds(1));
        assertThat(join.alerts()).isEmpty();

        join.watermark(DECEMBER_31);

        assertThat(join.alerts())
                .extracting(Alert::getAlertId)
                .containsExactly(AccountHolderAlerts.mismatchAlertId("Q-03"));
        assertThat(join.eventTimeTimers()).isZero();
    }

    @Test
    void withoutEveryMismatchOnlyTheSevereCasesAreRaised() throws Exception {
        AccountHolderMismatch.Settings severeOnly =
                AccountHolderMismatch.Settings.of(
                        AccountHolderMismatch.SPEC
                                .defaults()
                                .with(AccountHolderMismatch.RAISE_EVERY_MISMATCH, false));
        join(severeOnly)
                .references(ZHAO_ACCOUNTANT)
                .payouts(paidInto(QIAN_SON, "Q-03", QIAN, "2025-03", MARCH_10))
                .payouts(paidInto(ZHAO, "L-03", LI, "2025-03", MARCH_10))
                .payouts(sunCollectsForThree())
                .watermark(DECEMBER_31);

        assertThat(join.alerts())
                .extracting(Alert::getAlertId)
                .containsExactlyInAnyOrder(
                        AccountHolderAlerts.officialHolderAlertId("L-03"), collector("S-FENG"));
    }

    @Test
    void alertsNeverShowAnIdNumberAnAccountOrAFullName() throws Exception {
        join(DEFAULTS)
                .references(ZHAO_ACCOUNTANT)
                .payouts(paidInto(QIAN_SON, "Q-03", QIAN, "2025-03", MARCH_10))
                .payouts(paidInto(ZHAO, "L-03", LI, "2025-03", MARCH_10))
                .payouts(sunCollectsForThree())
                .watermark(DECEMBER_31);

        assertThat(join.alerts()).hasSize(7);
        for (Alert alert : join.alerts()) {
            assertThat(idNumbersInClear(alert)).isEmpty();
            assertThat(everyText(alert)).doesNotContain(personalData());
        }
    }

    private static String mismatch(String payoutId) {
        return AccountHolderAlerts.mismatchAlertId(payoutId);
    }

    private static String collector(String payoutId) {
        return AccountHolderAlerts.collectorAlertId(payoutId);
    }

    private static List<Tuple> described(List<Alert> alerts) {
        return alerts.stream()
                .map(
                        a ->
                                tuple(
                                        a.getAlertId(),
                                        a.getKind(),
                                        a.getSeverity(),
                                        a.getEventTime(),
                                        a.getSummary()))
                .toList();
    }

    private static Alert single(List<Alert> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }
}
