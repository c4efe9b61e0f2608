package org.clearwatch.patterns.rentarrears;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.patterns.rentarrears.RentTestData.ACCOUNT;
import static org.clearwatch.patterns.rentarrears.RentTestData.A_WEEK_LATE;
import static org.clearwatch.patterns.rentarrears.RentTestData.CONTRACT;
import static org.clearwatch.patterns.rentarrears.RentTestData.DEADLINE;
import static org.clearwatch.patterns.rentarrears.RentTestData.DEADLINE_DAY_1000;
import static org.clearwatch.patterns.rentarrears.RentTestData.LAST_GRACE_DAY_2359;
import static org.clearwatch.patterns.rentarrears.RentTestData.MONDAY_0900;
import static org.clearwatch.patterns.rentarrears.RentTestData.NEXT_MONDAY_0900;
import static org.clearwatch.patterns.rentarrears.RentTestData.NEXT_WEDNESDAY_1000;
import static org.clearwatch.patterns.rentarrears.RentTestData.OTHER_CONTRACT;
import static org.clearwatch.patterns.rentarrears.RentTestData.OTHER_VILLAGE;
import static org.clearwatch.patterns.rentarrears.RentTestData.TWENTY_THOUSAND_YUAN;
import static org.clearwatch.patterns.rentarrears.RentTestData.TWO_MONTHS_LATER;
import static org.clearwatch.patterns.rentarrears.RentTestData.TWO_YEARS_LATER;
import static org.clearwatch.patterns.rentarrears.RentTestData.VILLAGE;
import static org.clearwatch.patterns.rentarrears.RentTestData.WEDNESDAY_1000;
import static org.clearwatch.patterns.rentarrears.RentTestData.at;
import static org.clearwatch.patterns.rentarrears.RentTestData.due;
import static org.clearwatch.patterns.rentarrears.RentTestData.entry;
import static org.clearwatch.patterns.rentarrears.RentTestData.paid;

import java.util.List;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;
import org.clearwatch.schema.feed.LedgerEntryType;
import org.clearwatch.schema.ref.CalendarDay;
import org.clearwatch.schema.ref.DayKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** rent-arrears, told as stories: rent entries in event time, alerts out. */
class RentArrearsModelTest {

    private static final RentArrears.Settings TEN_WORKING_DAYS = RentArrears.Settings.defaults();
    private static final RentArrears.Settings THREE_WORKING_DAYS =
            RentArrears.Settings.of(RentArrears.SPEC.defaults().with(RentArrears.GRACE_DAYS, 3));

    private RentArrearsHarness ledger;

    private RentArrearsHarness ledger(RentArrears.Settings settings) throws Exception {
        ledger = RentArrearsHarness.start(settings, WorkingCalendar.china());
        return ledger;
    }

    @AfterEach
    void closeHarness() throws Exception {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void staysQuietWhenRentIsPaidWithinTheGracePeriod() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(
                        due("D1", MONDAY_0900),
                        paid("P1", TWENTY_THOUSAND_YUAN, NEXT_WEDNESDAY_1000))
                .watermark(TWO_MONTHS_LATER);

        assertThat(ledger.alerts()).isEmpty();
    }

    @Test
    void staysQuietUntilTheGracePeriodHasEnded() throws Exception {
        ledger(TEN_WORKING_DAYS).entries(due("D1", MONDAY_0900)).watermark(LAST_GRACE_DAY_2359);

        assertThat(ledger.alerts()).isEmpty();
    }

