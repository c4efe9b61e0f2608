package org.clearwatch.patterns.calendar;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A deadline of the form "by the end of the N-th (working) day after the day of X", in
 * Asia/Shanghai: cash banked after its receipt, rent paid after its due date.
 *
 * <p>The models check such deadlines with a CEP pattern of one fixed window of N whole days, but N
 * working days can span more calendar days (a weekend, Golden Week). So a case is handed to the
 * pattern when its window <em>opens</em>, at {@code due - N days}: never before the end of the day
 * of X, later when non-working days fall inside. The window then closes exactly at the deadline.
 */
public final class DayDeadline implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int days;
    private final boolean workingDays;
    private final WorkingCalendar calendar;

    /**
     * @param days N, at least 1
     * @param workingDays count N in working days of {@code calendar}, else in calendar days
     */
    public DayDeadline(int days, boolean workingDays, WorkingCalendar calendar) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        this.days = days;
        this.workingDays = workingDays;
        this.calendar = calendar;
    }

    /** The first instant at which something that started at {@code from} is late. */
    public Instant dueAt(Instant from) {
        LocalDate firstDay = WorkingCalendar.localDate(from);
        LocalDate lastDay =
                workingDays ? calendar.nthWorkingDayAfter(firstDay, days) : firstDay.plusDays(days);
        return WorkingCalendar.startOf(lastDay.plusDays(1));
    }

    /** The pattern's fixed window: N whole days. */
    public Duration window() {
        return Duration.ofDays(days);
    }

    /** When the case is handed to the deadline pattern, if still open. */
    public Instant windowOpensAt(Instant dueAt) {
        return dueAt.minus(window());
    }

    /** The last day on which it is on time. */
    public static LocalDate lastDay(Instant dueAt) {
        return WorkingCalendar.localDate(dueAt).minusDays(1);
    }
}
