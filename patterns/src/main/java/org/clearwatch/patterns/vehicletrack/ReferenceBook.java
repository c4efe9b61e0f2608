package org.clearwatch.patterns.vehicletrack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.clearwatch.schema.ref.Dispatch;
import org.clearwatch.schema.ref.Vehicle;

/**
 * The reference records of one vehicle as the vehicle models read them: the versions of its record
 * and its dispatches, each with the time from which it is known.
 *
 * <p>A record is known from its {@code recorded_at}, or from the start when it has none. Rules ask
 * "as of" an event time, so the answer does not depend on whether a record reached the job before
 * or after the pings it concerns: a record that says it became known at 22:10 is not used for a
 * decision at 21:30, however early it arrived; a record that holds from the start is used whenever
 * it arrives, and a decision already taken without it is corrected (a RESOLVED).
 *
 * <p>Bounded: at most {@link #MAX_VEHICLE_VERSIONS} versions of the vehicle record; dispatches
 * whose approved period ended before a cutoff are forgotten ({@link #forgetDispatchesEndedBefore}),
 * and never more than {@link #MAX_DISPATCHES} are kept. Plain Java.
 */
public final class ReferenceBook {

    /** {@code known_from} of a record that holds from the start. */
    public static final long FROM_THE_START = Long.MIN_VALUE;

    public static final int MAX_VEHICLE_VERSIONS = 4;
    public static final int MAX_DISPATCHES = 500;

    private static final Comparator<KnownDispatch> BY_PERIOD =
            Comparator.comparing(KnownDispatch::getApprovedFrom)
                    .thenComparing(KnownDispatch::getDispatchId);

    private final VehicleReferences refs;

    public ReferenceBook(VehicleReferences stored) {
        this.refs =
                stored == null
                        ? empty()
                        : VehicleReferences.newBuilder()
                                .setVehicles(new ArrayList<>(stored.getVehicles()))
                                .setDispatches(new ArrayList<>(stored.getDispatches()))
                                .build();
    }

    public static VehicleReferences empty() {
        return VehicleReferences.newBuilder()
                .setVehicles(new ArrayList<>())
                .setDispatches(new ArrayList<>())
                .build();
    }

    public static long knownFrom(Instant recordedAt) {
        return recordedAt == null ? FROM_THE_START : recordedAt.toEpochMilli();
    }

    /** The later of an event time and the time a record became known. */
    public static Instant notBefore(Instant eventTime, long knownFrom) {
        return knownFrom > eventTime.toEpochMilli() ? Instant.ofEpochMilli(knownFrom) : eventTime;
    }

    /**
     * Adds a version of the vehicle's record.
     *
     * @return false if the same version was known already
     */
    public boolean add(Vehicle vehicle) {
        KnownVehicle version =
                KnownVehicle.newBuilder()
                        .setVehicleId(vehicle.getVehicleId())
                        .setUnitCode(vehicle.getUnitCode())
                        .setTownshipCode(vehicle.getTownshipCode())
                        .setKind(vehicle.getKind().name())
                        .setHomeZone(vehicle.getHomeZone())
                        .setKnownFrom(knownFrom(vehicle.getRecordedAt()))
                        .build();
        List<KnownVehicle> versions = refs.getVehicles();
        for (KnownVehicle known : versions) {
            if (sameContent(known, version) && known.getKnownFrom() <= version.getKnownFrom()) {
                return false; // re-sent: the earlier time it became known stands
            }
        }
        versions.removeIf(known -> known.getKnownFrom() == version.getKnownFrom());
        versions.add(version);
        versions.sort(Comparator.comparingLong(KnownVehicle::getKnownFrom));
        while (versions.size() > MAX_VEHICLE_VERSIONS) {
            versions.remove(0);
        }
        return true;
    }

