package org.clearwatch.patterns.offhours;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.reference.CalendarBroadcast;
import org.clearwatch.patterns.vehicletrack.ReferenceBook;
import org.clearwatch.patterns.vehicletrack.TripEvent;
import org.clearwatch.patterns.vehicletrack.TripState;
import org.clearwatch.patterns.vehicletrack.TripTracker;
import org.clearwatch.patterns.vehicletrack.VehicleTrackFunction;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.ref.CalendarDay;

/**
 * Keyed by vehicle: its pings become trips ({@link TripTracker}), its off-hours trips become cases
 * and alerts ({@link OffHoursCases}); the calendar comes in as broadcast state.
 *
 * <p>State per vehicle, besides what {@link VehicleTrackFunction} keeps: where it is parked or the
 * trip it is on (one small value), and its off-hours trips still followed (at most {@link
 * OffHoursCases#MAX_CASES}, each gone {@code follow-up-hours} after its end).
 */
public class OffHoursFunction extends VehicleTrackFunction<CalendarDay, Alert> {

    private static final long serialVersionUID = 1L;

    /** A vehicle silent this long forgets where it was parked (processing time, a safety net). */
    static final java.time.Duration IDLE_VEHICLE_TTL = java.time.Duration.ofDays(60);

    private final OffHoursVehicle.Settings settings;
    private final CalendarBroadcast calendar;

    private transient ValueState<TripState> trip;
    private transient ValueState<OffHoursBook> cases;
    private transient Counter tripsEstablished;
    private transient Counter inWorkingTime;
    private transient Counter exempt;
    private transient Counter covered;

    public OffHoursFunction(OffHoursVehicle.Settings settings, WorkingCalendar calendar) {
        super(OffHoursVehicle.ID);
        this.settings = settings;
        this.calendar = new CalendarBroadcast(calendar);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        ValueStateDescriptor<TripState> tripDescriptor =
                new ValueStateDescriptor<>("trip", TripState.class);
        tripDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(IDLE_VEHICLE_TTL).build());
        trip = getRuntimeContext().getState(tripDescriptor);
        ValueStateDescriptor<OffHoursBook> casesDescriptor =
                new ValueStateDescriptor<>("cases", OffHoursBook.class);
        casesDescriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(settings.followUp().plus(IDLE_VEHICLE_TTL)).build());
        cases = getRuntimeContext().getState(casesDescriptor);
        tripsEstablished = metrics().counter("tripsEstablished");
        inWorkingTime = metrics().counter("tripsInWorkingTime");
        exempt = metrics().counter("offHoursTripsOfExemptVehicles");
        covered = metrics().counter("offHoursTripsCoveredByDispatch");
    }

    @Override
    public void processBroadcastElement(CalendarDay day, Context ctx, Collector<Alert> out)
            throws Exception {
        calendar.apply(ctx.getBroadcastState(CalendarBroadcast.DAYS), day);
    }

    @Override
    protected Instant handle(
            Instant now, GpsPing ping, ReferenceBook refs, OnTimerContext ctx, Collector<Alert> out)
            throws Exception {
        TripState storedTrip = trip.value();
        TripState state =
                storedTrip == null
                        ? TripTracker.unknownPlace()
                        : TripState.newBuilder(storedTrip).build();
        TripTracker tracker = new TripTracker(state, settings.trip());
        if (ping != null) {
            tracker.accept(ping);
        } else {
            tracker.advanceTo(now);
        }

        OffHoursBook storedCases = cases.value();
        OffHoursCases book = new OffHoursCases(ctx.getCurrentKey(), storedCases, settings);
        WorkingCalendar days = calendar.current(ctx.getBroadcastState(CalendarBroadcast.DAYS));
        for (TripEvent event : tracker.events()) {
            if (event.kind() == TripEvent.Kind.ESTABLISHED) {
                tripsEstablished.inc();
                book.established(event, days, refs);
            } else {
                book.ended(event);
            }
        }
        book.review(now, refs);
        book.alerts().forEach(out::collect);
        inWorkingTime.inc(book.inWorkingTime());
        exempt.inc(book.exempt());
        covered.inc(book.covered());

        if (!state.equals(storedTrip)) {
            trip.update(state);
        }
        if (book.isEmpty()) {
            if (storedCases != null) {
                cases.clear();
            }
        } else if (!book.book().equals(storedCases)) {
            cases.update(book.book());
        }
        return earliest(tracker.nextDeadline(), book.nextReview());
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    @Override
    protected boolean forget(Instant now, ReferenceBook refs) {
        return refs.forgetDispatchesEndedBefore(now.minus(settings.dispatchRetention()));
    }
}
