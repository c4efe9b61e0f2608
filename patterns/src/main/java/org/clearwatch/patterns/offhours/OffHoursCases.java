package org.clearwatch.patterns.offhours;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.geo.Geo;
import org.clearwatch.patterns.vehicletrack.KnownDispatch;
import org.clearwatch.patterns.vehicletrack.KnownVehicle;
import org.clearwatch.patterns.vehicletrack.ReferenceBook;
import org.clearwatch.patterns.vehicletrack.TripEvent;
import org.clearwatch.schema.alert.Alert;

/**
 * The off-hours trips of one vehicle, from established to forgotten, and the alerts they give.
 *
 * <ul>
 *   <li>A trip is judged when it is established, by its start: in working time — the working hours
 *       of the vehicle's unit ({@code unit-working-hours}), else {@code working-hours} — it is none
 *       of this model's business. Outside, with the vehicle's record and dispatches as known at
 *       that event time: an exempt kind or a covering dispatch keeps it quiet; otherwise RAISED at
 *       once.
 *   <li>A vehicle whose record is not known yet waits if the trip is off-hours for some unit; when
 *       the record arrives (or becomes known, by its {@code recorded_at}) the trip is judged then,
 *       by its unit's hours, and raised at that time.
 *   <li>At the trip's end, UPDATED with distance and duration.
 *   <li>A dispatch covering the start that becomes known later — recorded after the departure, or
 *       reaching the job late — RESOLVES the case, until {@code follow-up-hours} after the end.
 * </ul>
 *
 * <p>Plain Java: it edits the {@link OffHoursBook} it is given and collects alerts.
 */
public final class OffHoursCases {

    /** Cases kept per vehicle; the oldest go first. */
    static final int MAX_CASES = 20;

    private final String vehicleId;
    private final OffHoursVehicle.Settings settings;
    private final OffHoursBook book;
    private final List<Alert> alerts = new ArrayList<>();
    private int inWorkingTime;
    private int exempt;
    private int covered;

    public OffHoursCases(String vehicleId, OffHoursBook stored, OffHoursVehicle.Settings settings) {
        this.vehicleId = vehicleId;
        this.settings = settings;
        List<TripCase> cases = new ArrayList<>();
        if (stored != null) {
            stored.getCases().forEach(c -> cases.add(TripCase.newBuilder(c).build()));
        }
        this.book = OffHoursBook.newBuilder().setCases(cases).build();
    }

    /** A trip was established: judge it. */
    public void established(TripEvent trip, WorkingCalendar calendar, ReferenceBook refs) {
        KnownVehicle vehicle = refs.vehicleAsOf(trip.at());
        WorkingTime.OffHours offHours =
                vehicle == null
                        ? settings.offHoursForSomeUnit(trip.startedAt(), calendar)
                        : settings.workingTimeOf(vehicle.getUnitCode())
                                .offHours(trip.startedAt(), calendar);
        if (offHours == null) {
            inWorkingTime++;
            return;
        }
        TripCase tripCase =
                TripCase.newBuilder()
                        .setStartedAt(trip.startedAt())
                        .setEstablishedAt(trip.establishedAt())
                        .setOriginArea(Geo.coarse(trip.origin().getLat(), trip.origin().getLon()))
                        .setDistanceAtEstablishmentM(trip.distanceMetres())
                        .setDayClass(offHours.name())
                        .setStatus(TripCaseStatus.WAITING_FOR_VEHICLE)
                        .setRaisedAt(null)
                        .setEndedAt(null)
                        .setEndDetectedAt(null)
                        .setDistanceM(null)
                        .setDestinationArea(null)
                        .setVehicle(null)
                        .setDispatchesConsidered(new ArrayList<>())
                        .build();
        if (judge(tripCase, trip.at(), refs)) {
            book.getCases().add(tripCase);
            while (book.getCases().size() > MAX_CASES) {
                book.getCases().remove(0);
            }
        }
    }

    /** The trip that started at {@code trip.startedAt()} ended. */
    public void ended(TripEvent trip) {
        for (TripCase tripCase : book.getCases()) {
            if (tripCase.getStartedAt().equals(trip.startedAt())) {
                tripCase.setEndedAt(trip.endedAt());
                tripCase.setEndDetectedAt(trip.at());
                tripCase.setDistanceM(trip.distanceMetres());
                tripCase.setDestinationArea(
                        Geo.coarse(trip.latest().getLat(), trip.latest().getLon()));
                if (tripCase.getStatus() == TripCaseStatus.RAISED) {
                    alerts.add(OffHoursAlerts.ended(vehicleId, tripCase, trip.at(), Instant.now()));
                }
            }
        }
    }

