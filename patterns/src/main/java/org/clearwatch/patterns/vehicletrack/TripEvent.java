package org.clearwatch.patterns.vehicletrack;

import java.time.Duration;
import java.time.Instant;

/**
 * A trip established or ended, as {@link TripTracker} derives it from pings.
 *
 * @param kind what happened
 * @param at event time: the ping that established the trip, or the moment its end became certain
 *     (the stop had lasted long enough)
 * @param startedAt fix time of the first ping away from the parking place
 * @param establishedAt when the movement counted as a trip
 * @param endedAt on ENDED: fix time of the first ping at the place where it stopped
 * @param distanceMetres path length from the parking place to the latest ping (ESTABLISHED) or to
 *     the stop (ENDED)
 * @param origin where it was parked
 * @param latest the latest ping (ESTABLISHED) or the stop (ENDED)
 */
public record TripEvent(
        Kind kind,
        Instant at,
        Instant startedAt,
        Instant establishedAt,
        Instant endedAt,
        double distanceMetres,
        VehiclePosition origin,
        VehiclePosition latest) {

    public enum Kind {
        ESTABLISHED,
        ENDED
    }

    public Duration duration() {
        return Duration.between(startedAt, endedAt != null ? endedAt : at);
    }
}
