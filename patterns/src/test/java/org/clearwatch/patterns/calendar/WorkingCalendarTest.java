package org.clearwatch.patterns.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.clearwatch.schema.ref.DayKind;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    private final WorkingCalendar china = WorkingCalendar.china();

    @Test
    void aMakeUpWorkingSundayIsAWorkingDay() {
        assertThat(china.isWorkingDay(LocalDate.of(2025, 9, 28))).isTrue();
    }

    @Test
    void aStatutoryHolidayOnAWeekdayIsNotAWorkingDay() {
        assertThat(china.isWorkingDay(LocalDate.of(2025, 10, 8))).isFalse();
    }

    @Test
    void anOrdinarySaturdayIsNotAWorkingDay() {
        assertThat(china.isWorkingDay(LocalDate.of(2025, 3, 8))).isFalse();
    }

    @Test
    void springFestival2026RunsFromTheFifteenthToTheTwentyThird() {
        assertThat(china.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
        for (int day = 15; day <= 23; day++) {
            assertThat(china.isWorkingDay(LocalDate.of(2026, 2, day))).as("2-%d", day).isFalse();
        }
        assertThat(china.isWorkingDay(LocalDate.of(2026, 2, 24))).isTrue();
        assertThat(china.isWorkingDay(LocalDate.of(2026, 2, 28))).isTrue();
    }

    @Test
    void countsWorkingDaysAcrossGoldenWeek() {
        // After Tue 2025-09-30: 10-9 (Thu), 10-10 (Fri), 10-11 (Sat, worked).
        assertThat(china.nthWorkingDayAfter(LocalDate.of(2025, 9, 30), 3))
                .isEqualTo(LocalDate.of(2025, 10, 11));
    }

    @Test
    void theStartingDayNeverCounts() {
        assertThat(china.nthWorkingDayAfter(LocalDate.of(2025, 3, 3), 1))
                .isEqualTo(LocalDate.of(2025, 3, 4));
    }

    @Test
    void coversTheYearsOfThePublishedNotices() {
        assertThat(china.covers(LocalDate.of(2024, 1, 1))).isTrue();
        assertThat(china.covers(LocalDate.of(2026, 12, 31))).isTrue();
        assertThat(china.covers(LocalDate.of(2027, 1, 1))).isFalse();
    }

    @Test
    void aReferenceRecordCanDeclareAHoliday() {
        WorkingCalendar changed = china.with(LocalDate.of(2027, 2, 8), DayKind.HOLIDAY);

        assertThat(changed.isWorkingDay(LocalDate.of(2027, 2, 8))).isFalse();
        assertThat(china.isWorkingDay(LocalDate.of(2027, 2, 8))).isTrue();
    }

    @Test
    void weekdaysOnlyKnowsNoHolidays() {
        assertThat(WorkingCalendar.weekdaysOnly().isWorkingDay(LocalDate.of(2025, 10, 1))).isTrue();
    }
}
