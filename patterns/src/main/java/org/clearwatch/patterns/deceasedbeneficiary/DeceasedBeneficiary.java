package org.clearwatch.patterns.deceasedbeneficiary;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.Parameter;
import org.clearwatch.patterns.model.ParameterValues;

/**
 * The deceased-beneficiary model: a payout for a month after the beneficiary's death, raised as it
 * is paid or, when the death record comes later, as soon as the record arrives.
 */
public final class DeceasedBeneficiary {

    public static final String ID = "deceased-beneficiary";
    public static final String VERSION = "1.0";

    public static final Parameter<Integer> LOOK_BACK_MONTHS =
            Parameter.integer(
                    "look-back-months",
                    6,
                    1,
                    36,
                    "How long before a death record became known (recorded_at) a payout after"
                            + " the death is still raised.");
    public static final Parameter<Integer> LATE_RECORD_ALLOWANCE_MONTHS =
            Parameter.integer(
                    "late-record-allowance-months",
                    6,
                    0,
                    24,
                    "How far a death record may trail the beneficiary's latest payout and still"
                            + " see every payout its look-back covers.");
    public static final Parameter<Integer> MAX_PAYOUTS =
            Parameter.integer(
                    "max-payouts-per-beneficiary",
                    240,
                    12,
                    10_000,
                    "Bound on the payouts kept per beneficiary; the oldest go first.");
    public static final Parameter<Integer> DEATH_MEMORY_MONTHS =
            Parameter.integer(
                    "death-memory-months",
                    120,
                    12,
                    600,
                    "How long a death record is kept after it arrived (processing time).");
    public static final Parameter<Integer> HIGH_FROM_MONTH =
            Parameter.integer(
                    "severity-high-months",
                    3,
                    1,
                    24,
                    "From this many months after the month of death a payout is HIGH, before"
                            + " that MEDIUM.");

    public static final ModelSpec SPEC =
            new ModelSpec(
                    ID,
                    VERSION,
                    "已故人员领取补贴",
                    "A payout for a month after the beneficiary's death, also found when the"
                            + " death record arrives after the payouts.",
                    List.of(
                            LOOK_BACK_MONTHS,
                            LATE_RECORD_ALLOWANCE_MONTHS,
                            MAX_PAYOUTS,
                            DEATH_MEMORY_MONTHS,
                            HIGH_FROM_MONTH));

    private DeceasedBeneficiary() {}

    /** The parameters as the model's operators read them. */
    public record Settings(
            int lookBackMonths,
            int lateRecordAllowanceMonths,
            int maxPayouts,
            int deathMemoryMonths,
            int highFromMonth)
            implements Serializable {

        public static Settings of(ParameterValues values) {
            if (!values.spec().id().equals(ID)) {
                throw new IllegalArgumentException(
                        "not deceased-beneficiary parameters: " + values);
            }
            return new Settings(
                    values.get(LOOK_BACK_MONTHS),
                    values.get(LATE_RECORD_ALLOWANCE_MONTHS),
                    values.get(MAX_PAYOUTS),
                    values.get(DEATH_MEMORY_MONTHS),
                    values.get(HIGH_FROM_MONTH));
        }

        public static Settings defaults() {
            return of(SPEC.defaults());
        }

        /** Payouts are kept this many months after the beneficiary's latest payout. */
        public int retentionMonths() {
            return lookBackMonths + lateRecordAllowanceMonths;
        }

        /** Processing-time TTL of the payouts: the retention and a month for the last of them. */
        public Duration payoutsTtl() {
            return Duration.ofDays(31L * (retentionMonths() + 1));
        }

        public Duration deathTtl() {
            return Duration.ofDays(31L * deathMemoryMonths);
        }
    }
}