    /**
     * Event time has reached {@code now}: judge waiting trips, resolve raised ones a dispatch now
     * covers, forget those whose follow-up is over.
     */
    public void review(Instant now, ReferenceBook refs) {
        Iterator<TripCase> it = book.getCases().iterator();
        while (it.hasNext()) {
            TripCase tripCase = it.next();
            boolean keep;
            if (tripCase.getStatus() == TripCaseStatus.WAITING_FOR_VEHICLE) {
                keep = judge(tripCase, now, refs);
                if (keep
                        && tripCase.getStatus() == TripCaseStatus.RAISED
                        && tripCase.getEndedAt() != null) {
                    alerts.add(OffHoursAlerts.ended(vehicleId, tripCase, now, Instant.now()));
                }
            } else {
                Optional<KnownDispatch> dispatch = covering(tripCase, now, refs);
                dispatch.ifPresent(
                        d ->
                                alerts.add(
                                        OffHoursAlerts.covered(
                                                vehicleId, tripCase, d, now, Instant.now())));
                keep = dispatch.isEmpty();
            }
            if (!keep || followUpOver(tripCase, now)) {
                it.remove();
            }
        }
    }

    /**
     * Judges an off-hours trip as of {@code at}: raises it, or leaves it waiting for the vehicle's
     * record.
     *
     * @return whether the case is still followed (raised or waiting)
     */
    private boolean judge(TripCase tripCase, Instant at, ReferenceBook refs) {
        KnownVehicle vehicle = refs.vehicleAsOf(at);
        if (vehicle == null) {
            return true;
        }
        if (inUnitHours(tripCase, vehicle)) {
            inWorkingTime++;
            return false;
        }
        if (settings.exemptKinds().contains(vehicle.getKind())) {
            exempt++;
            return false;
        }
        if (covering(tripCase, at, refs).isPresent()) {
            covered++;
            return false;
        }
        tripCase.setVehicle(vehicle);
        tripCase.setStatus(TripCaseStatus.RAISED);
        tripCase.setRaisedAt(at);
        tripCase.setDispatchesConsidered(
                refs.near(tripCase.getStartedAt(), at, OffHoursAlerts.NEAR, 5));
        alerts.add(OffHoursAlerts.raised(vehicleId, tripCase, at, Instant.now()));
        return true;
    }

    /**
     * Whether a weekday trip judged off-hours for some unit — its vehicle's unit not known yet —
     * started within the working hours of the unit it turns out to belong to.
     */
    private boolean inUnitHours(TripCase tripCase, KnownVehicle vehicle) {
        return WorkingTime.OffHours.valueOf(tripCase.getDayClass())
                        == WorkingTime.OffHours.WORKDAY_OFF_HOURS
                && settings.workingTimeOf(vehicle.getUnitCode()).inHours(tripCase.getStartedAt());
    }

    private Optional<KnownDispatch> covering(TripCase tripCase, Instant asOf, ReferenceBook refs) {
        return refs.covering(tripCase.getStartedAt(), asOf, settings.dispatchSlack());
    }

    private boolean followUpOver(TripCase tripCase, Instant now) {
        return tripCase.getEndDetectedAt() != null
                && !tripCase.getEndDetectedAt().plus(settings.followUp()).isAfter(now);
    }

    /** When {@link #review} next has something to forget, or null. */
    public Instant nextReview() {
        Instant next = null;
        for (TripCase tripCase : book.getCases()) {
            if (tripCase.getEndDetectedAt() != null) {
                Instant end = tripCase.getEndDetectedAt().plus(settings.followUp());
                if (next == null || end.isBefore(next)) {
                    next = end;
                }
            }
        }
        return next;
    }

    public boolean isEmpty() {
        return book.getCases().isEmpty();
    }

    public OffHoursBook book() {
        return book;
    }

    public List<Alert> alerts() {
        return alerts;
    }

    public int inWorkingTime() {
        return inWorkingTime;
    }

    public int exempt() {
        return exempt;
    }

    public int covered() {
        return covered;
    }
}
