package org.clearwatch.patterns.offhours;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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

    public static final Parameter<String> WORKING_HOURS =
            Parameter.codeList(
                    "working-hours",
                    "07:00-19:00",
                    "([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]",
                    "Working time on a working day, local time, as HH:MM-HH:MM intervals; a trip"
                            + " starting outside them is off-hours.");
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
                            EXEMPT_KINDS,
                            JITTER_METRES,
                            MIN_DISTANCE_METRES,
                            MIN_SECONDS,
                            STOP_MINUTES,
                            IGNITION_OFF_MINUTES,
                            DISPATCH_SLACK_MINUTES,
                            FOLLOW_UP_HOURS));

    private OffHoursVehicle() {}

    /** The parameters as the model's operators read them. */
    public record Settings(
            WorkingTime workingTime,
            Set<String> exemptKinds,
            TripSettings trip,
            Duration dispatchSlack,
            Duration followUp)
            implements Serializable {

        public Settings {
            exemptKinds = Set.copyOf(exemptKinds);
        }

        public static Settings of(ParameterValues values) {
            if (!values.spec().id().equals(ID)) {
                throw new IllegalArgumentException("not off-hours-vehicle parameters: " + values);
            }
            return new Settings(
                    WorkingTime.parse(values.get(WORKING_HOURS)),
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

        /** How long a vehicle's dispatches are kept: past any trip they could still cover. */
        public Duration dispatchRetention() {
            return followUp.plus(dispatchSlack).plusDays(7);
        }
    }
}