    @Test
    void raisesAtTheEndOfTheGracePeriodWithTheAmountOutstanding() throws Exception {
        ledger(TEN_WORKING_DAYS).entries(due("D1", MONDAY_0900)).watermark(DEADLINE_DAY_1000);

        Alert raised = single(ledger.alerts());
        assertThat(raised.getKind()).isEqualTo(AlertKind.RAISED);
        assertThat(raised.getModelId()).isEqualTo(RentArrears.ID);
        assertThat(raised.getEventTime()).isEqualTo(DEADLINE);
        assertThat(raised.getAmountFen()).isEqualTo(TWENTY_THOUSAND_YUAN);
        assertThat(raised.getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(raised.getAlertId())
                .isEqualTo(RentArrearsAlerts.alertId(VILLAGE, CONTRACT, "D1"))
                .startsWith("rent-arrears:");
        assertThat(raised.getEntityType()).isEqualTo("lease_contract");
        assertThat(raised.getEntityId()).isEqualTo(CONTRACT);
        assertThat(raised.getVillageCode()).isEqualTo(VILLAGE);
        assertThat(raised.getTitle()).isEqualTo("集体资产租金逾期未收");
        assertThat(raised.getSummary()).contains(CONTRACT, "20,000.00", "2025-03-03", "2025-03-17");
        assertThat(raised.getEvidence()).extracting("recordId").containsExactly("D1");
        assertThat(raised.getEvidence()).extracting("role").containsExactly("rent_due");
        assertThat(raised.getFacts())
                .containsEntry("contract_no", CONTRACT)
                .containsEntry("account_id", ACCOUNT)
                .containsEntry("outstanding_fen", "2000000")
                .containsEntry("last_day", "2025-03-17")
                .containsEntry("grace_days", "10");
    }

    @Test
    void theLesseeAppearsByFamilyNameOnly() throws Exception {
        ledger(TEN_WORKING_DAYS).entries(due("D1", MONDAY_0900)).watermark(DEADLINE_DAY_1000);

        Alert raised = single(ledger.alerts());
        assertThat(raised.getSummary()).contains("承租方张**").doesNotContain("三丰");
        assertThat(raised.getFacts()).containsEntry("lessee", "张**");
        assertThat(raised.toString()).doesNotContain("三丰");
    }

    @Test
    void unpaidRentIsRaisedOnceAndNeverResolved() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(due("D1", MONDAY_0900))
                .watermark(DEADLINE_DAY_1000)
                .watermark(TWO_MONTHS_LATER);

        assertThat(ledger.alerts()).extracting(Alert::getKind).containsExactly(AlertKind.RAISED);
    }

    @Test
    void resolvesSayingHowManyDaysLateWhenRentIsPaidLate() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(due("D1", MONDAY_0900))
                .watermark(DEADLINE_DAY_1000)
                .entries(paid("P1", TWENTY_THOUSAND_YUAN, A_WEEK_LATE))
                .watermark(TWO_MONTHS_LATER);

