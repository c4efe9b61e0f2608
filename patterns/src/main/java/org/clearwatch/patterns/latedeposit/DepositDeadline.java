package org.clearwatch.patterns.latedeposit;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import org.clearwatch.patterns.calendar.DayDeadline;
import org.clearwatch.patterns.calendar.WorkingCalendar;

/**
 * When the cash of a receipt must be in the bank: by the end of the N-th (working) day after the
 * day of receipt, in Asia/Shanghai. The rule is {@link DayDeadline}'s.
 *
 * <p>Unlike {@link DayDeadline}'s N-day window, the late-deposit pattern has one fixed window of
 * the last day (N working days can span any number of calendar days, a weekend or Golden Week, but
 * the last day is always one day). A receipt still (partly) unbanked when its last day begins is
 * handed to the pattern then, at {@code due - 1 day}: never before the end of the day of receipt,
 * since N is at least 1. The window then closes exactly at the deadline.
 */
public final class DepositDeadline implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LateDeposit.Settings settings;
    private final DayDeadline rule;

    public DepositDeadline(LateDeposit.Settings settings, WorkingCalendar calendar) {
        this.settings = settings;
        this.rule = new DayDeadline(settings.deadlineDays(), settings.workingDays(), calendar);
    }

    /** The first instant at which the receipt is late. */
    public Instant dueAt(Instant receivedAt) {
        return rule.dueAt(receivedAt);
    }

    /** When the receipt is handed to the deadline pattern, if still not fully banked. */
    public Instant windowOpensAt(Instant dueAt) {
        return dueAt.minus(settings.window());
    }

    /** The last day on which banking is on time. */
    public static LocalDate lastDay(Instant dueAt) {
        return DayDeadline.lastDay(dueAt);
    }
}
