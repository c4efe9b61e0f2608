package org.clearwatch.patterns.vehicletrack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The stays of one vehicle: opened and closed as its pings enter and leave the places a {@link
 * StayRule} names, judged against its reference records, and turned into the few {@link StayEvent}s
 * the dwell patterns work on.
 *
 * <p>A stay is handed to the dwell pattern (ENTERED) once the vehicle's record is known and it is
 * neither exempt nor covered by a dispatch at the time it entered. From then on the pattern times
 * it; this class tells it when the vehicle leaves (LEFT) or when a covering dispatch becomes known
 * (COVERED). After the threshold the same news goes to the follow-up pattern instead, which turns
 * it into UPDATED or RESOLVED; a long stay that ended is kept for that long, so a dispatch recorded
 * after the vehicle left still resolves it.
 *
 * <p>Events are stamped with the time they are derived at, which the Flink operator uses as their
 * event time: that keeps them ahead of the watermark for the patterns downstream. Plain Java.
 */
public final class StayTracker {

    /** How far around the start of a stay dispatches are listed as considered. */
    static final Duration NEAR = Duration.ofHours(12);

    static final int MAX_CONSIDERED = 5;

    private final String vehicleId;
    private final StaySettings settings;
    private final StayBook book;
    private final List<StayEvent> toDwell = new ArrayList<>();
    private final List<StayEvent> toFollowUp = new ArrayList<>();
    private int exempt;
    private int coveredAtEntry;

