package org.clearwatch.patterns.vehicletrack;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.clearwatch.patterns.geo.Geo;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.ref.Zone;

/**
 * Keyed by vehicle: the stays of each vehicle at the places its model watches, from its pings, its
 * reference records and the zones (broadcast), and the alerts they give ({@link StayTracker}).
 *
 * <p>State per vehicle: the pings waiting for the watermark, its reference records, and its stays
 * (open ones, and raised ones during their follow-up); a vehicle staying nowhere keeps no stay
 * state.
 */
public class StayTrackFunction extends VehicleTrackFunction<Zone, Alert> {

    private static final long serialVersionUID = 1L;

    private final StaySettings settings;
    private final StayRule rule;
    private final StayAlerts alerts;
    private final ZoneBroadcast zones = new ZoneBroadcast();

    private transient ValueState<StayBook> stays;
    private transient Counter exempt;
    private transient Counter covered;
    private transient Counter unreadableZones;

    public StayTrackFunction(StaySettings settings, StayRule rule, StayAlerts alerts) {
        super(settings.modelId());
        this.settings = settings;
        this.rule = rule;
        this.alerts = alerts;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        ValueStateDescriptor<StayBook> descriptor =
                new ValueStateDescriptor<>("stays", StayBook.class);
        // A safety net only: a stay ends when the vehicle leaves, and a raised one after its
        // follow-up. A device that dies inside a zone would otherwise keep its stay for ever.
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(settings.followUp().plusDays(30)).build());
        stays = getRuntimeContext().getState(descriptor);
        exempt = metrics().counter("staysOfExemptVehicles");
        covered = metrics().counter("staysCoveredByDispatch");
        unreadableZones = metrics().counter("unreadableZones");
    }

    @Override
    public void processBroadcastElement(Zone zone, Context ctx, Collector<Alert> out)
            throws Exception {
        try {
            Geo.area(zone.getPolygonWkt());
        } catch (IllegalArgumentException e) {
            unreadableZones.inc();
            return;
        }
        zones.apply(ctx.getBroadcastState(ZoneBroadcast.ZONES), zone);
    }

    @Override
    protected Instant handle(
            Instant now, GpsPing ping, ReferenceBook refs, OnTimerContext ctx, Collector<Alert> out)
            throws Exception {
        StayBook stored = stays.value();
        StayTracker tracker = new StayTracker(ctx.getCurrentKey(), stored, settings, alerts);
        if (ping != null) {
            ZoneIndex index = zones.current(ctx.getBroadcastState(ZoneBroadcast.ZONES));
            tracker.moveTo(
                    now,
                    Geo.coarse(ping.getLat(), ping.getLon()),
                    rule.placesAt(
                            ping.getLat(),
                            ping.getLon(),
                            index,
                            refs.vehicleAsOf(now),
                            tracker.staying()),
                    refs);
        } else {
            tracker.review(now, refs);
        }
        tracker.alerts().forEach(out::collect);
        exempt.inc(tracker.exempt());
        covered.inc(tracker.covered());
        // Most pings find a vehicle staying nowhere: no write then, not even a delete.
        if (tracker.isEmpty()) {
            if (stored != null) {
                stays.clear();
            }
        } else if (!tracker.book().equals(stored)) {
            stays.update(tracker.book());
        }
        return tracker.nextReview();
    }

    @Override
    protected boolean forget(Instant now, ReferenceBook refs) {
        return refs.forgetDispatchesEndedBefore(now.minus(settings.dispatchRetention()));
    }
}
