package org.clearwatch.patterns.vehicletrack;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Where a dwell model considers a vehicle to be staying: inside a restricted zone, away from its
 * home jurisdiction. Implementations are plain Java and keep no state of their own; what a vehicle
 * is already staying at comes in, so that a rule can make leaving harder than entering (hysteresis
 * against a fix that wanders across a boundary).
 */
public interface StayRule extends Serializable {

    /** A place a vehicle can stay at; {@code placeId} tells stays of one vehicle apart. */
    record Place(String placeId, String zoneId, String zoneName) {}

    /**
     * The places a vehicle at this position is staying at.
     *
     * @param vehicle its record as known at the ping's time, or null if not known yet
     * @param staying ids of the places it was staying at before this ping
     */
    List<Place> placesAt(
            double lat, double lon, ZoneIndex zones, KnownVehicle vehicle, Set<String> staying);
}