    public StayTracker(String vehicleId, StayBook stored, StaySettings settings) {
        this.vehicleId = vehicleId;
        this.settings = settings;
        this.book =
                stored == null
                        ? emptyBook()
                        : StayBook.newBuilder()
                                .setOpen(new ArrayList<>(stored.getOpen()))
                                .setClosed(new ArrayList<>(stored.getClosed()))
                                .build();
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
     * A ping at {@code at} finds the vehicle at {@code places}: stays it is no longer at end, new
     * ones begin, and every open stay is reviewed.
     *
     * @param area the ping's position, coarse (Geo.coarse): what the stay may show of it
     */
    public void moveTo(Instant at, String area, List<StayRule.Place> places, ReferenceBook refs) {
        Set<String> here = new LinkedHashSet<>();
        places.forEach(p -> here.add(p.placeId()));
        Iterator<Stay> open = book.getOpen().iterator();
        while (open.hasNext()) {
            Stay stay = open.next();
            if (here.contains(stay.getPlaceId())) {
                stay.setLastArea(area);
            } else {
                open.remove();
                leave(stay, at, area);
            }
        }
        Set<String> staying = staying();
        for (StayRule.Place place : places) {
            if (!staying.contains(place.placeId())) {
                book.getOpen()
                        .add(
                                Stay.newBuilder()
                                        .setStayKey(stayKey(vehicleId, place.placeId(), at))
                                        .setVehicleId(vehicleId)
                                        .setPlaceId(place.placeId())
                                        .setZoneId(place.zoneId())
                                        .setZoneName(place.zoneName())
                                        .setEnteredAt(at)
                                        .setEntryArea(area)
                                        .setLastArea(area)
                                        .setStatus(StayStatus.WAITING)
                                        .setHandedOverAt(null)
                                        .setLeftAt(null)
                                        .setVehicle(null)
                                        .setDispatchesConsidered(new ArrayList<>())
                                        .build());
            }
        }
        review(at, refs);
    }

    /**
     * Judges every stay against the reference records known at {@code now}: hands waiting stays
     * over, reports newly covered ones, and forgets ended stays whose follow-up is over.
     */
    public void review(Instant now, ReferenceBook refs) {
        for (Stay stay : book.getOpen()) {
            if (stay.getStatus() == StayStatus.WAITING) {
                handOver(stay, now, refs);
            } else if (stay.getStatus() == StayStatus.HANDED_OVER) {
                checkCovered(stay, now, refs);
            }
        }
        Iterator<Stay> closed = book.getClosed().iterator();
        while (closed.hasNext()) {
            Stay stay = closed.next();
            if (!followUpEnds(stay).isAfter(now)) {
                closed.remove();
            } else if (checkCovered(stay, now, refs)) {
                closed.remove();
            }
        }
    }

    private void handOver(Stay stay, Instant now, ReferenceBook refs) {
        KnownVehicle vehicle = refs.vehicleAsOf(now);
        if (vehicle == null) {
            return;
        }
        if (settings.exemptKinds().contains(vehicle.getKind())) {
            stay.setStatus(StayStatus.EXEMPT);
            exempt++;
            return;
        }
        if (refs.covering(stay.getEnteredAt(), now, settings.dispatchSlack()).isPresent()) {
            stay.setStatus(StayStatus.COVERED);
            coveredAtEntry++;
            return;
        }
        stay.setStatus(StayStatus.HANDED_OVER);
        stay.setHandedOverAt(now);
        stay.setVehicle(vehicle);
        stay.setDispatchesConsidered(refs.near(stay.getEnteredAt(), now, NEAR, MAX_CONSIDERED));
        toDwell.add(event(StayEventKind.ENTERED, stay, now, null));
    }

    /** Reports a dispatch that covers a handed-over stay; true if one does. */
    private boolean checkCovered(Stay stay, Instant now, ReferenceBook refs) {
        Optional<KnownDispatch> dispatch =
                refs.covering(stay.getEnteredAt(), now, settings.dispatchSlack());
        if (dispatch.isEmpty()) {
            return false;
        }
        stay.setStatus(StayStatus.COVERED);
        StayEvent covered = event(StayEventKind.COVERED, stay, now, dispatch.get());
        if (now.isBefore(raisedAt(stay))) {
            toDwell.add(covered);
        } else if (now.isBefore(followUpEnds(stay))) {
            toFollowUp.add(covered);
        }
        return true;
    }

    private void leave(Stay stay, Instant at, String area) {
        stay.setLeftAt(at);
        stay.setLastArea(area);
        if (stay.getStatus() != StayStatus.HANDED_OVER) {
            return;
        }
        StayEvent left = event(StayEventKind.LEFT, stay, at, null);
        if (at.isBefore(raisedAt(stay))) {
            toDwell.add(left);
        } else if (at.isBefore(followUpEnds(stay))) {
            toFollowUp.add(left);
            book.getClosed().add(stay);
        }
    }

    /** When the dwell pattern raises a stay it holds: the threshold after the hand-over. */
    public Instant raisedAt(Stay stay) {
        return stay.getHandedOverAt().plus(settings.threshold());
    }

    private Instant followUpEnds(Stay stay) {
        return raisedAt(stay).plus(settings.followUp());
    }

    /** When {@link #review} next has something to forget, or null. */
    public Instant nextReview() {
        Instant next = null;
        for (Stay stay : book.getClosed()) {
            Instant end = followUpEnds(stay);
            if (next == null || end.isBefore(next)) {
                next = end;
            }
        }
        return next;
    }

    private static StayEvent event(
            StayEventKind kind, Stay stay, Instant at, KnownDispatch dispatch) {
        return StayEvent.newBuilder()
                .setKind(kind)
                .setStayKey(stay.getStayKey())
                .setStay(Stay.newBuilder(stay).build())
                .setAt(at)
                .setDispatch(dispatch)
                .build();
    }

    public boolean isEmpty() {
        return book.getOpen().isEmpty() && book.getClosed().isEmpty();
    }

    public StayBook book() {
        return book;
    }

    /** Events for the dwell pattern, in the order they happened. */
    public List<StayEvent> toDwell() {
        return toDwell;
    }

    /** Events for the follow-up pattern: news of stays that reached the threshold. */
    public List<StayEvent> toFollowUp() {
        return toFollowUp;
    }

    /** Stays of exempt vehicles begun since this object was made. */
    public int exempt() {
        return exempt;
    }

    /** Stays covered by a dispatch known when they were judged. */
    public int coveredAtEntry() {
        return coveredAtEntry;
    }
}
