package org.clearwatch.patterns.vehicletrack;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.ref.Dispatch;
import org.clearwatch.schema.ref.Vehicle;

/** The one stream a vehicle model's keyed function reads: pings, vehicle records, dispatches. */
public final class VehicleStreams {

    private VehicleStreams() {}

    /**
     * Pings, vehicle records and dispatches as {@link VehicleInput}s keyed by vehicle id. The maps
     * are stateless; their uids start with the model id so that several vehicle models can run in
     * one job.
     */
    public static KeyedStream<VehicleInput, String> byVehicle(
            String modelId,
            DataStream<GpsPing> gps,
            DataStream<Vehicle> vehicles,
            DataStream<Dispatch> dispatches) {
        TypeInformation<VehicleInput> type = TypeInformation.of(VehicleInput.class);
        DataStream<VehicleInput> pings =
                gps.map(VehicleInput::ping)
                        .returns(type)
                        .uid(modelId + "-pings")
                        .name(modelId + ": pings");
        DataStream<VehicleInput> records =
                vehicles.map(VehicleInput::vehicle)
                        .returns(type)
                        .uid(modelId + "-vehicle-records")
                        .name(modelId + ": vehicle records");
        DataStream<VehicleInput> approved =
                dispatches
                        .map(VehicleInput::dispatch)
                        .returns(type)
                        .uid(modelId + "-dispatches")
                        .name(modelId + ": dispatches");
        return pings.union(records, approved).keyBy(VehicleInput::vehicleId);
    }
}
