package org.clearwatch.patterns.officialbeneficiary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.clearwatch.patterns.payouts.PayoutTestData.APRIL_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.DIBAO_FEN;
import static org.clearwatch.patterns.payouts.PayoutTestData.FEBRUARY_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.JANUARY_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.JUNE_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.JUNE_2;
import static org.clearwatch.patterns.payouts.PayoutTestData.MARCH_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.MAY_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.OTHER_TOWNSHIP;
import static org.clearwatch.patterns.payouts.PayoutTestData.WANG;
import static org.clearwatch.patterns.payouts.PayoutTestData.ZHAO;
import static org.clearwatch.patterns.payouts.PayoutTestData.dibao;
import static org.clearwatch.patterns.payouts.PayoutTestData.everyText;
import static org.clearwatch.patterns.payouts.PayoutTestData.idNumbersInClear;
import static org.clearwatch.patterns.payouts.PayoutTestData.official;
import static org.clearwatch.patterns.payouts.PayoutTestData.payout;
import static org.clearwatch.patterns.payouts.PayoutTestData.personalData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
 * official-beneficiary, told as stories: payouts and the officials roster in, whichever comes
 * first, and alerts out.
 */
class OfficialBeneficiaryModelTest {

    private static final OfficialBeneficiary.Settings DEFAULTS =
            OfficialBeneficiary.Settings.defaults();

    /** Zhao, director of the village committee since 2020, known from the start. */
    private static final Official ZHAO_DIRECTOR = official(ZHAO, "村委会主任").build();

    /** The same, but the roster only told Clearwatch on 2025-06-02. */
    private static final Official ZHAO_KNOWN_IN_JUNE =
            official(ZHAO, "村委会主任").setRecordedAt(JUNE_2).build();

    private PayoutJoinHarness<Official> join;

    private PayoutJoinHarness<Official> join(OfficialBeneficiary.Settings settings)
            throws Exception {
        join = PayoutHarnesses.roster(settings);
        return join;
    }

    @AfterEach
    void closeHarness() throws Exception {
        if (join != null) {
            join.close();
        }
    }

    private static BankPayout ofProgramme(String payoutId, String programme, Instant paidAt) {
        return payout(payoutId, ZHAO, "2025-03", paidAt).setProgramCode(programme).build();
    }

    @Test
    void raisesWhenAnOfficialReceivesDibao() throws Exception {
        join(DEFAULTS).references(ZHAO_DIRECTOR).payouts(dibao("Z-03", ZHAO, "2025-03", MARCH_10));

        Alert raised = single(join.alerts());
        assertThat(raised.getAlertId())
                .isEqualTo(OfficialBeneficiaryAlerts.alertId("Z-03"))
                .startsWith("official-beneficiary:");
        assertThat(raised.getKind()).isEqualTo(AlertKind.RAISED);
        assertThat(raised.getSeverity())
                .as("the official serves in the township that paid")
                .isEqualTo(Severity.CRITICAL);
        assertThat(raised.getEntityId()).isEqualTo("3302**********" + ZHAO.id().substring(14));
        assertThat(raised.getAmountFen()).isEqualTo(DIBAO_FEN);
        assertThat(raised.getEventTime()).isEqualTo(MARCH_10);
        assertThat(raised.getTitle()).isEqualTo("公职人员领取不应享受的补贴");
        assertThat(raised.getSummary())
                .contains("赵**", "村委会主任", "2025-03-10", "DIBAO补贴2025-03期650.00元", "2020-01-01起至今");
        assertThat(raised.getEvidence())
                .extracting("feed", "recordId", "role")
                .containsExactly(
                        tuple("payout", "Z-03", "payout"),
                        tuple(
                                "ref.official",
                                "official:3302**********" + ZHAO.id().substring(14),
                                "official-record"));
        assertThat(raised.getFacts())
                .containsEntry("program_code", "DIBAO")
                .containsEntry("official_role", "村委会主任")
                .containsEntry("retroactive", "false")
                .containsEntry("restricted_programmes", "DIBAO,PUBLIC_WELFARE_JOB,SKILL_TRAINING");
    }

    @Test
    void publicWelfareJobsAndSkillTrainingAreRestrictedByDefaultToo() throws Exception {
        join(DEFAULTS)
                .references(ZHAO_DIRECTOR)
                .payouts(
                        ofProgramme("Z-JOB", "PUBLIC_WELFARE_JOB", MARCH_10),
                        ofProgramme("Z-TRAIN", "SKILL_TRAINING", APRIL_10));

        assertThat(join.alerts())
                .extracting(Alert::getAlertId)
                .containsExactly(
                        OfficialBeneficiaryAlerts.alertId("Z-JOB"),
                        OfficialBeneficiaryAlerts.alertId("Z-TRAIN"));
    }

    @Test
    void anOfficialReceivingAProgrammeNotOnTheListStaysQuiet() throws Exception {
        join(DEFAULTS)
                .references(ZHAO_DIRECTOR)
                .payouts(
                        ofProgramme("Z-PEN", "PENSION_RURAL", MARCH_10),
                        ofProgramme("Z-FARM", "FARMLAND", APRIL_10));

        assertThat(join.alerts()).isEmpty();
        assertThat(join.stateEntries()).as("the roster record only: nothing kept").isEqualTo(1);
    }

    @Test
    void staysQuietForSomeoneNotOnTheRoster() throws Exception {
        join(DEFAULTS).references(ZHAO_DIRECTOR).payouts(dibao("W-03", WANG, "2025-03", MARCH_10));

        assertThat(join.alerts()).isEmpty();
    }

