package org.clearwatch.patterns.latedeposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.ACCOUNT;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.A_MONTH_LATER;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.A_YEAR_LATER;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.FRIDAY_1000;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.FRIDAY_MIDNIGHT;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.MONDAY_0930;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.MONDAY_1600;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.NEXT_MONDAY_1000;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.NEXT_WEDNESDAY_MIDNIGHT;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.THURSDAY_2359;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.TUESDAY_1000;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.TWENTY_THOUSAND_YUAN;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.WEDNESDAY_1000;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.at;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.deposit;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.receipt;

import java.util.List;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;
import org.clearwatch.schema.ref.CalendarDay;
import org.clearwatch.schema.ref.DayKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** late-deposit, told as stories: ledger entries in event time, alerts out. */
class LateDepositModelTest {

    private static final LateDeposit.Settings THREE_WORKING_DAYS = LateDeposit.Settings.defaults();

    private LateDepositHarness ledger;

    private LateDepositHarness ledger(LateDeposit.Settings settings) throws Exception {
        ledger = LateDepositHarness.start(settings, WorkingCalendar.china());
        return ledger;
    }

    @AfterEach
    void closeHarness() throws Exception {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void staysQuietWhenCashIsBankedOnTime() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", MONDAY_0930),
                        deposit("D1", TWENTY_THOUSAND_YUAN, WEDNESDAY_1000, "R1"))
                .watermark(A_MONTH_LATER);

