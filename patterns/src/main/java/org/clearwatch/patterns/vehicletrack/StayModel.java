package org.clearwatch.patterns.vehicletrack;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.clearwatch.patterns.model.ModelInputs;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.ref.Dispatch;
import org.clearwatch.schema.ref.Vehicle;
import org.clearwatch.schema.ref.Zone;

/**
 * A dwell model: what it shares with the others is the wiring; where a vehicle "stays" ({@link
 * StayRule}), the settings and the wording of the alerts are its own.
 *
 * <pre>
 * gps ─────────┐
 * vehicles ────┼─ keyBy vehicle ─┐
 * dispatches ──┘                 ├─ stays (keyed function) ─ RAISED / UPDATED / RESOLVED
 * zones ─ broadcast ─────────────┘
 * </pre>
 */
public abstract class StayModel implements SupervisionModel {

    protected abstract StaySettings settings(ParameterValues parameters);

    protected abstract StayRule rule(ParameterValues parameters);

    protected abstract StayAlerts alerts();

    @Override
    public DataStream<Alert> build(ModelInputs inputs, ParameterValues parameters) {
        return build(
                inputs.gps(),
                inputs.vehicles(),
                inputs.dispatches(),
                inputs.zones(),
                settings(parameters),
                rule(parameters),
                alerts());
    }

    public static DataStream<Alert> build(
            DataStream<GpsPing> gps,
            DataStream<Vehicle> vehicles,
            DataStream<Dispatch> dispatches,
            DataStream<Zone> zones,
            StaySettings settings,
            StayRule rule,
            StayAlerts alerts) {
        String id = settings.modelId();
        return VehicleStreams.byVehicle(id, gps, vehicles, dispatches)
                .connect(zones.broadcast(ZoneBroadcast.ZONES))
                .process(
                        new StayTrackFunction(settings, rule, alerts),
                        TypeInformation.of(Alert.class))
                .uid(id + "-stays")
                .name(id + ": stays");
    }
}
