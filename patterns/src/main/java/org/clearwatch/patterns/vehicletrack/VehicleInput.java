package org.clearwatch.patterns.vehicletrack;

import java.util.Objects;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.ref.Dispatch;
import org.clearwatch.schema.ref.Vehicle;

/**
 * One record of the feeds about a vehicle: a ping, its reference record, or one of its dispatches.
 * The three feeds travel as one stream keyed by vehicle id, so that one keyed function sees all of
 * a vehicle's records and the zones or the calendar can still come in as broadcast state.
 *
 * <p>Exactly one field is set. Public fields and a no-argument constructor make it a Flink POJO,
 * serialized field by field with the records' own Avro serializers.
 */
public class VehicleInput {

    public GpsPing ping;
    public Vehicle vehicle;
    public Dispatch dispatch;

    public VehicleInput() {}

    public static VehicleInput ping(GpsPing ping) {
        VehicleInput input = new VehicleInput();
        input.ping = Objects.requireNonNull(ping);
        return input;
    }

    public static VehicleInput vehicle(Vehicle vehicle) {
        VehicleInput input = new VehicleInput();
        input.vehicle = Objects.requireNonNull(vehicle);
        return input;
    }

    public static VehicleInput dispatch(Dispatch dispatch) {
        VehicleInput input = new VehicleInput();
        input.dispatch = Objects.requireNonNull(dispatch);
        return input;
    }

    /** The key of all three feeds. */
    public String vehicleId() {
        if (ping != null) {
            return ping.getVehicleId();
        }
        return vehicle != null ? vehicle.getVehicleId() : dispatch.getVehicleId();
    }

    @Override
    public String toString() {
        return ping != null
                ? "ping " + vehicleId() + "@" + ping.getFixTime()
                : vehicle != null
                        ? "vehicle " + vehicleId()
                        : "dispatch " + dispatch.getDispatchId();
    }
}
