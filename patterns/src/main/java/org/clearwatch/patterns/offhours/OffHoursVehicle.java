package org.clearwatch.patterns.offhours;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.Parameter;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.vehicletrack.TripSettings;

/**
 * The off-hours-vehicle model: a vehicle of a non-exempt kind on a trip that starts outside working
 * time (weeknights, rest days, statutory holidays) with no approved dispatch covering it.
 */
public final class OffHoursVehicle {

    public static final String ID = "off-hours-vehicle";
    public static final String VERSION = "1.0";

    /** A vehicle kind, as the Vehicle record names it. */
    public static final String KIND_CODE = "GENERAL|LAW_ENFORCEMENT|EMERGENCY";

    /** A unit, as the Vehicle record names it in {@code unit_code}. */
    static final String UNIT_CODE = "[A-Za-z0-9][A-Za-z0-9_.-]*";

    public static final Parameter<String> WORKING_HOURS =
            Parameter.codeList(
                    "working-hours",
                    "07:00-19:00",
                    WorkingTime.STRETCH,
                    "Working time on a working day, local time, as HH:MM-HH:MM intervals; a trip"
                            + " starting outside them is off-hours.");
    public static final Parameter<String> UNIT_WORKING_HOURS =
            Parameter.codeList(
                    "unit-working-hours",
                    "",
                    UNIT_CODE + "=" + WorkingTime.STRETCH + "(\\+" + WorkingTime.STRETCH + ")*",
                    "Units whose working hours differ from working-hours, as UNIT=HH:MM-HH:MM,"
                            + " several stretches joined by +, e.g."
                            + " U-330299101-01=08:00-12:00+14:30-17:30,U-330299102-03=06:30-18:00;"
                            + " the vehicle's unit_code picks the entry.");
    public static final Parameter<String> EXEMPT_KINDS =
            Parameter.codeList(
                    "exempt-kinds",
                    "LAW_ENFORCEMENT,EMERGENCY",
                    KIND_CODE,
                    "Vehicle kinds that may move at any time.");
    public static final Parameter<Integer> JITTER_METRES =
            Parameter.integer(
                    "jitter-metres",
                    50,
                    10,
                    500,
                    "Positions this close count as one place: a parked car's fix wanders.");
    public static final Parameter<Integer> MIN_DISTANCE_METRES =
            Parameter.integer(
                    "trip-min-distance-metres",
                    500,
                    100,
                    50_000,
                    "A departure is a trip once the vehicle is this far from where it stood.");
    public static final Parameter<Integer> MIN_SECONDS =
            Parameter.integer(
                    "trip-min-seconds",
                    120,
                    0,
                    3_600,
                    "...and at least this long after it left (and three pings away).");
    public static final Parameter<Integer> STOP_MINUTES =
            Parameter.integer(
                    "trip-stop-minutes",
                    10,
                    2,
                    240,
                    "A trip ends once the vehicle has stood still, or sent nothing, this long.");
    public static final Parameter<Integer> IGNITION_OFF_MINUTES =
            Parameter.integer(
                    "ignition-off-minutes",
                    3,
                    1,
                    120,
                    "...or had its ignition off this long (devices that report ignition).");
    public static final Parameter<Integer> DISPATCH_SLACK_MINUTES =
            Parameter.integer(
                    "dispatch-slack-minutes",
                    30,
                    0,
                    720,
                    "A dispatch covers a trip starting up to this long before or after its"
                            + " approved period.");
    public static final Parameter<Integer> FOLLOW_UP_HOURS =
            Parameter.integer(
                    "follow-up-hours",
                    24,
                    1,
                    720,
                    "How long after a raised trip ended a dispatch recorded late still resolves"
                            + " it.");

    public static final ModelSpec SPEC =
            new ModelSpec(
                    ID,
                    VERSION,
                    "公车非工作时间出行",
                    "An official vehicle on a trip outside working time (weeknights, rest days,"
                            + " statutory holidays) with no approved dispatch.",
                    List.of(
                            WORKING_HOURS,
                            UNIT_WORKING_HOURS,
                            EXEMPT_KINDS,
                            JITTER_METRES,
                            MIN_DISTANCE_METRES,
                            MIN_SECONDS,
                            STOP_MINUTES,
                            IGNITION_OFF_MINUTES,
                            DISPATCH_SLACK_MINUTES,
                            FOLLOW_UP_HOURS));

