package org.clearwatch.patterns.vehicletrack;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.clearwatch.schema.feed.GpsPing;

/**
 * The part every vehicle model's keyed function shares: pings put in fix-time order, reference
 * records kept as of the time they became known, and one wake-up timer for whatever the model waits
 * for.
 *
 * <p><b>Pings</b> wait in a map keyed by fix time until the watermark passes them; each is handled
 * in its own event-time timer, so everything derived from it carries its fix time as event time and
 * is never late for a CEP operator downstream. A ping whose fix time is already waiting is a
 * duplicate and is dropped; one at or behind the watermark is late (the feed sets those aside
 * already; this only guards). State reads are point reads: no map iteration, which RocksDB pays for
 * dearly on a map that churns.
 *
 * <p><b>Reference records</b> (the vehicle's record, its dispatches) go into one value as they
 * arrive, whenever that is. The model is woken at the time a record became known, or at once if
 * that is past, to revisit what it decided without it.
 *
 * <p><b>Timers</b>: one per waiting ping, plus the wake-up the model asks for (the result of {@link
 * #handle}); a wake-up that finds nothing to do costs one call.
 *
 * @param <B> the broadcast input: zones or calendar days
 * @param <OUT> what the model derives
 */
public abstract class VehicleTrackFunction<B, OUT>
        extends KeyedBroadcastProcessFunction<String, VehicleInput, B, OUT> {

    private static final long serialVersionUID = 1L;

    private final String modelId;

    private transient MapState<Long, GpsPing> pending;
    private transient ValueState<VehicleReferences> references;
    private transient ValueState<Long> wakeUp;
    private transient Counter pings;
    private transient Counter duplicates;
    private transient Counter late;
    private transient Counter referenceRecords;

    protected VehicleTrackFunction(String modelId) {
        this.modelId = modelId;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        // Bounded without TTL: a ping leaves at its timer; the references hold a few versions of
        // one vehicle record and the dispatches the model still needs (ReferenceBook).
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending-pings",
                                        Types.LONG,
                                        TypeInformation.of(GpsPing.class)));
        references =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>("references", VehicleReferences.class));
        wakeUp = getRuntimeContext().getState(new ValueStateDescriptor<>("wake-up", Types.LONG));
        MetricGroup metrics = metrics();
        pings = metrics.counter("pingsIn");
        duplicates = metrics.counter("duplicatePingsIgnored");
        late = metrics.counter("latePingsDropped");
        referenceRecords = metrics.counter("referenceRecordsIn");
    }

    protected MetricGroup metrics() {
        return getRuntimeContext().getMetricGroup().addGroup("model", modelId);
    }

    @Override
    public final void processElement(VehicleInput input, ReadOnlyContext ctx, Collector<OUT> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (input.ping != null) {
            pings.inc();
            long at = input.ping.getFixTime().toEpochMilli();
            if (at <= watermark) {
                late.inc();
            } else if (pending.contains(at)) {
                duplicates.inc();
            } else {
                pending.put(at, input.ping);
                ctx.timerService().registerEventTimeTimer(at);
            }
            return;
        }
        referenceRecords.inc();
        ReferenceBook book = new ReferenceBook(references.value());
        boolean changed =
                input.vehicle != null ? book.add(input.vehicle) : book.add(input.dispatch);
        if (!changed) {
            return;
        }
        references.update(book.references());
        long knownFrom =
                ReferenceBook.knownFrom(
                        input.vehicle != null
                                ? input.vehicle.getRecordedAt()
                                : input.dispatch.getRecordedAt());
        // Decide again once it counts: at the time it became known, or at the next watermark.
        wake(ctx, Math.max(knownFrom, watermark == Long.MAX_VALUE ? watermark : watermark + 1));
    }

    @Override
    public final void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out)
            throws Exception {
        GpsPing ping = pending.get(timestamp);
        if (ping != null) {
            pending.remove(timestamp);
        }
        Long scheduled = wakeUp.value();
        if (scheduled != null && scheduled <= timestamp) {
            wakeUp.clear();
        }
        Instant now = Instant.ofEpochMilli(timestamp);
        ReferenceBook refs = new ReferenceBook(references.value());
        Instant next = handle(now, ping, refs, ctx, out);
        // A record that becomes known later (its recorded_at) is a reason to decide again then,
        // whatever wake-up was pending when it arrived.
        Instant known = refs.nextKnownAfter(now);
        if (known != null && (next == null || known.isBefore(next))) {
            next = known;
        }
        if (forget(now, refs)) {
            if (refs.isEmpty()) {
                references.clear();
            } else {
                references.update(refs.references());
            }
        }
        if (next != null) {
            wake(ctx, Math.max(next.toEpochMilli(), timestamp + 1));
        }
    }

    private void wake(ReadOnlyContext ctx, long at) throws Exception {
        Long scheduled = wakeUp.value();
        if (scheduled == null || at < scheduled) {
            // A later wake-up already registered stays and fires empty-handed: cheaper than
            // finding out whether a ping's timer shares its time before deleting it.
            ctx.timerService().registerEventTimeTimer(at);
            wakeUp.update(at);
        }
    }

    /**
     * Event time has reached {@code now}: apply the ping with that fix time, if any, after whatever
     * was due by then.
     *
     * @param refs the vehicle's reference records; read them as of {@code now}
     * @return when the model next needs to be called without a ping, or null
     */
    protected abstract Instant handle(
            Instant now, GpsPing ping, ReferenceBook refs, OnTimerContext ctx, Collector<OUT> out)
            throws Exception;

    /**
     * Drops reference records no rule can need after {@code now}.
     *
     * @return whether anything was dropped
     */
    protected abstract boolean forget(Instant now, ReferenceBook refs);
}
