package org.clearwatch.patterns.offhours;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelInputs;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.patterns.reference.CalendarBroadcast;
import org.clearwatch.patterns.vehicletrack.VehicleStreams;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.ref.CalendarDay;
import org.clearwatch.schema.ref.Dispatch;
import org.clearwatch.schema.ref.Vehicle;

/**
 * Wires off-hours-vehicle: pings, vehicle records and dispatches keyed by vehicle, the calendar
 * broadcast, alerts out.
 *
 * <pre>
 * gps ─────────┐
 * vehicles ────┼─ keyBy vehicle ─┐
 * dispatches ──┘                 ├─ trips and off-hours cases (keyed function) ─ RAISED / UPDATED / RESOLVED
 * calendar ─ broadcast ──────────┘
 * </pre>
 */
public final class OffHoursVehicleModel implements SupervisionModel {

    @Override
    public ModelSpec spec() {
        return OffHoursVehicle.SPEC;
    }

    @Override
    public void check(ParameterValues parameters) {
        OffHoursVehicle.Settings.of(parameters);
    }

    @Override
    public DataStream<Alert> build(ModelInputs inputs, ParameterValues parameters) {
        return build(
                inputs.gps(),
                inputs.vehicles(),
                inputs.dispatches(),
                inputs.calendarDays(),
                OffHoursVehicle.Settings.of(parameters),
                inputs.calendar());
    }

    public static DataStream<Alert> build(
            DataStream<GpsPing> gps,
            DataStream<Vehicle> vehicles,
            DataStream<Dispatch> dispatches,
            DataStream<CalendarDay> calendarDays,
            OffHoursVehicle.Settings settings,
            WorkingCalendar calendar) {
        return VehicleStreams.byVehicle(OffHoursVehicle.ID, gps, vehicles, dispatches)
                .connect(calendarDays.broadcast(CalendarBroadcast.DAYS))
                .process(new OffHoursFunction(settings, calendar), TypeInformation.of(Alert.class))
                .uid("off-hours-vehicle-trips")
                .name("off-hours-vehicle: trips");
    }
}
