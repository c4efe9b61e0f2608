package org.clearwatch.patterns.rentarrears;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.clearwatch.patterns.calendar.DayDeadline;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.Parameter;
import org.clearwatch.patterns.model.ParameterValues;

/**
 * The rent-arrears model: rent that falls due on a village collective lease (RENT_DUE) must be
 * received (RENT_RECEIVED) within a grace period.
 */
public final class RentArrears {

    public static final String ID = "rent-arrears";
    public static final String VERSION = "1.0";

    public static final Parameter<Integer> GRACE_DAYS =
            Parameter.integer(
                    "grace-days",
                    10,
                    1,
                    180,
                    "Days after the day rent falls due by whose end it must be received.");
    public static final Parameter<Boolean> WORKING_DAYS =
            Parameter.flag(
                    "working-days",
                    true,
                    "Count grace-days as working days (holidays and 调休 from the calendar).");
    public static final Parameter<Integer> TRACKING_HORIZON_DAYS =
            Parameter.integer(
                    "tracking-horizon-days",
                    365,
                    30,
                    1095,
                    "How long unpaid rent is followed for its RESOLVED alert, and how long an"
                            + " advance payment is kept for later dues.");
    public static final Parameter<Integer> DUPLICATE_WINDOW_DAYS =
            Parameter.integer(
                    "duplicate-window-days",
                    3,
                    1,
                    30,
                    "How long an entry id is remembered so that a re-sent entry counts once.");
    public static final Parameter<Integer> MAX_OPEN_DUES =
            Parameter.integer(
                    "max-open-dues-per-contract",
                    60,
                    4,
                    10_000,
                    "Bound on the unpaid dues (and on the advance payments) one contract may hold;"
                            + " the oldest go first.");
    public static final Parameter<Long> MEDIUM_FEN =
            Parameter.fen(
                    "severity-medium-fen",
                    1_000_000L,
                    0L,
                    Long.MAX_VALUE / 2,
                    "Outstanding rent from which an alert is MEDIUM (default 10,000 yuan).");
    public static final Parameter<Long> HIGH_FEN =
            Parameter.fen(
                    "severity-high-fen",
                    5_000_000L,
                    0L,
                    Long.MAX_VALUE / 2,
                    "Outstanding rent from which an alert is HIGH (default 50,000 yuan).");

    public static final ModelSpec SPEC =
            new ModelSpec(
                    ID,
                    VERSION,
                    "集体资产租金逾期未收",
                    "Rent due on a village collective lease not received within the grace period;"
                            + " resolved when it is paid.",
                    List.of(
                            GRACE_DAYS,
                            WORKING_DAYS,
                            TRACKING_HORIZON_DAYS,
                            DUPLICATE_WINDOW_DAYS,
                            MAX_OPEN_DUES,
                            MEDIUM_FEN,
                            HIGH_FEN));

    private RentArrears() {}

    /** The parameters as the model's operators read them. */
    public record Settings(
            int graceDays,
            boolean workingDays,
            int trackingHorizonDays,
            int duplicateWindowDays,
            int maxOpenDues,
            long mediumFen,
            long highFen)
            implements Serializable {

        public static Settings of(ParameterValues values) {
            if (!values.spec().id().equals(ID)) {
                throw new IllegalArgumentException("not rent-arrears parameters: " + values);
            }
            return new Settings(
                    values.get(GRACE_DAYS),
                    values.get(WORKING_DAYS),
                    values.get(TRACKING_HORIZON_DAYS),
                    values.get(DUPLICATE_WINDOW_DAYS),
                    values.get(MAX_OPEN_DUES),
                    values.get(MEDIUM_FEN),
                    values.get(HIGH_FEN));
        }

        public static Settings defaults() {
            return of(SPEC.defaults());
        }

        /** The grace period as a deadline rule over {@code calendar}. */
        public DayDeadline deadline(WorkingCalendar calendar) {
            return new DayDeadline(graceDays, workingDays, calendar);
        }

        /** The deadline pattern's fixed window: grace-days whole days. */
        public Duration window() {
            return Duration.ofDays(graceDays);
        }

        public Duration trackingHorizon() {
            return Duration.ofDays(trackingHorizonDays);
        }

        public Duration duplicateWindow() {
            return Duration.ofDays(duplicateWindowDays);
        }
    }
}
