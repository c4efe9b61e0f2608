package org.clearwatch.patterns.repeatedpayout;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.Parameter;
import org.clearwatch.patterns.model.ParameterValues;

/**
 * The repeated-payout model: a beneficiary paid twice for one programme and period, or for more
 * periods in a year than the programme allows.
 */
public final class RepeatedPayout {

    public static final String ID = "repeated-payout";
    public static final String VERSION = "1.0";

    public static final Parameter<String> YEARLY_LIMITS =
            Parameter.codeList(
                    "yearly-limits",
                    "FARMLAND:1,SKILL_TRAINING:3",
                    "[A-Z][A-Z0-9_]*:[1-9][0-9]?",
                    "Programmes paid for at most N periods of one calendar year, as CODE:N;"
                            + " monthly programmes need no entry (the same-period rule covers"
                            + " them).");
    public static final Parameter<Integer> HORIZON_MONTHS =
            Parameter.integer(
                    "horizon-months",
                    24,
                    13,
                    120,
                    "How long a paid period is remembered after the beneficiary's latest payout"
                            + " (at least 13, so a yearly limit sees its whole year).");
    public static final Parameter<Integer> MAX_PERIODS =
            Parameter.integer(
                    "max-periods-per-beneficiary",
                    600,
                    24,
                    100_000,
                    "Bound on the programme periods remembered per beneficiary; the oldest go"
                            + " first.");
    public static final Parameter<Long> HIGH_FEN =
            Parameter.fen(
                    "severity-high-fen",
                    500_000L,
                    0L,
                    Long.MAX_VALUE / 2,
                    "Overpaid amount from which an alert is HIGH (default 5,000 yuan).");

    public static final ModelSpec SPEC =
            new ModelSpec(
                    ID,
                    VERSION,
                    "补贴重复发放",
                    "A beneficiary paid twice for one programme and period, or for more periods"
                            + " a year than the programme allows.",
                    List.of(YEARLY_LIMITS, HORIZON_MONTHS, MAX_PERIODS, HIGH_FEN));

    private RepeatedPayout() {}

    /** The parameters as the model's operators read them. */
    public record Settings(
            Map<String, Integer> yearlyLimits, int horizonMonths, int maxPeriods, long highFen)
            implements Serializable {

        public Settings {
            yearlyLimits = Map.copyOf(yearlyLimits);
        }

        public static Settings of(ParameterValues values) {
            if (!values.spec().id().equals(ID)) {
                throw new IllegalArgumentException("not repeated-payout parameters: " + values);
            }
            return new Settings(
                    yearlyLimits(values.get(YEARLY_LIMITS)),
                    values.get(HORIZON_MONTHS),
                    values.get(MAX_PERIODS),
                    values.get(HIGH_FEN));
        }

        public static Settings defaults() {
            return of(SPEC.defaults());
        }

        /** "FARMLAND:1,SKILL_TRAINING:3" as a map; a programme named twice is an error. */
        static Map<String, Integer> yearlyLimits(String value) {
            Map<String, Integer> limits = new TreeMap<>();
            for (String entry : Parameter.codes(value)) {
                int colon = entry.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException(
                            YEARLY_LIMITS.name() + " entries are CODE:N, got '" + entry + "'");
                }
                String code = entry.substring(0, colon);
                int limit = Integer.parseInt(entry.substring(colon + 1));
                if (limits.put(code, limit) != null) {
                    throw new IllegalArgumentException(
                            YEARLY_LIMITS.name() + " names " + code + " twice");
                }
            }
            return limits;
        }
    }
}
