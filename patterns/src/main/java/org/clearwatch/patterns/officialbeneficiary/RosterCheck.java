package org.clearwatch.patterns.officialbeneficiary;

import org.clearwatch.patterns.payouts.KeptPayout;
import org.clearwatch.patterns.payouts.ReferenceTiming;
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
        return ReferenceTiming.onRosterWhenPaid(payout.getPaidAt(), official, lookBackMonths);
    }
}
