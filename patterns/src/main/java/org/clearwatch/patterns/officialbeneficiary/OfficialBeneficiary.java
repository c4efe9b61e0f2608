package org.clearwatch.patterns.officialbeneficiary;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.Parameter;
import org.clearwatch.patterns.model.ParameterValues;

/**
 * The official-beneficiary model: a payout of a programme that officials may not receive, to a
 * person on the officials roster on the day it was paid.
 */
public final class OfficialBeneficiary {

    public static final String ID = "official-beneficiary";
    public static final String VERSION = "1.0";

    public static final Parameter<String> RESTRICTED_PROGRAMMES =
            Parameter.codeList(
                    "restricted-programmes",
                    "DIBAO,PUBLIC_WELFARE_JOB,SKILL_TRAINING",
                    "[A-Z][A-Z0-9_]*",
                    "Programmes a person on the officials roster may not receive.");
    public static final Parameter<Integer> LOOK_BACK_MONTHS =
            Parameter.integer(
                    "look-back-months",
                    6,
                    1,
                    36,
                    "How long before a roster record became known (recorded_at) a payout is still"
                            + " raised.");
    public static final Parameter<Integer> LATE_RECORD_ALLOWANCE_MONTHS =
            Parameter.integer(
                    "late-record-allowance-months",
                    6,
                    0,
                    24,
                    "How far a roster record may trail the person's latest payout and still see"
                            + " every payout its look-back covers.");
    public static final Parameter<Integer> MAX_PAYOUTS =
            Parameter.integer(
                    "max-payouts-per-beneficiary",
                    240,
                    12,
                    10_000,
                    "Bound on the restricted payouts kept per person; the oldest go first.");

    public static final ModelSpec SPEC =
            new ModelSpec(
                    ID,
                    VERSION,
                    "公职人员违规领取补贴",
                    "A payout of a programme officials may not receive, to a person on the officials"
                            + " roster on the day it was paid.",
                    List.of(
                            RESTRICTED_PROGRAMMES,
                            LOOK_BACK_MONTHS,
                            LATE_RECORD_ALLOWANCE_MONTHS,
                            MAX_PAYOUTS));

    private OfficialBeneficiary() {}

    /** The parameters as the model's operators read them. */
    public record Settings(
            Set<String> restrictedProgrammes,
            int lookBackMonths,
            int lateRecordAllowanceMonths,
            int maxPayouts)
            implements Serializable {

        public Settings {
            restrictedProgrammes = Set.copyOf(restrictedProgrammes);
        }

        public static Settings of(ParameterValues values) {
            if (!values.spec().id().equals(ID)) {
                throw new IllegalArgumentException(
                        "not official-beneficiary parameters: " + values);
            }
            return new Settings(
                    Set.copyOf(Parameter.codes(values.get(RESTRICTED_PROGRAMMES))),
                    values.get(LOOK_BACK_MONTHS),
                    values.get(LATE_RECORD_ALLOWANCE_MONTHS),
                    values.get(MAX_PAYOUTS));
        }

        public static Settings defaults() {
            return of(SPEC.defaults());
        }

        /** Payouts are kept this many months after the person's latest restricted payout. */
        public int retentionMonths() {
            return lookBackMonths + lateRecordAllowanceMonths;
        }

        /** Processing-time TTL of the payouts: the retention and a month for the last of them. */
        public Duration payoutsTtl() {
            return Duration.ofDays(31L * (retentionMonths() + 1));
        }
    }
}
