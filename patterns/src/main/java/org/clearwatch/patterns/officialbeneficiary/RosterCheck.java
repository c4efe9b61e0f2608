package org.clearwatch.patterns.officialbeneficiary;

import java.time.Instant;
import java.time.LocalDate;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.ref.Official;

/**
 * The rule of official-beneficiary, on one restricted payout and one roster record, whichever came
 * first: the person was on the roster on the day of the payment (from valid_from to valid_to, both
 * included, in Asia/Shanghai). When the roster record carries the time it became known, only
 * payouts made at most the look-back before it raise; without it, it holds from the start.
 */
public final class RosterCheck {

    private RosterCheck() {}

    public static boolean raises(KeptPayout payout, Official official, int lookBackMonths) {
        return onRosterOn(official, WorkingCalendar.localDate(payout.getPaidAt()))
                && withinLookBack(payout.getPaidAt(), official.getRecordedAt(), lookBackMonths);
    }

    public static boolean onRosterOn(Official official, LocalDate day) {
        return !day.isBefore(official.getValidFrom())
                && (official.getValidTo() == null || !day.isAfter(official.getValidTo()));
    }

    /** Whether a payout is recent enough, against a record known since {@code recordedAt}. */
    public static boolean withinLookBack(Instant paidAt, Instant recordedAt, int months) {
        if (recordedAt == null) {
            return true;
        }
        Instant earliest = recordedAt.atZone(WorkingCalendar.ZONE).minusMonths(months).toInstant();
        return !paidAt.isBefore(earliest);
    }

    /** The later of the payment and the moment the roster record became known. */
    public static Instant eventTime(Instant paidAt, Instant recordedAt) {
        return recordedAt != null && recordedAt.isAfter(paidAt) ? recordedAt : paidAt;
    }
}
