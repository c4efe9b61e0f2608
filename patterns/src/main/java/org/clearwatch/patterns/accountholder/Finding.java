package org.clearwatch.patterns.accountholder;

import java.util.List;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.ref.Official;

/**
 * What a payout or a roster record made of a holder's book: one case raised or updated. It refers
 * to the book as it stands, so turn it into an alert before the book changes again.
 *
 * @param rule which of the model's three cases
 * @param kind RAISED, or UPDATED when a collector takes on one more beneficiary
 * @param alertId the case's id, built from payout ids only
 * @param pair the beneficiary the case is about (for a collector: the one just added)
 * @param payout the payout the case rests on
 * @param members for a collector, every beneficiary counted in the window, else empty
 * @param official for an official holder, the roster record, else null
 * @param amountFen the money at stake
 */
public record Finding(
        Rule rule,
        AlertKind kind,
        String alertId,
        Pair pair,
        HeldPayout payout,
        List<Pair> members,
        Official official,
        long amountFen) {

    /** The three cases of account-holder-mismatch. */
    public enum Rule {
        /** A beneficiary paid into someone else's account, the first time within the retention. */
        MISMATCH,
        /** A holder whose accounts receive payouts of several other people. */
        COLLECTOR,
        /** A holder on the officials roster on the day the payout was made. */
        OFFICIAL_HOLDER
    }
}