        assertThat(ledger.alerts()).isEmpty();
    }

    @Test
    void raisesWhenReceiptIsNotBankedWithinThreeWorkingDays() throws Exception {
        ledger(THREE_WORKING_DAYS).entries(receipt("R1", MONDAY_0930)).watermark(FRIDAY_1000);

        Alert raised = single(ledger.alerts());
        assertThat(raised.getKind()).isEqualTo(AlertKind.RAISED);
        assertThat(raised.getEventTime()).isEqualTo(FRIDAY_MIDNIGHT);
        assertThat(raised.getAmountFen()).isEqualTo(TWENTY_THOUSAND_YUAN);
        assertThat(raised.getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(raised.getAlertId()).isEqualTo(LateDepositAlerts.alertId(ACCOUNT, "E-R1"));
        assertThat(raised.getSummary()).contains("R1", "20,000.00", "2025-03-06");
        assertThat(raised.getEvidence()).extracting("recordId").containsExactly("E-R1");
        assertThat(raised.getFacts()).containsEntry("outstanding_fen", "2000000");
    }

    @Test
    void staysQuietUntilTheDeadlineHasPassed() throws Exception {
        ledger(THREE_WORKING_DAYS).entries(receipt("R1", MONDAY_0930)).watermark(THURSDAY_2359);

        assertThat(ledger.alerts()).isEmpty();
    }

    @Test
    void neverBankedCashIsRaisedOnceAndNeverResolved() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(receipt("R1", MONDAY_0930))
                .watermark(FRIDAY_1000)
                .watermark(A_MONTH_LATER);

        assertThat(ledger.alerts()).extracting(Alert::getKind).containsExactly(AlertKind.RAISED);
    }

    @Test
    void raisesOnlyWhatIsStillOutstandingWhenPartlyBanked() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", MONDAY_0930),
                        deposit("D1", 500_000L, MONDAY_1600, "R1"),
                        deposit("D2", 1_000_000L, WEDNESDAY_1000, "R1"))
                .watermark(FRIDAY_1000);

        Alert raised = single(ledger.alerts());
        assertThat(raised.getAmountFen()).isEqualTo(500_000L);
        assertThat(raised.getSeverity()).isEqualTo(Severity.LOW);
        assertThat(raised.getEvidence()).extracting("recordId").containsExactly("E-R1", "D1", "D2");
        assertThat(raised.getFacts()).containsEntry("deposited_fen", "1500000");
    }

    @Test
    void partsBankedBeforeAndOnTheLastDayBothCountWhenTheRestIsLate() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", MONDAY_0930),
                        deposit("D1", 500_000L, TUESDAY_1000, "R1"),
                        deposit("D2", 1_000_000L, at("2025-03-06T15:00"), "R1"))
                .watermark(FRIDAY_1000);

        Alert raised = single(ledger.alerts());
        assertThat(raised.getAmountFen()).isEqualTo(500_000L);
        assertThat(raised.getEvidence()).extracting("recordId").containsExactly("E-R1", "D1", "D2");
    }

    @Test
    void aReceiptBankedInFullOnItsLastDayIsOnTime() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", MONDAY_0930),
                        deposit("D1", 500_000L, TUESDAY_1000, "R1"),
                        deposit("D2", 1_500_000L, THURSDAY_2359, "R1"))
                .watermark(NEXT_MONDAY_1000);

        assertThat(ledger.alerts()).isEmpty();
    }

    @Test
    void depositWithoutCoversBanksTheOldestReceiptFirst() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", 100_000L, MONDAY_0930),
                        receipt("R2", 300_000L, MONDAY_1600),
                        deposit("D1", 100_000L, TUESDAY_1000))
                .watermark(FRIDAY_1000);

        Alert raised = single(ledger.alerts());
        assertThat(raised.getFacts()).containsEntry("receipt_no", "R2");
        assertThat(raised.getAmountFen()).isEqualTo(300_000L);
    }

    @Test
    void depositWithoutCoversSpreadsOverOpenReceiptsOldestFirst() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", 100_000L, MONDAY_0930),
                        receipt("R2", 300_000L, MONDAY_1600),
                        deposit("D1", 250_000L, TUESDAY_1000))
                .watermark(FRIDAY_1000);

        Alert raised = single(ledger.alerts());
        assertThat(raised.getFacts()).containsEntry("receipt_no", "R2");
        assertThat(raised.getAmountFen()).isEqualTo(150_000L);
    }

    @Test
    void followsTwoReceiptsOnOneAccountSeparately() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", MONDAY_0930),
                        receipt("R2", WEDNESDAY_1000),
                        deposit("D1", TWENTY_THOUSAND_YUAN, WEDNESDAY_1000.plusSeconds(60), "R2"))
                .watermark(A_MONTH_LATER);

        Alert raised = single(ledger.alerts());
        assertThat(raised.getFacts()).containsEntry("receipt_no", "R1");
    }

    @Test
    void resolvesWithHowManyDaysLateWhenTheMoneyArrives() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(receipt("R1", MONDAY_0930))
                .watermark(FRIDAY_1000)
                .entries(deposit("D1", TWENTY_THOUSAND_YUAN, NEXT_MONDAY_1000, "R1"))
                .watermark(A_MONTH_LATER);

        assertThat(ledger.alerts())
                .extracting(Alert::getKind)
                .containsExactly(AlertKind.RAISED, AlertKind.RESOLVED);
        Alert resolved = ledger.alerts().get(1);
        assertThat(resolved.getAlertId()).isEqualTo(ledger.alerts().get(0).getAlertId());
        assertThat(resolved.getEventTime()).isEqualTo(NEXT_MONDAY_1000);
        assertThat(resolved.getFacts()).containsEntry("days_late", "4");
        assertThat(resolved.getSummary()).contains("晚4天", "2025-03-10");
        assertThat(resolved.getAmountFen()).isEqualTo(TWENTY_THOUSAND_YUAN);
    }

    @Test
    void resolvesOnlyWhenTheLastPartIsBanked() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(receipt("R1", MONDAY_0930))
                .watermark(FRIDAY_1000)
                .entries(
                        deposit("D1", 1_000_000L, NEXT_MONDAY_1000, "R1"),
                        deposit("D2", 1_000_000L, NEXT_WEDNESDAY_MIDNIGHT.plusSeconds(3600), "R1"))
                .watermark(A_MONTH_LATER);

        assertThat(ledger.alerts())
                .extracting(Alert::getKind)
                .containsExactly(AlertKind.RAISED, AlertKind.RESOLVED);
        assertThat(ledger.alerts().get(1).getFacts()).containsEntry("days_late", "6");
    }

    @Test
    void resolvesAfterRaisingEvenWhenBothHappenInOneWatermarkStep() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", MONDAY_0930),
                        deposit("D1", TWENTY_THOUSAND_YUAN, NEXT_MONDAY_1000, "R1"))
                .watermark(A_MONTH_LATER);

        assertThat(ledger.alerts())
                .extracting(Alert::getKind)
                .containsExactly(AlertKind.RAISED, AlertKind.RESOLVED);
    }

    @Test
    void depositAtTheDeadlineInstantIsLate() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", MONDAY_0930),
                        deposit("D1", TWENTY_THOUSAND_YUAN, FRIDAY_MIDNIGHT, "R1"))
                .watermark(A_MONTH_LATER);

        assertThat(ledger.alerts())
                .extracting(Alert::getKind)
                .containsExactly(AlertKind.RAISED, AlertKind.RESOLVED);
        assertThat(ledger.alerts().get(1).getFacts()).containsEntry("days_late", "1");
    }

    @Test
    void depositOneMinuteBeforeTheDeadlineIsOnTime() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", MONDAY_0930),
                        deposit("D1", TWENTY_THOUSAND_YUAN, THURSDAY_2359, "R1"))
                .watermark(A_MONTH_LATER);

        assertThat(ledger.alerts()).isEmpty();
    }

    @Test
    void aDepositSeenBeforeItsReceiptStillBanksIt() throws Exception {
        // Arrival order differs from event-time order; the book applies them in event time.
        ledger(THREE_WORKING_DAYS)
                .entries(
                        deposit("D1", TWENTY_THOUSAND_YUAN, TUESDAY_1000, "R1"),
                        receipt("R1", MONDAY_0930))
                .watermark(A_MONTH_LATER);

        assertThat(ledger.alerts()).isEmpty();
    }

    @Test
    void makeUpWorkingSundayCountsAsAWorkingDay() throws Exception {
        // Fri 9-26; Sun 9-28 is worked (调休), then Mon 9-29 and Tue 9-30: due end of 9-30.
        ledger(THREE_WORKING_DAYS)
                .entries(receipt("R1", at("2025-09-26T15:00")))
                .watermark(at("2025-10-01T08:00"));

        assertThat(single(ledger.alerts()).getEventTime()).isEqualTo(at("2025-10-01T00:00"));
    }

    @Test
    void staysQuietThroughGoldenWeek() throws Exception {
        // Tue 9-30; 10-1..10-8 are holidays; Thu 10-9, Fri 10-10, Sat 10-11 (worked): due end of
        // 10-11.
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", at("2025-09-30T11:00")),
                        deposit("D1", TWENTY_THOUSAND_YUAN, at("2025-10-11T16:00"), "R1"))
                .watermark(at("2025-11-01T00:00"));

        assertThat(ledger.alerts()).isEmpty();
    }

    @Test
    void raisesAfterGoldenWeekWhenStillUnbanked() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(receipt("R1", at("2025-09-30T11:00")))
                .watermark(at("2025-11-01T00:00"));

        assertThat(single(ledger.alerts()).getEventTime()).isEqualTo(at("2025-10-12T00:00"));
    }

    @Test
    void aHolidayAnnouncedThroughTheCalendarFeedMovesTheDeadlineOfLaterReceipts() throws Exception {
        // A local day off on Wednesday 5 March, published to ref-calendar before the receipt.
        ledger(THREE_WORKING_DAYS)
                .calendarDay(day("2025-03-05", DayKind.HOLIDAY))
                .entries(receipt("R1", MONDAY_0930))
                .watermark(at("2025-03-20T00:00"));

        // Tuesday, Thursday and Friday are the three working days: late from Saturday.
        assertThat(single(ledger.alerts()).getEventTime()).isEqualTo(at("2025-03-08T00:00"));
    }

    @Test
    void aMakeUpWorkingDayFromTheCalendarFeedCountsAsAWorkingDay() throws Exception {
        // Friday receipt; Saturday 8 March declared a working day (调休) through ref-calendar.
        ledger(THREE_WORKING_DAYS)
                .calendarDay(day("2025-03-08", DayKind.WORKDAY))
                .entries(receipt("R1", at("2025-03-07T09:30")))
                .watermark(at("2025-03-20T00:00"));

        // Saturday, Monday and Tuesday: late from Wednesday, not Thursday.
        assertThat(single(ledger.alerts()).getEventTime()).isEqualTo(at("2025-03-12T00:00"));
    }

    @Test
    void aCalendarRecordArrivingAfterAReceiptIsBookedLeavesItsDeadlineAlone() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(receipt("R1", MONDAY_0930))
                .watermark(TUESDAY_1000)
                .calendarDay(day("2025-03-05", DayKind.HOLIDAY))
                .watermark(at("2025-03-20T00:00"));

        assertThat(single(ledger.alerts()).getEventTime()).isEqualTo(FRIDAY_MIDNIGHT);
    }

    private static CalendarDay day(String date, DayKind kind) {
        return CalendarDay.newBuilder()
                .setDate(java.time.LocalDate.parse(date))
                .setKind(kind)
                .setName("测试")
                .build();
    }

    @Test
    void countsCalendarDaysWhenWorkingDaysAreOff() throws Exception {
        LateDeposit.Settings calendarDays =
                LateDeposit.Settings.of(
                        LateDeposit.SPEC.defaults().with(LateDeposit.WORKING_DAYS, false));

        ledger(calendarDays)
                .entries(receipt("R1", at("2025-09-30T11:00")))
                .watermark(at("2025-11-01T00:00"));

        assertThat(single(ledger.alerts()).getEventTime()).isEqualTo(at("2025-10-04T00:00"));
    }

    @Test
    void aResentReceiptIsRaisedOnce() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(receipt("R1", MONDAY_0930), receipt("R1", MONDAY_0930))
                .watermark(FRIDAY_1000)
                .entries(receipt("R1", MONDAY_0930));

        assertThat(ledger.alerts()).hasSize(1);
    }

    @Test
    void aResentDepositCountsOnce() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", MONDAY_0930),
                        deposit("D1", 1_000_000L, TUESDAY_1000, "R1"),
                        deposit("D1", 1_000_000L, TUESDAY_1000, "R1"))
                .watermark(FRIDAY_1000);

        assertThat(single(ledger.alerts()).getAmountFen()).isEqualTo(1_000_000L);
    }

    @Test
    void leavesNoStateAndNoTimersOnceABankedReceiptIsPastTheDuplicateWindow() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", MONDAY_0930),
                        deposit("D1", TWENTY_THOUSAND_YUAN, TUESDAY_1000, "R1"))
                .watermark(A_MONTH_LATER);

        assertThat(ledger.alerts()).isEmpty();
        assertThat(ledger.stateEntries()).as(ledger.describeState()).isZero();
        assertThat(ledger.eventTimeTimers()).as(ledger.describeState()).isZero();
    }

    @Test
    void leavesNoStateOnceResolvedAndNoTimersOnceThePatternWindowsHavePassed() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", MONDAY_0930),
                        deposit("D1", TWENTY_THOUSAND_YUAN, NEXT_MONDAY_1000, "R1"))
                .watermark(A_MONTH_LATER);

        assertThat(ledger.alerts()).hasSize(2);
        assertThat(ledger.stateEntries()).as(ledger.describeState()).isZero();

        // CEP keeps each pattern window's timer until it fires; they fire empty-handed.
        ledger.watermark(A_YEAR_LATER);
        assertThat(ledger.eventTimeTimers()).as(ledger.describeState()).isZero();
    }

    @Test
    void forgetsAnUnbankedReceiptAfterTheTrackingHorizon() throws Exception {
        ledger(THREE_WORKING_DAYS).entries(receipt("R1", MONDAY_0930)).watermark(A_YEAR_LATER);

        assertThat(ledger.alerts()).hasSize(1);
        assertThat(ledger.stateEntries()).as(ledger.describeState()).isZero();
        assertThat(ledger.eventTimeTimers()).as(ledger.describeState()).isZero();
    }

    @Test
    void keepsAccountsApart() throws Exception {
        ledger(THREE_WORKING_DAYS)
                .entries(
                        receipt("R1", MONDAY_0930),
                        LedgerTestData.entry(
                                        "D1",
                                        org.clearwatch.schema.feed.LedgerEntryType.BANK_DEPOSIT,
                                        TUESDAY_1000)
                                .setAccountId(LedgerTestData.OTHER_ACCOUNT)
                                .build())
                .watermark(FRIDAY_1000);

        assertThat(single(ledger.alerts()).getEntityId()).isEqualTo(ACCOUNT);
    }

    private static Alert single(List<Alert> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }
}
