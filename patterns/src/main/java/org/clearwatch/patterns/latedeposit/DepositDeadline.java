package org.clearwatch.patterns.latedeposit;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import org.clearwatch.patterns.calendar.DayDeadline;
import org.clearwatch.patterns.calendar.WorkingCalendar;

/**
 * When the cash of a receipt must be in the bank: by the end of the N-th (working) day after the
 * day of receipt, in Asia/Shanghai.
 *
 * <p>The rule itself, and how its working days fit the pattern's fixed window, is {@link
 * DayDeadline}'s.
 */
public final class DepositDeadline implements Serializable {

    private static final long serialVersionUID = 1L;

    private final DayDeadline rule;

    public DepositDeadline(LateDeposit.Settings settings, WorkingCalendar calendar) {
        this.rule = new DayDeadline(settings.deadlineDays(), settings.workingDays(), calendar);
    }

    /** The first instant at which the receipt is late. */
    public Instant dueAt(Instant receivedAt) {
        return rule.dueAt(receivedAt);
    }

    /** When the receipt is handed to the deadline pattern, if still not fully banked. */
    public Instant windowOpensAt(Instant dueAt) {
        return rule.windowOpensAt(dueAt);
    }

    /** The last day on which banking is on time. */
    public static LocalDate lastDay(Instant dueAt) {
        return DayDeadline.lastDay(dueAt);
    }
}