    /**
     * Adds a dispatch, or replaces the one with the same id if it changed.
     *
     * @return false if the same dispatch was known already
     */
    public boolean add(Dispatch dispatch) {
        KnownDispatch known =
                KnownDispatch.newBuilder()
                        .setDispatchId(dispatch.getDispatchId())
                        .setApprovedFrom(dispatch.getApprovedFrom())
                        .setApprovedTo(dispatch.getApprovedTo())
                        .setPurpose(dispatch.getPurpose())
                        .setKnownFrom(knownFrom(dispatch.getRecordedAt()))
                        .build();
        List<KnownDispatch> dispatches = refs.getDispatches();
        for (int i = 0; i < dispatches.size(); i++) {
            KnownDispatch old = dispatches.get(i);
            if (old.getDispatchId().equals(known.getDispatchId())) {
                if (sameContent(old, known) && old.getKnownFrom() <= known.getKnownFrom()) {
                    return false;
                }
                dispatches.set(i, known);
                dispatches.sort(BY_PERIOD);
                return true;
            }
        }
        dispatches.add(known);
        dispatches.sort(BY_PERIOD);
        while (dispatches.size() > MAX_DISPATCHES) {
            dispatches.remove(0);
        }
        return true;
    }

    /** The vehicle's record as known at {@code asOf}, or null. */
    public KnownVehicle vehicleAsOf(Instant asOf) {
        long t = asOf.toEpochMilli();
        KnownVehicle latest = null;
        for (KnownVehicle version : refs.getVehicles()) {
            if (version.getKnownFrom() <= t) {
                latest = version;
            }
        }
        return latest;
    }

    /**
     * The first dispatch known at {@code asOf} whose approved period, widened by {@code slack} on
     * both sides, contains {@code at}.
     */
    public Optional<KnownDispatch> covering(Instant at, Instant asOf, Duration slack) {
        for (KnownDispatch d : refs.getDispatches()) {
            if (d.getKnownFrom() <= asOf.toEpochMilli()
                    && !at.isBefore(d.getApprovedFrom().minus(slack))
                    && !at.isAfter(d.getApprovedTo().plus(slack))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * Ids of the dispatches known at {@code asOf} whose period comes within {@code window} of
     * {@code at}: what an inspector checks when told no dispatch covered it.
     */
    public List<String> near(Instant at, Instant asOf, Duration window, int max) {
        List<String> ids = new ArrayList<>();
        for (KnownDispatch d : refs.getDispatches()) {
            if (ids.size() < max
                    && d.getKnownFrom() <= asOf.toEpochMilli()
                    && !at.isBefore(d.getApprovedFrom().minus(window))
                    && !at.isAfter(d.getApprovedTo().plus(window))) {
                ids.add(d.getDispatchId());
            }
        }
        return ids;
    }

    /** The earliest time after {@code after} at which a record becomes known, or null. */
    public Instant nextKnownAfter(Instant after) {
        long t = after.toEpochMilli();
        Long next = null;
        for (KnownVehicle v : refs.getVehicles()) {
            if (v.getKnownFrom() > t && (next == null || v.getKnownFrom() < next)) {
                next = v.getKnownFrom();
            }
        }
        for (KnownDispatch d : refs.getDispatches()) {
            if (d.getKnownFrom() > t && (next == null || d.getKnownFrom() < next)) {
                next = d.getKnownFrom();
            }
        }
        return next == null ? null : Instant.ofEpochMilli(next);
    }

    /**
     * Forgets dispatches whose approved period ended before {@code cutoff}.
     *
     * @return whether any was forgotten
     */
    public boolean forgetDispatchesEndedBefore(Instant cutoff) {
        return refs.getDispatches().removeIf(d -> d.getApprovedTo().isBefore(cutoff));
    }

    public boolean isEmpty() {
        return refs.getVehicles().isEmpty() && refs.getDispatches().isEmpty();
    }

    public VehicleReferences references() {
        return refs;
    }

    private static boolean sameContent(KnownVehicle a, KnownVehicle b) {
        return a.getUnitCode().equals(b.getUnitCode())
                && a.getTownshipCode().equals(b.getTownshipCode())
                && a.getKind().equals(b.getKind())
                && Objects.equals(a.getHomeZone(), b.getHomeZone());
    }

    private static boolean sameContent(KnownDispatch a, KnownDispatch b) {
        return a.getApprovedFrom().equals(b.getApprovedFrom())
                && a.getApprovedTo().equals(b.getApprovedTo())
                && Objects.equals(a.getPurpose(), b.getPurpose());
    }
}
