package org.clearwatch.patterns.payouts;

import java.time.Instant;
import java.time.LocalDate;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.ref.Official;

/**
 * How the payout models read a reference record (a death, a roster entry) against a payout,
 * whichever came first. A record may carry {@code recorded_at}, the time it became known: it then
 * raises payouts made at most the look-back before that time, and later ones. Without it, it holds
 * from the start.
 *
 * <p>Plain Java, shared by deceased-beneficiary, official-beneficiary and account-holder-mismatch.
 */
public final class ReferenceTiming {

    private ReferenceTiming() {}

    /** Whether a payout is recent enough, against a record known since {@code recordedAt}. */
    public static boolean withinLookBack(Instant paidAt, Instant recordedAt, int months) {
        if (recordedAt == null) {
            return true;
        }
        Instant earliest = recordedAt.atZone(WorkingCalendar.ZONE).minusMonths(months).toInstant();
        return !paidAt.isBefore(earliest);
    }

    /** Whether the record became known only after the payment: the alert is retroactive. */
    public static boolean retroactive(Instant paidAt, Instant recordedAt) {
        return recordedAt != null && recordedAt.isAfter(paidAt);
    }

    /**
     * The event time of an alert: the later of the payment and the moment the record became known,
     * so it is the same whichever of the two arrived first.
     */
    public static Instant eventTime(Instant paidAt, Instant recordedAt) {
        return retroactive(paidAt, recordedAt) ? recordedAt : paidAt;
    }

    /** On the roster on {@code day}: from valid_from to valid_to, both included. */
    public static boolean onRosterOn(Official official, LocalDate day) {
        return !day.isBefore(official.getValidFrom())
                && (official.getValidTo() == null || !day.isAfter(official.getValidTo()));
    }

    /**
     * On the roster on the day of the payment (in Asia/Shanghai), and paid at most the look-back
     * before the roster record became known.
     */
    public static boolean onRosterWhenPaid(Instant paidAt, Official official, int lookBackMonths) {
        return onRosterOn(official, WorkingCalendar.localDate(paidAt))
                && withinLookBack(paidAt, official.getRecordedAt(), lookBackMonths);
    }
}