        assertThat(ledger.alerts())
                .extracting(Alert::getKind)
                .containsExactly(AlertKind.RAISED, AlertKind.RESOLVED);
        Alert resolved = ledger.alerts().get(1);
        assertThat(resolved.getAlertId()).isEqualTo(ledger.alerts().get(0).getAlertId());
        assertThat(resolved.getEventTime()).isEqualTo(A_WEEK_LATE);
        assertThat(resolved.getAmountFen()).isEqualTo(TWENTY_THOUSAND_YUAN);
        assertThat(resolved.getFacts()).containsEntry("days_late", "8");
        assertThat(resolved.getTitle()).isEqualTo("逾期租金已收齐");
        assertThat(resolved.getSummary()).contains("2025-03-25", "晚8天", "2025-03-17");
        assertThat(resolved.getEvidence()).extracting("recordId").containsExactly("D1", "P1");
    }

    @Test
    void resolvesAfterRaisingEvenWhenBothHappenInOneWatermarkStep() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(due("D1", MONDAY_0900), paid("P1", TWENTY_THOUSAND_YUAN, A_WEEK_LATE))
                .watermark(TWO_MONTHS_LATER);

        assertThat(ledger.alerts())
                .extracting(Alert::getKind)
                .containsExactly(AlertKind.RAISED, AlertKind.RESOLVED);
    }

    @Test
    void paymentAtTheDeadlineInstantIsOneDayLate() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(due("D1", MONDAY_0900), paid("P1", TWENTY_THOUSAND_YUAN, DEADLINE))
                .watermark(TWO_MONTHS_LATER);

        assertThat(ledger.alerts())
                .extracting(Alert::getKind)
                .containsExactly(AlertKind.RAISED, AlertKind.RESOLVED);
        assertThat(ledger.alerts().get(1).getFacts()).containsEntry("days_late", "1");
    }

    @Test
    void paymentOneMinuteBeforeTheDeadlineIsOnTime() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(
                        due("D1", MONDAY_0900),
                        paid("P1", TWENTY_THOUSAND_YUAN, LAST_GRACE_DAY_2359))
                .watermark(TWO_MONTHS_LATER);

        assertThat(ledger.alerts()).isEmpty();
    }

    @Test
    void aPartPaymentLeavesTheRestOutstanding() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(due("D1", MONDAY_0900), paid("P1", 500_000L, WEDNESDAY_1000))
                .watermark(DEADLINE_DAY_1000);

        Alert raised = single(ledger.alerts());
        assertThat(raised.getAmountFen()).isEqualTo(1_500_000L);
        assertThat(raised.getEvidence()).extracting("recordId").containsExactly("D1", "P1");
        assertThat(raised.getFacts())
                .containsEntry("paid_fen", "500000")
                .containsEntry("outstanding_fen", "1500000");
        assertThat(raised.getSummary()).contains("已收5,000.00元", "仍欠15,000.00元");
    }

    @Test
    void aLatePartPaymentDoesNotResolveButTheLastPartDoes() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(due("D1", MONDAY_0900), paid("P1", 500_000L, WEDNESDAY_1000))
                .watermark(DEADLINE_DAY_1000)
                .entries(paid("P2", 1_000_000L, A_WEEK_LATE))
                .watermark(at("2025-03-31T00:00"));

        assertThat(ledger.alerts()).extracting(Alert::getKind).containsExactly(AlertKind.RAISED);

        ledger.entries(paid("P3", 500_000L, at("2025-04-01T10:00"))).watermark(TWO_MONTHS_LATER);

        assertThat(ledger.alerts())
                .extracting(Alert::getKind)
                .containsExactly(AlertKind.RAISED, AlertKind.RESOLVED);
        Alert resolved = ledger.alerts().get(1);
        assertThat(resolved.getAmountFen()).isEqualTo(1_500_000L);
        assertThat(resolved.getFacts()).containsEntry("days_late", "15");
        assertThat(resolved.getEvidence())
                .extracting("recordId")
                .containsExactly("D1", "P1", "P2", "P3");
    }

    @Test
    void aPaymentPaysTheOldestDueFirst() throws Exception {
        // D1 is due 3-03 (in by 3-17), D2 3-10 (in by 3-24); one payment covers one of them.
        ledger(TEN_WORKING_DAYS)
                .entries(
                        due("D1", MONDAY_0900),
                        due("D2", NEXT_MONDAY_0900),
                        paid("P1", TWENTY_THOUSAND_YUAN, NEXT_WEDNESDAY_1000))
                .watermark(TWO_MONTHS_LATER);

        Alert raised = single(ledger.alerts());
        assertThat(raised.getAlertId())
                .isEqualTo(RentArrearsAlerts.alertId(VILLAGE, CONTRACT, "D2"));
        assertThat(raised.getEventTime()).isEqualTo(at("2025-03-25T00:00"));
        assertThat(raised.getAmountFen()).isEqualTo(TWENTY_THOUSAND_YUAN);
    }

    @Test
    void aLatePaymentResolvesTheOldestArrearsFirst() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(due("D1", MONDAY_0900), due("D2", NEXT_MONDAY_0900))
                .watermark(at("2025-03-26T00:00"))
                .entries(paid("P1", 3_000_000L, at("2025-03-27T10:00")))
                .watermark(TWO_MONTHS_LATER);

        assertThat(ledger.alerts())
                .extracting(Alert::getKind)
                .containsExactly(AlertKind.RAISED, AlertKind.RAISED, AlertKind.RESOLVED);
        Alert resolved = ledger.alerts().get(2);
        assertThat(resolved.getAlertId())
                .isEqualTo(RentArrearsAlerts.alertId(VILLAGE, CONTRACT, "D1"));
        assertThat(resolved.getFacts()).containsEntry("days_late", "10");
    }

    @Test
    void aPaymentBookedJustBeforeItsDueStillPaysIt() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(
                        paid("P1", TWENTY_THOUSAND_YUAN, MONDAY_0900.minusSeconds(3600)),
                        due("D1", MONDAY_0900))
                .watermark(TWO_MONTHS_LATER);

        assertThat(ledger.alerts()).isEmpty();
    }

    @Test
    void whatAPaymentLeavesOverPaysTheNextDue() throws Exception {
        // 30,000 paid on a 20,000 due: 10,000 in advance for April's due of 20,000.
        ledger(TEN_WORKING_DAYS)
                .entries(
                        due("D1", MONDAY_0900),
                        paid("P1", 3_000_000L, WEDNESDAY_1000),
                        due("D2", at("2025-04-01T09:00")))
                .watermark(TWO_MONTHS_LATER);

        Alert raised = single(ledger.alerts());
        assertThat(raised.getAlertId())
                .isEqualTo(RentArrearsAlerts.alertId(VILLAGE, CONTRACT, "D2"));
        assertThat(raised.getAmountFen()).isEqualTo(1_000_000L);
        assertThat(raised.getEvidence()).extracting("recordId").containsExactly("D2", "P1");
        assertThat(raised.getEvidence())
                .extracting("amountFen")
                .containsExactly(2_000_000L, 1_000_000L);
    }

    @Test
    void anAdvancePaymentForTheYearCoversEveryDueItCan() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(
                        paid("P1", 3 * TWENTY_THOUSAND_YUAN, at("2025-02-28T10:00")),
                        due("D1", MONDAY_0900),
                        due("D2", at("2025-04-01T09:00")),
                        due("D3", at("2025-05-06T09:00")))
                .watermark(at("2025-07-01T00:00"));

        assertThat(ledger.alerts()).isEmpty();
    }

    @Test
    void keepsContractsApart() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(
                        due("D1", MONDAY_0900),
                        entry("P1", LedgerEntryType.RENT_RECEIVED, WEDNESDAY_1000)
                                .setContractNo(OTHER_CONTRACT)
                                .build(),
                        entry("P2", LedgerEntryType.RENT_RECEIVED, WEDNESDAY_1000)
                                .setVillageCode(OTHER_VILLAGE)
                                .build())
                .watermark(DEADLINE_DAY_1000);

        assertThat(single(ledger.alerts()).getEntityId()).isEqualTo(CONTRACT);
    }

    @Test
    void ignoresEntriesWithoutAContractAndCashEntries() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(
                        due("D1", MONDAY_0900),
                        entry("P1", LedgerEntryType.RENT_RECEIVED, WEDNESDAY_1000)
                                .setContractNo(null)
                                .build(),
                        entry("C1", LedgerEntryType.CASH_RECEIPT, WEDNESDAY_1000)
                                .setReceiptNo("SJ1")
                                .build(),
                        entry("X1", LedgerEntryType.RENT_DUE, WEDNESDAY_1000)
                                .setContractNo(" ")
                                .build())
                .watermark(TWO_MONTHS_LATER);

        assertThat(single(ledger.alerts()).getAlertId())
                .isEqualTo(RentArrearsAlerts.alertId(VILLAGE, CONTRACT, "D1"));
    }

    @Test
    void aResentDueIsRaisedOnce() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(due("D1", MONDAY_0900), due("D1", MONDAY_0900))
                .watermark(DEADLINE_DAY_1000)
                .entries(due("D1", MONDAY_0900));

        assertThat(ledger.alerts()).hasSize(1);
    }

    @Test
    void aResentPaymentCountsOnce() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(
                        due("D1", MONDAY_0900),
                        paid("P1", 1_000_000L, WEDNESDAY_1000),
                        paid("P1", 1_000_000L, WEDNESDAY_1000))
                .watermark(DEADLINE_DAY_1000);

        assertThat(single(ledger.alerts()).getAmountFen()).isEqualTo(1_000_000L);
    }

    @Test
    void aMakeUpWorkingSundayCountsAsAGraceDay() throws Exception {
        // Fri 9-26; Sun 9-28 is worked (调休), then Mon 9-29 and Tue 9-30: in by the end of 9-30.
        ledger(THREE_WORKING_DAYS)
                .entries(due("D1", at("2025-09-26T15:00")))
                .watermark(at("2025-10-01T08:00"));

        assertThat(single(ledger.alerts()).getEventTime()).isEqualTo(at("2025-10-01T00:00"));
    }

    @Test
    void aDayOffAnnouncedThroughTheCalendarFeedExtendsTheGracePeriod() throws Exception {
        // Fri 9-26 due; Mon 9-29 declared a day off through ref-calendar before the due is booked:
        // Sun 9-28, Tue 9-30 and, after Golden Week, Thu 10-9 are the three working days.
        ledger(THREE_WORKING_DAYS)
                .calendarDay(
                        CalendarDay.newBuilder()
                                .setDate(java.time.LocalDate.parse("2025-09-29"))
                                .setKind(DayKind.HOLIDAY)
                                .setName("测试")
                                .build())
                .entries(due("D1", at("2025-09-26T15:00")))
                .watermark(at("2025-11-01T00:00"));

        assertThat(single(ledger.alerts()).getEventTime()).isEqualTo(at("2025-10-10T00:00"));
    }

    @Test
    void staysQuietWhenPaidOnTheMakeUpSaturdayAfterGoldenWeek() throws Exception {
        // Tue 9-30; 10-1..10-8 are holidays; Thu 10-9, Fri 10-10, Sat 10-11 (worked): in by the
        // end of 10-11.
        ledger(THREE_WORKING_DAYS)
                .entries(
                        due("D1", at("2025-09-30T11:00")),
                        paid("P1", TWENTY_THOUSAND_YUAN, at("2025-10-11T16:00")))
                .watermark(at("2025-11-01T00:00"));

        assertThat(ledger.alerts()).isEmpty();
    }

    @Test
    void raisesAfterGoldenWeekAndTheMakeUpSaturdayWhenStillUnpaid() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(due("D1", at("2025-09-30T11:00")))
                .watermark(at("2025-11-01T00:00"));

        Alert raised = single(ledger.alerts());
        assertThat(raised.getEventTime()).isEqualTo(at("2025-10-12T00:00"));
        assertThat(raised.getFacts()).containsEntry("last_day", "2025-10-11");
    }

    @Test
    void countsCalendarDaysWhenWorkingDaysAreOff() throws Exception {
        RentArrears.Settings calendarDays =
                RentArrears.Settings.of(
                        RentArrears.SPEC
                                .defaults()
                                .with(RentArrears.GRACE_DAYS, 3)
                                .with(RentArrears.WORKING_DAYS, false));

        ledger(calendarDays)
                .entries(due("D1", at("2025-09-30T11:00")))
                .watermark(at("2025-11-01T00:00"));

        Alert raised = single(ledger.alerts());
        assertThat(raised.getEventTime()).isEqualTo(at("2025-10-04T00:00"));
        assertThat(raised.getSummary()).contains("3个自然日");
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfOpenDuesDroppingTheOldest() throws Exception {
        RentArrears.Settings fourDues =
                RentArrears.Settings.of(
                        RentArrears.SPEC.defaults().with(RentArrears.MAX_OPEN_DUES, 4));

        ledger(fourDues)
                .entries(
                        due("D1", MONDAY_0900),
                        due("D2", MONDAY_0900.plusSeconds(3600)),
                        due("D3", MONDAY_0900.plusSeconds(7200)),
                        due("D4", MONDAY_0900.plusSeconds(10800)),
                        due("D5", MONDAY_0900.plusSeconds(14400)))
                .watermark(DEADLINE_DAY_1000);

        assertThat(ledger.alerts())
                .extracting(Alert::getAlertId)
                .containsExactlyInAnyOrder(
                        RentArrearsAlerts.alertId(VILLAGE, CONTRACT, "D2"),
                        RentArrearsAlerts.alertId(VILLAGE, CONTRACT, "D3"),
                        RentArrearsAlerts.alertId(VILLAGE, CONTRACT, "D4"),
                        RentArrearsAlerts.alertId(VILLAGE, CONTRACT, "D5"));
    }

    @Test
    void leavesNoStateAndNoTimersOnceRentPaidOnTimeIsPastTheDuplicateWindow() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(due("D1", MONDAY_0900), paid("P1", TWENTY_THOUSAND_YUAN, WEDNESDAY_1000))
                .watermark(TWO_MONTHS_LATER);

        assertThat(ledger.alerts()).isEmpty();
        assertThat(ledger.stateEntries()).as(ledger.describeState()).isZero();
        assertThat(ledger.eventTimeTimers()).as(ledger.describeState()).isZero();
    }

    @Test
    void leavesNoStateOnceResolvedAndNoTimersOnceThePatternWindowsHavePassed() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(due("D1", MONDAY_0900), paid("P1", TWENTY_THOUSAND_YUAN, A_WEEK_LATE))
                .watermark(TWO_MONTHS_LATER);

        assertThat(ledger.alerts()).hasSize(2);
        assertThat(ledger.stateEntries()).as(ledger.describeState()).isZero();

        // CEP keeps each pattern window's timer until it fires; they fire empty-handed.
        ledger.watermark(TWO_YEARS_LATER);
        assertThat(ledger.eventTimeTimers()).as(ledger.describeState()).isZero();
    }

    @Test
    void dropsUnpaidRentAfterTheTrackingHorizonAndNeverResolvesIt() throws Exception {
        ledger(TEN_WORKING_DAYS).entries(due("D1", MONDAY_0900)).watermark(TWO_YEARS_LATER);

        assertThat(ledger.alerts()).hasSize(1);
        assertThat(ledger.stateEntries()).as(ledger.describeState()).isZero();
        assertThat(ledger.eventTimeTimers()).as(ledger.describeState()).isZero();

        ledger.entries(paid("P1", TWENTY_THOUSAND_YUAN, TWO_YEARS_LATER.plusSeconds(3600)))
                .watermark(TWO_YEARS_LATER.plusSeconds(86_400 * 30));
        assertThat(ledger.alerts()).extracting(Alert::getKind).containsExactly(AlertKind.RAISED);
    }

    @Test
    void forgetsAnUnusedAdvancePaymentAfterTheTrackingHorizon() throws Exception {
        ledger(TEN_WORKING_DAYS)
                .entries(paid("P1", TWENTY_THOUSAND_YUAN, MONDAY_0900))
                .watermark(TWO_YEARS_LATER);

        assertThat(ledger.stateEntries()).as(ledger.describeState()).isZero();
        assertThat(ledger.eventTimeTimers()).as(ledger.describeState()).isZero();

        ledger.entries(due("D1", TWO_YEARS_LATER.plusSeconds(3600)))
                .watermark(TWO_YEARS_LATER.plusSeconds(86_400 * 30));
        assertThat(ledger.alerts()).extracting(Alert::getKind).containsExactly(AlertKind.RAISED);
    }

    private static Alert single(List<Alert> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }
}
