package org.clearwatch.patterns.vehicletrack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.clearwatch.patterns.geo.Geo;
import org.clearwatch.schema.feed.GpsPing;

/**
 * Turns one vehicle's pings into trips: a parked vehicle is <em>departing</em> once a ping lies
 * beyond the jitter radius of where it stood; the departure is an <em>established</em> trip once
 * the vehicle has kept away for a while and got far enough; a trip <em>ends</em> at the first ping
 * of a place where the vehicle then stays (or falls silent) for the stop time, or sooner when it
 * reports its ignition off there.
 *
 * <p>Why these rules: a parked car's fix wanders by tens of metres and now and then jumps further,
 * so no single ping may start a trip; a departure that comes back to where it stood is jitter or
 * shunting and leaves no trace. A gap in pings counts as standing still, because a car that is
 * switched off usually stops reporting; a car that drives on after a gap longer than the stop time
 * starts a new trip.
 *
 * <p>Pings must come in fix-time order, one per fix time; the Flink operator around this sorts and
 * de-duplicates them. Plain Java: it edits the {@link TripState} it is given and collects {@link
 * TripEvent}s.
 */
public final class TripTracker {

    /** Pings away from the parking place before a departure can be a trip: one jump is jitter. */
    public static final int ESTABLISH_PINGS = 3;

    private final TripSettings settings;
    private final TripState state;
    private final List<TripEvent> events = new ArrayList<>();

    public TripTracker(TripState state, TripSettings settings) {
        this.state = state;
        this.settings = settings;
    }

    /** A vehicle not seen yet: its first ping is where it stands. */
    public static TripState unknownPlace() {
        return TripState.newBuilder()
                .setPhase(TripPhase.PARKED)
                .setAnchor(null)
                .setTrip(null)
                .build();
    }

    /** Applies the next ping in fix-time order. */
    public void accept(GpsPing ping) {
        advanceTo(ping.getFixTime());
        VehiclePosition here = position(ping);
        if (state.getPhase() == TripPhase.PARKED) {
            parked(here, ping);
        } else {
            moving(here, ping);
        }
    }

    /** Ends a trip whose stop has lasted long enough by {@code now}, even if no ping says so. */
    public void advanceTo(Instant now) {
        Instant deadline = nextDeadline();
        if (deadline != null && !deadline.isAfter(now)) {
            stop(deadline);
        }
    }

    /** When the current trip or departure ends if the vehicle stays where it is; null if parked. */
    public Instant nextDeadline() {
        TripProgress trip = state.getTrip();
        if (state.getPhase() == TripPhase.PARKED || trip == null) {
            return null;
        }
        Instant deadline = trip.getStop().getAt().plus(settings.stopAfter());
        Instant ignitionOff = trip.getIgnitionOffSince();
        if (ignitionOff != null) {
            Instant byIgnition = ignitionOff.plus(settings.ignitionOffAfter());
            if (byIgnition.isBefore(deadline)) {
                deadline = byIgnition;
            }
        }
        return deadline;
    }

    private void parked(VehiclePosition here, GpsPing ping) {
        VehiclePosition anchor = state.getAnchor();
        if (anchor == null) {
            state.setAnchor(here);
            return;
        }
        double away = distance(anchor, here);
        if (away <= settings.jitterMetres()) {
            return;
        }
        TripProgress trip =
                TripProgress.newBuilder()
                        .setStartedAt(here.getAt())
                        .setOrigin(anchor)
                        .setEstablishedAt(null)
                        .setDistanceM(away)
                        .setPings(1)
                        .setLast(here)
                        .setStop(here)
                        .setStopDistanceM(away)
                        .setIgnitionOffSince(null)
                        .build();
        ignition(trip, ping, here);
        state.setPhase(TripPhase.DEPARTING);
        state.setTrip(trip);
        maybeEstablish(trip, here);
    }

    private void moving(VehiclePosition here, GpsPing ping) {
        TripProgress trip = state.getTrip();
        trip.setDistanceM(trip.getDistanceM() + distance(trip.getLast(), here));
        trip.setLast(here);
        trip.setPings(trip.getPings() + 1);
        if (distance(trip.getStop(), here) > settings.jitterMetres()) {
            trip.setStop(here);
            trip.setStopDistanceM(trip.getDistanceM());
            trip.setIgnitionOffSince(null);
        }
        ignition(trip, ping, here);
        if (state.getPhase() == TripPhase.DEPARTING) {
            if (distance(trip.getOrigin(), here) <= settings.jitterMetres()) {
                // Back where it stood: a jump of the fix, or a few metres of shunting.
                state.setPhase(TripPhase.PARKED);
                state.setTrip(null);
                return;
            }
            maybeEstablish(trip, here);
        }
    }

    private void maybeEstablish(TripProgress trip, VehiclePosition here) {
        boolean longEnough =
                !here.getAt().isBefore(trip.getStartedAt().plus(settings.establishAfter()));
        boolean farEnough = distance(trip.getOrigin(), here) >= settings.establishMetres();
        if (trip.getPings() >= ESTABLISH_PINGS && longEnough && farEnough) {
            trip.setEstablishedAt(here.getAt());
            state.setPhase(TripPhase.ON_TRIP);
            events.add(
                    new TripEvent(
                            TripEvent.Kind.ESTABLISHED,
                            here.getAt(),
                            trip.getStartedAt(),
                            here.getAt(),
                            null,
                            trip.getDistanceM(),
                            trip.getOrigin(),
                            here));
        }
    }

    private static void ignition(TripProgress trip, GpsPing ping, VehiclePosition here) {
        Boolean on = ping.getIgnition();
        if (on == null) {
            return; // a device that does not report ignition leaves it to the stop time
        }
        if (on) {
            trip.setIgnitionOffSince(null);
        } else if (trip.getIgnitionOffSince() == null) {
            trip.setIgnitionOffSince(here.getAt());
        }
    }

    private void stop(Instant certainAt) {
        TripProgress trip = state.getTrip();
        VehiclePosition stop = trip.getStop();
        if (state.getPhase() == TripPhase.ON_TRIP) {
            events.add(
                    new TripEvent(
                            TripEvent.Kind.ENDED,
                            certainAt,
                            trip.getStartedAt(),
                            trip.getEstablishedAt(),
                            stop.getAt(),
                            trip.getStopDistanceM(),
                            trip.getOrigin(),
                            stop));
        }
        // A departure that never became a trip just moved the car: it is parked here now.
        state.setPhase(TripPhase.PARKED);
        state.setAnchor(stop);
        state.setTrip(null);
    }

    public static VehiclePosition position(GpsPing ping) {
        return VehiclePosition.newBuilder()
                .setLat(ping.getLat())
                .setLon(ping.getLon())
                .setAt(ping.getFixTime())
                .build();
    }

    public static double distance(VehiclePosition a, VehiclePosition b) {
        return Geo.distanceMetres(a.getLat(), a.getLon(), b.getLat(), b.getLon());
    }

    public TripState state() {
        return state;
    }

    /** Trips established or ended since this object was made, in order. */
    public List<TripEvent> events() {
        return events;
    }
}
