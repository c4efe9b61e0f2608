package org.clearwatch.patterns.vehicletrack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.offhours.OffHoursFunction;
import org.clearwatch.patterns.offhours.OffHoursVehicle;
import org.clearwatch.patterns.reference.CalendarBroadcast;
import org.clearwatch.patterns.testing.HarnessOutput;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.ref.CalendarDay;
import org.clearwatch.schema.ref.Dispatch;
import org.clearwatch.schema.ref.Vehicle;
import org.clearwatch.schema.ref.Zone;

/**
 * Drives one vehicle model's keyed function the way the job wires it: pings, vehicle records and
 * dispatches on the keyed input, zones or calendar days on the broadcast input. The broadcast side
 * never holds event time back, as in the job.
 *
 * @param <B> what is broadcast
 */
public final class VehicleHarness<B> implements AutoCloseable {

    private final KeyedBroadcastOperatorTestHarness<String, VehicleInput, B, Alert> harness;
    private final List<Alert> alerts = new ArrayList<>();

    private VehicleHarness(
            KeyedBroadcastProcessFunction<String, VehicleInput, B, Alert> function,
            org.apache.flink.api.common.state.MapStateDescriptor<?, ?> broadcast,
            StateBackend backend,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(function, List.of(broadcast)),
                        VehicleInput::vehicleId,
                        Types.STRING,
                        128,
                        1,
                        0);
        if (backend != null) {
            harness.setStateBackend(backend);
        }
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    public static VehicleHarness<CalendarDay> offHours(
            OffHoursVehicle.Settings settings,
            WorkingCalendar calendar,
            StateBackend backend,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        return new VehicleHarness<>(
                new OffHoursFunction(settings, calendar),
                CalendarBroadcast.DAYS,
                backend,
                restoreFrom);
    }

    public static VehicleHarness<CalendarDay> offHours(OffHoursVehicle.Settings settings)
            throws Exception {
        return offHours(settings, WorkingCalendar.china(), null, null);
    }

    public static VehicleHarness<Zone> stays(
            StaySettings settings,
            StayRule rule,
            StayAlerts alerts,
            StateBackend backend,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        return new VehicleHarness<>(
                new StayTrackFunction(settings, rule, alerts),
                ZoneBroadcast.ZONES,
                backend,
                restoreFrom);
    }

    public VehicleHarness<B> pings(List<GpsPing> pings) throws Exception {
        for (GpsPing ping : pings) {
            harness.processElement(VehicleInput.ping(ping), ping.getFixTime().toEpochMilli());
        }
        return this;
    }

    public VehicleHarness<B> vehicle(Vehicle vehicle) throws Exception {
        harness.processElement(VehicleInput.vehicle(vehicle), time(vehicle.getRecordedAt()));
        return this;
    }

    public VehicleHarness<B> dispatch(Dispatch dispatch) throws Exception {
        harness.processElement(VehicleInput.dispatch(dispatch), time(dispatch.getRecordedAt()));
        return this;
    }

    public VehicleHarness<B> broadcast(B record) throws Exception {
        harness.processBroadcastElement(record, Long.MIN_VALUE);
        return this;
    }

    /** Event time has reached {@code time}: every ping and wake-up due by then is handled. */
    public VehicleHarness<B> watermark(Instant time) throws Exception {
        harness.processWatermark(time.toEpochMilli());
        for (Object element : harness.getOutput()) {
            if (element instanceof StreamRecord<?> record) {
                alerts.add((Alert) record.getValue());
            }
        }
        harness.getOutput().clear();
        return this;
    }

    public List<Alert> alerts() {
        return alerts;
    }

    public OperatorSubtaskState snapshot(long checkpointId) throws Exception {
        return harness.snapshot(checkpointId, checkpointId);
    }

    public int eventTimeTimers() {
        return harness.numEventTimeTimers();
    }

    /** State entries on the heap backend (the default of these tests). */
    public int keyedStateEntries() {
        return HarnessOutput.heapStateEntries(harness);
    }

    private static long time(Instant recordedAt) {
        return recordedAt == null ? Long.MIN_VALUE : recordedAt.toEpochMilli();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