    @Test
    void aRosterRecordArrivingAfterThePayoutRaisesIt() throws Exception {
        join(DEFAULTS).payouts(dibao("Z-03", ZHAO, "2025-03", MARCH_10));
        assertThat(join.alerts()).isEmpty();

        join.references(ZHAO_KNOWN_IN_JUNE);

        Alert raised = single(join.alerts());
        assertThat(raised.getAlertId()).isEqualTo(OfficialBeneficiaryAlerts.alertId("Z-03"));
        assertThat(raised.getEventTime()).isEqualTo(JUNE_2);
        assertThat(raised.getSummary()).contains("名册信息于2025-06-02登记");
        assertThat(raised.getFacts()).containsEntry("retroactive", "true");
    }

    @Test
    void theRosterRecordBeforeOrAfterThePayoutGivesTheSameAlert() throws Exception {
        Alert after;
        try (PayoutJoinHarness<Official> late = PayoutHarnesses.roster(DEFAULTS)) {
            late.payouts(dibao("Z-03", ZHAO, "2025-03", MARCH_10)).references(ZHAO_KNOWN_IN_JUNE);
            after = single(late.alerts());
        }

        join(DEFAULTS)
                .references(ZHAO_KNOWN_IN_JUNE)
                .payouts(dibao("Z-03", ZHAO, "2025-03", MARCH_10));

        Alert before = single(join.alerts());
        assertThat(before.getAlertId()).isEqualTo(after.getAlertId());
        assertThat(before.getEventTime()).isEqualTo(after.getEventTime()).isEqualTo(JUNE_2);
        assertThat(before.getSummary()).isEqualTo(after.getSummary());
    }

    @Test
    void aLateRosterRecordRaisesOnlyThePayoutsWithinTheLookBack() throws Exception {
        OfficialBeneficiary.Settings threeMonths =
                OfficialBeneficiary.Settings.of(
                        OfficialBeneficiary.SPEC
                                .defaults()
                                .with(OfficialBeneficiary.LOOK_BACK_MONTHS, 3));
        join(threeMonths)
                .payouts(
                        dibao("Z-01", ZHAO, "2025-01", JANUARY_10),
                        dibao("Z-02", ZHAO, "2025-02", FEBRUARY_10),
                        dibao("Z-03", ZHAO, "2025-03", MARCH_10),
                        dibao("Z-05", ZHAO, "2025-05", MAY_10))
                .references(ZHAO_KNOWN_IN_JUNE);

        assertThat(join.alerts())
                .extracting(Alert::getAlertId)
                .containsExactly(
                        OfficialBeneficiaryAlerts.alertId("Z-03"),
                        OfficialBeneficiaryAlerts.alertId("Z-05"));
    }

    @Test
    void staysQuietForPayoutsOutsideTheOfficialsTerm() throws Exception {
        Official april =
                official(ZHAO, "驻村干部")
                        .setValidFrom(LocalDate.of(2025, 4, 1))
                        .setValidTo(LocalDate.of(2025, 4, 30))
                        .build();
        join(DEFAULTS)
                .references(april)
                .payouts(
                        dibao("Z-03", ZHAO, "2025-03", MARCH_10),
                        dibao("Z-04", ZHAO, "2025-04", APRIL_10),
                        dibao("Z-05", ZHAO, "2025-05", MAY_10));

        assertThat(single(join.alerts()).getSummary()).contains("2025-04-01至2025-04-30");
    }

    @Test
    void isHighRatherThanCriticalWhenTheOfficialServesInAnotherTownship() throws Exception {
        join(DEFAULTS)
                .references(official(ZHAO, "科员").setTownshipCode(OTHER_TOWNSHIP).build())
                .payouts(dibao("Z-03", ZHAO, "2025-03", MARCH_10));

        assertThat(single(join.alerts()).getSeverity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void theRestrictedProgrammesAreAParameter() throws Exception {
        OfficialBeneficiary.Settings pensionOnly =
                OfficialBeneficiary.Settings.of(
                        OfficialBeneficiary.SPEC
                                .defaults()
                                .with(OfficialBeneficiary.RESTRICTED_PROGRAMMES, "PENSION_RURAL"));
        join(pensionOnly)
                .references(ZHAO_DIRECTOR)
                .payouts(
                        dibao("Z-03", ZHAO, "2025-03", MARCH_10),
                        ofProgramme("Z-PEN", "PENSION_RURAL", APRIL_10));

        assertThat(join.alerts())
                .extracting(Alert::getAlertId)
                .containsExactly(OfficialBeneficiaryAlerts.alertId("Z-PEN"));
    }

    @Test
    void aResentPayoutOrRosterRecordRaisesNothingMore() throws Exception {
        BankPayout march = dibao("Z-03", ZHAO, "2025-03", MARCH_10);
        join(DEFAULTS)
                .payouts(march)
                .references(ZHAO_KNOWN_IN_JUNE)
                .references(Official.newBuilder(ZHAO_KNOWN_IN_JUNE).build())
                .payouts(BankPayout.newBuilder(march).build());

        assertThat(join.alerts()).hasSize(1);
    }

    @Test
    void alertsNeverShowAnIdNumberAnAccountOrAFullName() throws Exception {
        join(DEFAULTS)
                .payouts(dibao("Z-03", ZHAO, "2025-03", MARCH_10))
                .references(ZHAO_KNOWN_IN_JUNE)
                .payouts(ofProgramme("Z-JOB", "PUBLIC_WELFARE_JOB", JUNE_10));

        assertThat(join.alerts()).hasSize(2);
        for (Alert alert : join.alerts()) {
            assertThat(idNumbersInClear(alert)).isEmpty();
            assertThat(everyText(alert)).doesNotContain(personalData());
        }
    }

    private static Alert single(List<Alert> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }
}
