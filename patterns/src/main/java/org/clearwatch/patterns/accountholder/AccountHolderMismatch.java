package org.clearwatch.patterns.accountholder;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.Parameter;
import org.clearwatch.patterns.model.ParameterValues;

/**
 * The account-holder-mismatch model: a payout into an account whose holder is not the beneficiary;
 * worst when the holder is on the officials roster or collects for several beneficiaries.
 */
public final class AccountHolderMismatch {

    public static final String ID = "account-holder-mismatch";
    public static final String VERSION = "1.0";

    public static final Parameter<Integer> SEVERAL_BENEFICIARIES =
            Parameter.integer(
                    "several-beneficiaries",
                    3,
                    2,
                    100,
                    "A holder whose accounts receive payouts of this many other people within the"
                            + " window is a collector (HIGH).");
    public static final Parameter<Integer> WINDOW_MONTHS =
            Parameter.integer(
                    "window-months",
                    12,
                    1,
                    36,
                    "The window, back from each payout, over which a holder's beneficiaries are"
                            + " counted.");
    public static final Parameter<Boolean> RAISE_EVERY_MISMATCH =
            Parameter.flag(
                    "raise-every-mismatch",
                    true,
                    "Raise a LOW alert for every beneficiary first paid into someone else's account;"
                            + " false keeps only the official-holder and collector alerts.");
    public static final Parameter<Integer> LOOK_BACK_MONTHS =
            Parameter.integer(
                    "look-back-months",
                    6,
                    1,
                    36,
                    "How long before a roster record became known (recorded_at) a payout into the"
                            + " official's account is still raised.");
    public static final Parameter<Integer> LATE_RECORD_ALLOWANCE_MONTHS =
            Parameter.integer(
                    "late-record-allowance-months",
                    6,
                    0,
                    24,
                    "How far a roster record may trail the holder's latest payout and still see"
                            + " every payout its look-back covers.");
    public static final Parameter<Integer> MAX_PAYOUTS =
            Parameter.integer(
                    "max-payouts-per-holder",
                    1000,
                    50,
                    100_000,
                    "Bound on the payouts kept per account holder; the oldest go first.");

    public static final ModelSpec SPEC =
            new ModelSpec(
                    ID,
                    VERSION,
                    "补贴打入他人账户",
                    "A payout into an account whose holder is not the beneficiary; worst when the"
                            + " holder is an official or collects for several beneficiaries.",
                    List.of(
                            SEVERAL_BENEFICIARIES,
                            WINDOW_MONTHS,
                            RAISE_EVERY_MISMATCH,
                            LOOK_BACK_MONTHS,
                            LATE_RECORD_ALLOWANCE_MONTHS,
                            MAX_PAYOUTS));

    private AccountHolderMismatch() {}

    /** The parameters as the model's operators read them. */
    public record Settings(
            int severalBeneficiaries,
            int windowMonths,
            boolean raiseEveryMismatch,
            int lookBackMonths,
            int lateRecordAllowanceMonths,
            int maxPayouts)
            implements Serializable {

        public static Settings of(ParameterValues values) {
            if (!values.spec().id().equals(ID)) {
                throw new IllegalArgumentException(
                        "not account-holder-mismatch parameters: " + values);
            }
            return new Settings(
                    values.get(SEVERAL_BENEFICIARIES),
                    values.get(WINDOW_MONTHS),
                    values.get(RAISE_EVERY_MISMATCH),
                    values.get(LOOK_BACK_MONTHS),
                    values.get(LATE_RECORD_ALLOWANCE_MONTHS),
                    values.get(MAX_PAYOUTS));
        }

        public static Settings defaults() {
            return of(SPEC.defaults());
        }

        /**
         * Payouts are kept this many months after the holder's latest one: long enough for the
         * collector window and for a late roster record's look-back.
         */
        public int retentionMonths() {
            return Math.max(windowMonths, lookBackMonths + lateRecordAllowanceMonths);
        }

        /** Processing-time TTL of the book: the retention and a month for the last payout. */
        public Duration bookTtl() {
            return Duration.ofDays(31L * (retentionMonths() + 1));
        }
    }
}
