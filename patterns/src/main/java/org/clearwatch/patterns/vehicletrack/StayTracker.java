package org.clearwatch.patterns.vehicletrack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.clearwatch.schema.alert.Alert;

/**
 * The stays of one vehicle: opened and closed as its pings enter and leave the places a {@link
 * StayRule} names, judged against its reference records as of each event time, and turned into
 * alerts.
 *
 * <ul>
 *   <li>A stay begins at the first ping at a place and ends at the first ping away from it; a
 *       vehicle that falls silent inside stays there (a car parked at a resort with its device off
 *       is the case that matters most).
 *   <li>It is judged once the vehicle's record is known: exempt kinds and stays whose start a
 *       dispatch covers are left alone; the others are timed from their start.
 *   <li>A stay that reaches the threshold raises, once. When the vehicle leaves, UPDATED with the
 *       whole dwell. When a covering dispatch becomes known later (recorded late, or arrived late),
 *       RESOLVED; a raised stay is followed for that for {@link StaySettings#followUp()} after it
 *       ended.
 * </ul>
 *
 * <p>Plain Java: it edits the {@link StayBook} it is given and collects alerts.
 */
public final class StayTracker {

    /** How far around the start of a stay dispatches are listed as considered. */
    static final Duration NEAR = Duration.ofHours(12);

    static final int MAX_CONSIDERED = 5;

    /** Ended raised stays kept per vehicle for their follow-up; the oldest go first. */
    static final int MAX_CLOSED = 50;

    private final String vehicleId;
    private final StaySettings settings;
    private final StayAlerts alerts;
    private final StayBook book;
    private final List<Alert> out = new ArrayList<>();
    private int exempt;
    private int covered;

    public StayTracker(
            String vehicleId, StayBook stored, StaySettings settings, StayAlerts alerts) {
        this.vehicleId = vehicleId;
        this.settings = settings;
        this.alerts = alerts;
        this.book =
                stored == null
                        ? emptyBook()
                        : StayBook.newBuilder()
                                .setOpen(copy(stored.getOpen()))
                                .setClosed(copy(stored.getClosed()))
                                .build();
    }

    private static List<Stay> copy(List<Stay> stays) {
        List<Stay> copies = new ArrayList<>();
        stays.forEach(s -> copies.add(Stay.newBuilder(s).build()));
        return copies;
    }

    public static StayBook emptyBook() {
        return StayBook.newBuilder()
                .setOpen(new ArrayList<>())
                .setClosed(new ArrayList<>())
                .build();
    }

    public static String stayKey(String vehicleId, String placeId, Instant enteredAt) {
        return vehicleId + "#" + placeId + "#" + enteredAt.toEpochMilli();
    }

    /** Ids of the places the vehicle is staying at. */
    public Set<String> staying() {
        Set<String> ids = new LinkedHashSet<>();
        for (Stay stay : book.getOpen()) {
            ids.add(stay.getPlaceId());
        }
        return ids;
    }

    /**
     * A ping at {@code at} finds the vehicle at {@code places}. What was due by {@code at} happens
     * first (a stay that reaches the threshold on this very ping raises before it ends); then the
     * stays it is no longer at end and new ones begin.
     *
     * @param area the ping's position, coarse (Geo.coarse): what the stay may show of it
     */
    public void moveTo(Instant at, String area, List<StayRule.Place> places, ReferenceBook refs) {
        review(at, refs);
        Set<String> here = new LinkedHashSet<>();
        places.forEach(p -> here.add(p.placeId()));
        Iterator<Stay> open = book.getOpen().iterator();
        while (open.hasNext()) {
            Stay stay = open.next();
            if (here.contains(stay.getPlaceId())) {
                stay.setLastArea(area);
                stay.setLastSeenAt(at);
            } else {
                open.remove();
                leave(stay, at, area);
            }
        }
        Set<String> staying = staying();
        for (StayRule.Place place : places) {
            if (!staying.contains(place.placeId())) {
                Stay stay =
                        Stay.newBuilder()
                                .setStayKey(stayKey(vehicleId, place.placeId(), at))
                                .setVehicleId(vehicleId)
                                .setPlaceId(place.placeId())
                                .setZoneId(place.zoneId())
                                .setZoneName(place.zoneName())
                                .setEnteredAt(at)
                                .setEntryArea(area)
                                .setStatus(StayStatus.WAITING)
                                .setRaisedAt(null)
                                .setLeftAt(null)
                                .setLastSeenAt(at)
                                .setLastArea(area)
                                .setVehicle(null)
                                .setDispatchesConsidered(new ArrayList<>())
                                .build();
                book.getOpen().add(stay);
                judge(stay, at, refs);
            }
        }
    }

