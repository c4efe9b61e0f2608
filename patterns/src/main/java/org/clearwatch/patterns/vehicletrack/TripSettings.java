package org.clearwatch.patterns.vehicletrack;

import java.io.Serializable;
import java.time.Duration;

/**
 * When movement counts as a trip, and when a trip is over.
 *
 * @param jitterMetres positions this close count as the same place: a parked car's GPS wanders that
 *     much without the car moving
 * @param establishMetres a trip is established once the vehicle is this far from where it was
 *     parked...
 * @param establishSeconds ...at least this long after it left, with at least {@link
 *     TripTracker#ESTABLISH_PINGS} pings away from it
 * @param stopMinutes a trip ends once the vehicle has stayed within the jitter radius of one place
 *     this long (or sent nothing for this long)
 * @param ignitionOffMinutes ...or had its ignition off this long
 */
public record TripSettings(
        int jitterMetres,
        int establishMetres,
        int establishSeconds,
        int stopMinutes,
        int ignitionOffMinutes)
        implements Serializable {

    public TripSettings {
        if (establishMetres <= jitterMetres) {
            throw new IllegalArgumentException(
                    "establish-metres ("
                            + establishMetres
                            + ") must be larger than jitter-metres ("
                            + jitterMetres
                            + ")");
        }
    }

    public Duration establishAfter() {
        return Duration.ofSeconds(establishSeconds);
    }

    public Duration stopAfter() {
        return Duration.ofMinutes(stopMinutes);
    }

    public Duration ignitionOffAfter() {
        return Duration.ofMinutes(ignitionOffMinutes);
    }
}
