package org.clearwatch.patterns.latedeposit;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.Parameter;
import org.clearwatch.patterns.model.ParameterValues;

/** The late-deposit model: cash received on a receipt must reach the bank within N days. */
public final class LateDeposit {

    public static final String ID = "late-deposit";
    public static final String VERSION = "1.0";

    public static final Parameter<Integer> DEADLINE_DAYS =
            Parameter.integer(
                    "deadline-days",
                    3,
                    1,
                    60,
                    "Days after the day of receipt by whose end the cash must be banked.");
    public static final Parameter<Boolean> WORKING_DAYS =
            Parameter.flag(
                    "working-days",
                    true,
                    "Count deadline-days as working days (holidays and 调休 from the calendar).");
    public static final Parameter<Integer> TRACKING_HORIZON_DAYS =
            Parameter.integer(
                    "tracking-horizon-days",
                    180,
                    7,
                    730,
                    "How long an unbanked receipt is followed for its RESOLVED alert.");
    public static final Parameter<Integer> DUPLICATE_WINDOW_DAYS =
            Parameter.integer(
                    "duplicate-window-days",
                    3,
                    1,
                    30,
                    "How long an entry id is remembered so that a re-sent entry counts once.");
    public static final Parameter<Integer> MAX_OPEN_RECEIPTS =
            Parameter.integer(
                    "max-open-receipts-per-account",
                    5000,
                    10,
                    1_000_000,
                    "Bound on the open receipts one account may hold; the oldest go first.");
    public static final Parameter<Long> MEDIUM_FEN =
            Parameter.fen(
                    "severity-medium-fen",
                    1_000_000L,
                    0L,
                    Long.MAX_VALUE / 2,
                    "Outstanding amount from which an alert is MEDIUM (default 10,000 yuan).");
    public static final Parameter<Long> HIGH_FEN =
            Parameter.fen(
                    "severity-high-fen",
                    5_000_000L,
                    0L,
                    Long.MAX_VALUE / 2,
                    "Outstanding amount from which an alert is HIGH (default 50,000 yuan).");

    public static final ModelSpec SPEC =
            new ModelSpec(
                    ID,
                    VERSION,
                    "现金收入逾期未存",
                    "A cash receipt not banked within the deadline; resolved when the money arrives.",
                    List.of(
                            DEADLINE_DAYS,
                            WORKING_DAYS,
                            TRACKING_HORIZON_DAYS,
                            DUPLICATE_WINDOW_DAYS,
                            MAX_OPEN_RECEIPTS,
                            MEDIUM_FEN,
                            HIGH_FEN));

    private LateDeposit() {}

    /** The parameters as the model's operators read them. */
    public record Settings(
            int deadlineDays,
            boolean workingDays,
            int trackingHorizonDays,
            int duplicateWindowDays,
            int maxOpenReceipts,
            long mediumFen,
            long highFen)
            implements Serializable {

        public static Settings of(ParameterValues values) {
            if (!values.spec().id().equals(ID)) {
                throw new IllegalArgumentException("not late-deposit parameters: " + values);
            }
            return new Settings(
                    values.get(DEADLINE_DAYS),
                    values.get(WORKING_DAYS),
                    values.get(TRACKING_HORIZON_DAYS),
                    values.get(DUPLICATE_WINDOW_DAYS),
                    values.get(MAX_OPEN_RECEIPTS),
                    values.get(MEDIUM_FEN),
                    values.get(HIGH_FEN));
        }

        public static Settings defaults() {
            return of(SPEC.defaults());
        }

        /**
         * The deadline pattern's fixed window: the last day on which banking is on time. Only
         * receipts still (partly) unbanked when their last day begins reach the pattern, and each
         * stays there for at most one day; most receipts are banked before that and never cost the
         * pattern anything.
         */
        public Duration window() {
            return Duration.ofDays(1);
        }

        public Duration trackingHorizon() {
            return Duration.ofDays(trackingHorizonDays);
        }

        public Duration duplicateWindow() {
            return Duration.ofDays(duplicateWindowDays);
        }
    }
}