    private OffHoursVehicle() {}

    /**
     * The parameters as the model's operators read them.
     *
     * @param workingTime the working time of a unit with no entry in {@code unitWorkingTimes}
     * @param unitWorkingTimes the units whose working hours differ, by unit code
     */
    public record Settings(
            WorkingTime workingTime,
            Map<String, WorkingTime> unitWorkingTimes,
            Set<String> exemptKinds,
            TripSettings trip,
            Duration dispatchSlack,
            Duration followUp)
            implements Serializable {

        public Settings {
            unitWorkingTimes = Map.copyOf(unitWorkingTimes);
            exemptKinds = Set.copyOf(exemptKinds);
        }

        public static Settings of(ParameterValues values) {
            if (!values.spec().id().equals(ID)) {
                throw new IllegalArgumentException("not off-hours-vehicle parameters: " + values);
            }
            WorkingTime workingTime;
            try {
                workingTime = WorkingTime.parse(values.get(WORKING_HOURS));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(WORKING_HOURS.name() + ": " + e.getMessage(), e);
            }
            return new Settings(
                    workingTime,
                    unitWorkingTimes(values.get(UNIT_WORKING_HOURS)),
                    Set.copyOf(Parameter.codes(values.get(EXEMPT_KINDS))),
                    new TripSettings(
                            values.get(JITTER_METRES),
                            values.get(MIN_DISTANCE_METRES),
                            values.get(MIN_SECONDS),
                            values.get(STOP_MINUTES),
                            values.get(IGNITION_OFF_MINUTES)),
                    Duration.ofMinutes(values.get(DISPATCH_SLACK_MINUTES)),
                    Duration.ofHours(values.get(FOLLOW_UP_HOURS)));
        }

        public static Settings defaults() {
            return of(SPEC.defaults());
        }

        /**
         * "U-1=08:00-12:00+14:30-17:30,U-2=06:30-18:00" as working times by unit; a malformed
         * entry, a bad stretch or a unit named twice is an error naming the parameter.
         */
        static Map<String, WorkingTime> unitWorkingTimes(String value) {
            Map<String, WorkingTime> units = new TreeMap<>();
            for (String entry : Parameter.codes(value)) {
                int equals = entry.indexOf('=');
                String unit = equals < 0 ? "" : entry.substring(0, equals).trim();
                if (!unit.matches(UNIT_CODE) || entry.indexOf('=', equals + 1) >= 0) {
                    throw new IllegalArgumentException(
                            UNIT_WORKING_HOURS.name()
                                    + " entries are UNIT=HH:MM-HH:MM, stretches joined by +,"
                                    + " got '"
                                    + entry
                                    + "'");
                }
                String hours = entry.substring(equals + 1).trim();
                WorkingTime workingTime;
                try {
                    workingTime = WorkingTime.of(List.of(hours.split("\\+", -1)), hours);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            UNIT_WORKING_HOURS.name() + " for " + unit + ": " + e.getMessage(), e);
                }
                if (units.put(unit, workingTime) != null) {
                    throw new IllegalArgumentException(
                            UNIT_WORKING_HOURS.name() + " names " + unit + " twice");
                }
            }
            return units;
        }

        /** The working time of a vehicle of this unit. */
        public WorkingTime workingTimeOf(String unitCode) {
            WorkingTime own = unitCode == null ? null : unitWorkingTimes.get(unitCode);
            return own == null ? workingTime : own;
        }

        /**
         * Why {@code at} is outside the working time of some unit, or null if it is working time
         * for every unit: how a trip of a vehicle whose unit is not known yet is first judged.
         */
        public WorkingTime.OffHours offHoursForSomeUnit(Instant at, WorkingCalendar calendar) {
            WorkingTime.OffHours dayOff = WorkingTime.dayOff(at, calendar);
            if (dayOff != null) {
                return dayOff;
            }
            boolean inAll =
                    workingTime.inHours(at)
                            && unitWorkingTimes.values().stream().allMatch(w -> w.inHours(at));
            return inAll ? null : WorkingTime.OffHours.WORKDAY_OFF_HOURS;
        }

        /** How long a vehicle's dispatches are kept: past any trip they could still cover. */
        public Duration dispatchRetention() {
            return followUp.plus(dispatchSlack).plusDays(7);
        }
    }
}
