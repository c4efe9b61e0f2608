package org.clearwatch.patterns.deceasedbeneficiary;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import org.clearwatch.patterns.payouts.KeptPayout;
import org.clearwatch.patterns.payouts.ReferenceTiming;
import org.clearwatch.schema.ref.DeathRecord;

/**
 * The rule of deceased-beneficiary, on one payout and one death record, whichever came first.
 *
 * <p>A payout raises when its period is a month after the month of death: the month of death itself
 * is still paid. When the death record carries the time it became known ({@code recorded_at}), only
 * payouts made at most the look-back before that time raise; without it, the death holds from the
 * start and every payout after it raises.
 */
public final class DeathCheck {

    private DeathCheck() {}

    public static boolean raises(KeptPayout payout, DeathRecord death, int lookBackMonths) {
        return afterDeathMonth(payout.getPeriod(), death.getDiedOn())
                && ReferenceTiming.withinLookBack(
                        payout.getPaidAt(), death.getRecordedAt(), lookBackMonths);
    }

    public static boolean afterDeathMonth(String period, LocalDate diedOn) {
        return YearMonth.parse(period).isAfter(YearMonth.from(diedOn));
    }

    /** 1 for the month after the month of death. */
    public static long monthsAfterDeath(String period, LocalDate diedOn) {
        return ChronoUnit.MONTHS.between(YearMonth.from(diedOn), YearMonth.parse(period));
    }
}
