package org.clearwatch.patterns.vehicletrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.HOME_LAT;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.HOME_LON;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.RESORT;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.RESORT_LAT;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.RESORT_LON;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.THURSDAY_MORNING;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.WEDNESDAY_1000;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.WEDNESDAY_2100;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.general;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.parked;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.stayAt;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.trip;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.offhours.OffHoursVehicle;
import org.clearwatch.patterns.restrictedzone.RestrictedZoneVisit;
import org.clearwatch.patterns.restrictedzone.RestrictedZoneVisitModel;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.ref.CalendarDay;
import org.clearwatch.schema.ref.Zone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart in the middle of a trip or of a dwell, on the RocksDB backend the job runs with: take a
 * snapshot, restore it into a fresh operator, carry on, and get each alert exactly once.
 */
class VehicleRestoreTest {

    private static final OffHoursVehicle.Settings TRIPS = OffHoursVehicle.Settings.defaults();
    private static final StaySettings STAYS =
            RestrictedZoneVisit.PARAMETERS.settings(
                    RestrictedZoneVisit.ID, RestrictedZoneVisit.SPEC.defaults());
    private static final Instant ARRIVES = WEDNESDAY_1000.plus(Duration.ofHours(1));

    @TempDir Path rocksDir;

    private StateBackend rocksDb() {
        EmbeddedRocksDBStateBackend backend = new EmbeddedRocksDBStateBackend(true);
        backend.setDbStoragePath(rocksDir.toString());
        return backend;
    }

    private VehicleHarness<CalendarDay> trips(OperatorSubtaskState restoreFrom) throws Exception {
        return VehicleHarness.offHours(TRIPS, WorkingCalendar.china(), rocksDb(), restoreFrom);
    }

    private VehicleHarness<Zone> stays(OperatorSubtaskState restoreFrom) throws Exception {
        return VehicleHarness.stays(
                STAYS,
                new RestrictedZoneVisitModel.InsideRestrictedZones(),
                new RestrictedZoneVisitModel.Alerts(),
                rocksDb(),
                restoreFrom);
    }

    private static List<AlertKind> kinds(List<Alert> alerts) {
        return alerts.stream().map(Alert::getKind).toList();
    }

    @Test
    void aTripRaisedBeforeTheRestartIsUpdatedOnceAndNotRaisedAgain() throws Exception {
        List<GpsPing> pings = trip(WEDNESDAY_2100, 10, 15);
        OperatorSubtaskState snapshot;
        String id;
        try (VehicleHarness<CalendarDay> before = trips(null)) {
            before.vehicle(general()).pings(pings.subList(0, 9));
            before.watermark(WEDNESDAY_2100.plusSeconds(200));
            assertThat(kinds(before.alerts())).containsExactly(AlertKind.RAISED);
            id = before.alerts().get(0).getAlertId();
            snapshot = before.snapshot(1L);
        }

        try (VehicleHarness<CalendarDay> after = trips(snapshot)) {
            after.pings(pings.subList(9, pings.size())).watermark(THURSDAY_MORNING);

            assertThat(kinds(after.alerts())).containsExactly(AlertKind.UPDATED);
            assertThat(after.alerts().get(0).getAlertId()).isEqualTo(id);
            assertThat(after.alerts().get(0).getFacts()).containsEntry("distance_m", "3336");
        }
    }

    @Test
    void aTripNotYetEstablishedAtTheRestartRaisesExactlyOnce() throws Exception {
        List<GpsPing> pings = trip(WEDNESDAY_2100, 10, 15);
        OperatorSubtaskState snapshot;
        try (VehicleHarness<CalendarDay> before = trips(null)) {
            // Two pings away, one of them still waiting for the watermark.
            before.vehicle(general()).pings(pings.subList(0, 4));
            before.watermark(WEDNESDAY_2100.plusSeconds(10));
            assertThat(before.alerts()).isEmpty();
            snapshot = before.snapshot(1L);
        }

        try (VehicleHarness<CalendarDay> after = trips(snapshot)) {
            after.pings(pings.subList(4, pings.size())).watermark(THURSDAY_MORNING);

            assertThat(kinds(after.alerts())).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
        }
    }

    @Test
    void aDwellInterruptedBeforeTheThresholdRaisesExactlyOnce() throws Exception {
        List<GpsPing> pings = stayAt(ARRIVES, 60, RESORT_LAT, RESORT_LON);
        OperatorSubtaskState snapshot;
        try (VehicleHarness<Zone> before = stays(null)) {
            before.broadcast(RESORT).vehicle(general());
            before.pings(parked(WEDNESDAY_1000, Duration.ofMinutes(5), 12, HOME_LAT, HOME_LON));
            before.pings(pings.subList(0, 16)).watermark(ARRIVES.plus(Duration.ofMinutes(15)));
            assertThat(before.alerts()).isEmpty();
            snapshot = before.snapshot(1L);
        }

        try (VehicleHarness<Zone> after = stays(snapshot)) {
            after.pings(pings.subList(16, pings.size())).watermark(THURSDAY_MORNING);

            assertThat(kinds(after.alerts())).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
            assertThat(after.alerts().get(0).getEventTime())
                    .isEqualTo(ARRIVES.plus(Duration.ofMinutes(30)));
        }
    }

    @Test
    void aDwellRaisedBeforeTheRestartIsNotRaisedAgain() throws Exception {
        List<GpsPing> pings = stayAt(ARRIVES, 60, RESORT_LAT, RESORT_LON);
        OperatorSubtaskState snapshot;
        try (VehicleHarness<Zone> before = stays(null)) {
            before.broadcast(RESORT).vehicle(general());
            before.pings(pings.subList(0, 45)).watermark(ARRIVES.plus(Duration.ofMinutes(44)));
            assertThat(kinds(before.alerts())).containsExactly(AlertKind.RAISED);
            snapshot = before.snapshot(1L);
        }

        try (VehicleHarness<Zone> after = stays(snapshot)) {
            // The zones come back from broadcast state: the car is still known to be inside.
            after.pings(pings.subList(45, pings.size())).watermark(THURSDAY_MORNING);

            assertThat(kinds(after.alerts())).containsExactly(AlertKind.UPDATED);
            assertThat(after.alerts().get(0).getFacts()).containsEntry("dwell_minutes", "60");
        }
    }
}
