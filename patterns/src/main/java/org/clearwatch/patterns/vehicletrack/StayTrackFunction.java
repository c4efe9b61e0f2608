package org.clearwatch.patterns.vehicletrack;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.clearwatch.patterns.geo.Geo;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.ref.Zone;

/**
 * Keyed by vehicle: the stays of each vehicle at the places its model watches, from its pings, its
 * reference records and the zones (broadcast). Main output: events for the dwell pattern. Side
 * output {@link #followUpTag}: news of stays that reached the threshold, for the follow-up pattern.
 *
 * <p>State per vehicle: the pings waiting for the watermark, its reference records, and its stays
 * (open ones, and ended long ones during their follow-up); a vehicle staying nowhere keeps no stay
 * state.
 */
public class StayTrackFunction extends VehicleTrackFunction<Zone, StayEvent> {

    private static final long serialVersionUID = 1L;

    private final StaySettings settings;
    private final StayRule rule;
    private final ZoneBroadcast zones = new ZoneBroadcast();
    private final OutputTag<StayEvent> followUp;

    private transient ValueState<StayBook> stays;
    private transient Counter exempt;
    private transient Counter coveredAtEntry;
    private transient Counter unreadableZones;

    public StayTrackFunction(StaySettings settings, StayRule rule) {
        super(settings.modelId());
        this.settings = settings;
        this.rule = rule;
        this.followUp = followUpTag(settings.modelId());
    }

    /** Where news of stays past the threshold goes. */
    public static OutputTag<StayEvent> followUpTag(String modelId) {
        return new OutputTag<>(modelId + "-follow-up", TypeInformation.of(StayEvent.class));
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        ValueStateDescriptor<StayBook> descriptor =
                new ValueStateDescriptor<>("stays", StayBook.class);
        // A safety net only: a stay ends when the vehicle leaves, and an ended one after its
        // follow-up. A device that dies inside a zone would otherwise keep its stay for ever.
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(settings.followUp().plusDays(30)).build());
        stays = getRuntimeContext().getState(descriptor);
        exempt = metrics().counter("staysOfExemptVehicles");
        coveredAtEntry = metrics().counter("staysCoveredByDispatch");
        unreadableZones = metrics().counter("unreadableZones");
    }

    @Override
    public void processBroadcastElement(Zone zone, Context ctx, Collector<StayEvent> out)
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
            Instant now,
            GpsPing ping,
            ReferenceBook refs,
            OnTimerContext ctx,
            Collector<StayEvent> out)
            throws Exception {
        StayBook stored = stays.value();
        StayTracker tracker = new StayTracker(ctx.getCurrentKey(), stored, settings);
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
        tracker.toDwell().forEach(out::collect);
        tracker.toFollowUp().forEach(event -> ctx.output(followUp, event));
        exempt.inc(tracker.exempt());
        coveredAtEntry.inc(tracker.coveredAtEntry());
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