    /**
     * Event time has reached {@code now}: judges stays waiting for the vehicle's record, raises
     * those that reached the threshold, resolves raised ones a dispatch now covers, and forgets
     * ended ones whose follow-up is over.
     */
    public void review(Instant now, ReferenceBook refs) {
        for (Stay stay : book.getOpen()) {
            switch (stay.getStatus()) {
                case WAITING -> judge(stay, now, refs);
                case TIMING -> {
                    if (coveredNow(stay, now, refs).isPresent()) {
                        stay.setStatus(StayStatus.COVERED);
                        covered++;
                    } else if (!raisesAt(stay).isAfter(now)) {
                        raise(stay, now);
                    }
                }
                case RAISED -> resolveIfCovered(stay, now, refs);
                default -> {}
            }
        }
        Iterator<Stay> closed = book.getClosed().iterator();
        while (closed.hasNext()) {
            Stay stay = closed.next();
            if (!followUpEnds(stay).isAfter(now) || resolveIfCovered(stay, now, refs)) {
                closed.remove();
            }
        }
    }

    private void judge(Stay stay, Instant now, ReferenceBook refs) {
        KnownVehicle vehicle = refs.vehicleAsOf(now);
        if (vehicle == null) {
            return; // waits: a record that holds from the start may still arrive
        }
        stay.setVehicle(vehicle);
        if (settings.exemptKinds().contains(vehicle.getKind())) {
            stay.setStatus(StayStatus.EXEMPT);
            exempt++;
            return;
        }
        if (coveredNow(stay, now, refs).isPresent()) {
            stay.setStatus(StayStatus.COVERED);
            covered++;
            return;
        }
        stay.setStatus(StayStatus.TIMING);
        stay.setDispatchesConsidered(refs.near(stay.getEnteredAt(), now, NEAR, MAX_CONSIDERED));
        if (!raisesAt(stay).isAfter(now)) {
            raise(stay, now); // judged late (the vehicle's record came late): raise at once
        }
    }

    private void raise(Stay stay, Instant at) {
        stay.setStatus(StayStatus.RAISED);
        stay.setRaisedAt(at);
        out.add(alerts.raised(stay, at, settings, Instant.now()));
    }

    private Optional<KnownDispatch> coveredNow(Stay stay, Instant now, ReferenceBook refs) {
        return refs.covering(stay.getEnteredAt(), now, settings.dispatchSlack());
    }

    /** RESOLVED for a raised stay that a dispatch known at {@code now} covers; true if one does. */
    private boolean resolveIfCovered(Stay stay, Instant now, ReferenceBook refs) {
        Optional<KnownDispatch> dispatch = coveredNow(stay, now, refs);
        if (dispatch.isEmpty()) {
            return false;
        }
        stay.setStatus(StayStatus.COVERED);
        out.add(alerts.covered(stay, dispatch.get(), now, settings, Instant.now()));
        return true;
    }

    private void leave(Stay stay, Instant at, String area) {
        if (stay.getStatus() != StayStatus.RAISED) {
            return; // a short, exempt or covered stay leaves no trace
        }
        stay.setLeftAt(at);
        stay.setLastArea(area);
        out.add(alerts.left(stay, settings, Instant.now()));
        book.getClosed().add(stay);
        while (book.getClosed().size() > MAX_CLOSED) {
            book.getClosed().remove(0);
        }
    }

    /** When the stay reaches the threshold: its start plus the threshold. */
    public Instant raisesAt(Stay stay) {
        return stay.getEnteredAt().plus(settings.threshold());
    }

    private Instant followUpEnds(Stay stay) {
        return stay.getLeftAt().plus(settings.followUp());
    }

    /** When {@link #review} next has something to do without a ping, or null. */
    public Instant nextReview() {
        Instant next = null;
        for (Stay stay : book.getOpen()) {
            if (stay.getStatus() == StayStatus.TIMING) {
                next = earliest(next, raisesAt(stay));
            }
        }
        for (Stay stay : book.getClosed()) {
            next = earliest(next, followUpEnds(stay));
        }
        return next;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    public boolean isEmpty() {
        return book.getOpen().isEmpty() && book.getClosed().isEmpty();
    }

    public StayBook book() {
        return book;
    }

    /** Alerts since this object was made, in order. */
    public List<Alert> alerts() {
        return out;
    }

    /** Stays of exempt vehicles judged since this object was made. */
    public int exempt() {
        return exempt;
    }

    /** Stays found covered by a dispatch before they raised. */
    public int covered() {
        return covered;
    }
}
