package org.clearwatch.patterns.offhours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.HOLIDAY_1000;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.HOME_LAT;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.HOME_LON;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.MAKE_UP_SUNDAY_1000;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.PLATE;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.SUNDAY_1000;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.THURSDAY_MORNING;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.WEDNESDAY_1000;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.WEDNESDAY_2100;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.dispatch;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.general;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.ping;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.stopOf;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.trip;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.vehicle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.clearwatch.patterns.vehicletrack.VehicleHarness;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.ref.CalendarDay;
import org.clearwatch.schema.ref.DayKind;
import org.clearwatch.schema.ref.VehicleKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** off-hours-vehicle as stories: one vehicle's pings and reference records, then the alerts. */
class OffHoursVehicleModelTest {

    private static final OffHoursVehicle.Settings SETTINGS = OffHoursVehicle.Settings.defaults();

    /** Ten pings 30 s apart: 3.3 km in 4.5 minutes; established on the fifth, two minutes in. */
    private static final int MOVING = 10;

    private VehicleHarness<CalendarDay> model;

    @BeforeEach
    void start() throws Exception {
        model = VehicleHarness.offHours(SETTINGS);
    }

    @AfterEach
    void stop() throws Exception {
        model.close();
    }

    private static Instant established(Instant start) {
        return start.plusSeconds(120);
    }

    private static Instant endKnown(Instant start) {
        return stopOf(start, MOVING).plus(Duration.ofMinutes(10));
    }

    private List<AlertKind> kinds() {
        return model.alerts().stream().map(Alert::getKind).toList();
    }

    @Test
    void raisesOnceForANightTripOnAWeekdayAndUpdatesItWithDistanceAndDurationAtTheEnd()
            throws Exception {
        model.vehicle(general())
                .pings(trip(WEDNESDAY_2100, MOVING, 15))
                .watermark(THURSDAY_MORNING);

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
        Alert raised = model.alerts().get(0);
        Alert updated = model.alerts().get(1);
        assertThat(raised.getAlertId())
                .isEqualTo(updated.getAlertId())
                .isEqualTo(OffHoursAlerts.alertId(PLATE, WEDNESDAY_2100));
        assertThat(raised.getEventTime()).isEqualTo(established(WEDNESDAY_2100));
        assertThat(raised.getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(raised.getFacts()).containsEntry("off_hours", "WORKDAY_OFF_HOURS");
        assertThat(raised.getSummary()).contains("2025-09-24 21:00", "工作日非工作时间", "无派车单");
        assertThat(raised.getEntityId()).isEqualTo(PLATE);

        assertThat(updated.getEventTime()).isEqualTo(endKnown(WEDNESDAY_2100));
        assertThat(updated.getFacts())
                .containsEntry("duration_minutes", "4")
                .containsEntry("distance_m", "3336");
        assertThat(updated.getSummary()).contains("历时4分钟", "行驶3.3公里");
    }

    @Test
    void forgetsTheTripOnceItsFollowUpIsOver() throws Exception {
        model.vehicle(general())
                .pings(trip(WEDNESDAY_2100, MOVING, 15))
                .watermark(THURSDAY_MORNING.plus(Duration.ofDays(2)));

        assertThat(model.eventTimeTimers()).isZero();
        // Left: where the car is parked and its reference records; no case, no pending ping.
        assertThat(model.keyedStateEntries()).isEqualTo(2);
    }

    @Test
    void aTripThatStopsReportingEndsAtTheStopTime() throws Exception {
        List<GpsPing> pings = trip(WEDNESDAY_2100, MOVING, 0);
        model.vehicle(general()).pings(pings).watermark(THURSDAY_MORNING);

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
        assertThat(model.alerts().get(1).getEventTime()).isEqualTo(endKnown(WEDNESDAY_2100));
    }

    @Test
    void staysQuietDuringWorkingHoursOnAWorkingDay() throws Exception {
        model.vehicle(general()).pings(trip(WEDNESDAY_1000, MOVING, 15)).watermark(WEDNESDAY_2100);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void staysQuietOnAMakeUpWorkingDayDuringWorkingHours() throws Exception {
        model.vehicle(general())
                .pings(trip(MAKE_UP_SUNDAY_1000, MOVING, 15))
                .watermark(MAKE_UP_SUNDAY_1000.plus(Duration.ofHours(3)));

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void raisesOnAnOrdinarySunday() throws Exception {
        model.vehicle(general())
                .pings(trip(SUNDAY_1000, MOVING, 15))
                .watermark(SUNDAY_1000.plus(Duration.ofHours(3)));

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
        assertThat(model.alerts().get(0).getFacts()).containsEntry("off_hours", "REST_DAY");
    }

    @Test
    void raisesOnAStatutoryHolidayWithHighSeverity() throws Exception {
        model.vehicle(general())
                .pings(trip(HOLIDAY_1000, MOVING, 15))
                .watermark(HOLIDAY_1000.plus(Duration.ofHours(3)));

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
        Alert raised = model.alerts().get(0);
        assertThat(raised.getSeverity()).isEqualTo(Severity.HIGH);
        assertThat(raised.getFacts()).containsEntry("off_hours", "HOLIDAY");
        assertThat(raised.getSummary()).contains("法定节假日");
    }

    @Test
    void aHolidayFromTheCalendarFeedCounts() throws Exception {
        model.broadcast(
                        CalendarDay.newBuilder()
                                .setDate(
                                        WEDNESDAY_1000
                                                .atZone(java.time.ZoneOffset.ofHours(8))
                                                .toLocalDate())
                                .setKind(DayKind.HOLIDAY)
                                .setName("地方假日")
                                .setRecordedAt(null)
                                .build())
                .vehicle(general())
                .pings(trip(WEDNESDAY_1000, MOVING, 15))
                .watermark(WEDNESDAY_2100);

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
    }

    @Test
    void anApprovedDispatchKeepsANightTripQuiet() throws Exception {
        model.vehicle(general())
                .dispatch(
                        dispatch(
                                "D-1",
                                WEDNESDAY_2100.minus(Duration.ofMinutes(10)),
                                WEDNESDAY_2100.plus(Duration.ofHours(2)),
                                null))
                .pings(trip(WEDNESDAY_2100, MOVING, 15))
                .watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void anApprovedDispatchArrivingAfterTheFirstPingsStillKeepsItQuiet() throws Exception {
        List<GpsPing> pings = trip(WEDNESDAY_2100, MOVING, 15);
        model.vehicle(general()).pings(pings.subList(0, 4));
        model.dispatch(
                dispatch(
                        "D-1",
                        WEDNESDAY_2100.minus(Duration.ofMinutes(10)),
                        WEDNESDAY_2100.plus(Duration.ofHours(2)),
                        null));
        model.pings(pings.subList(4, pings.size())).watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void aDispatchRecordedAfterDepartureButBeforeTheTripWasEstablishedKeepsItQuiet()
            throws Exception {
        model.vehicle(general())
                .dispatch(
                        dispatch(
                                "D-1",
                                WEDNESDAY_2100,
                                WEDNESDAY_2100.plus(Duration.ofHours(2)),
                                WEDNESDAY_2100.plusSeconds(60)))
                .pings(trip(WEDNESDAY_2100, MOVING, 15))
                .watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void aDispatchRecordedAfterTheAlertResolvesIt() throws Exception {
        Instant recorded = WEDNESDAY_2100.plus(Duration.ofMinutes(40));
        model.vehicle(general())
                .dispatch(
                        dispatch(
                                "D-LATE",
                                WEDNESDAY_2100,
                                WEDNESDAY_2100.plus(Duration.ofHours(2)),
                                recorded))
                .pings(trip(WEDNESDAY_2100, MOVING, 15))
                .watermark(THURSDAY_MORNING);

        assertThat(kinds())
                .containsExactly(AlertKind.RAISED, AlertKind.UPDATED, AlertKind.RESOLVED);
        Alert resolved = model.alerts().get(2);
        assertThat(resolved.getEventTime()).isEqualTo(recorded);
        assertThat(resolved.getFacts()).containsEntry("covering_dispatch", "D-LATE");
        assertThat(resolved.getAlertId()).isEqualTo(model.alerts().get(0).getAlertId());
    }

    @Test
    void aDispatchForAnotherTimeDoesNotCoverTheTrip() throws Exception {
        model.vehicle(general())
                .dispatch(
                        dispatch(
                                "D-MORNING",
                                WEDNESDAY_1000,
                                WEDNESDAY_1000.plus(Duration.ofHours(2)),
                                null))
                .pings(trip(WEDNESDAY_2100, MOVING, 15))
                .watermark(THURSDAY_MORNING);

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
    }

    @Test
    void anExemptKindStaysQuiet() throws Exception {
        model.vehicle(vehicle(VehicleKind.LAW_ENFORCEMENT))
                .pings(trip(WEDNESDAY_2100, MOVING, 15))
                .watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void aVehicleRecordArrivingAfterTheTripStillRaisesIt() throws Exception {
        model.pings(trip(WEDNESDAY_2100, MOVING, 15)).watermark(WEDNESDAY_2100.plusSeconds(600));
        assertThat(model.alerts()).isEmpty();

        model.vehicle(general()).watermark(THURSDAY_MORNING);

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
    }

    @Test
    void aParkedCarWhoseFixWandersMakesNoTrip() throws Exception {
        List<GpsPing> pings = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double wobble = (i % 3 - 1) * 0.0003; // about 33 m either way
            pings.add(ping(WEDNESDAY_2100.plusSeconds(30L * i), HOME_LAT + wobble, HOME_LON));
        }
        model.vehicle(general()).pings(pings).watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void aShortHopIsNoTrip() throws Exception {
        // Three pings 200 m from where it stood, then back: below the trip's minimum distance.
        model.vehicle(general()).pings(trip(WEDNESDAY_2100, 1, 15)).watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void aResentPingDoesNotDoubleTheAlert() throws Exception {
        List<GpsPing> pings = trip(WEDNESDAY_2100, MOVING, 15);
        model.vehicle(general()).pings(pings).pings(pings).watermark(THURSDAY_MORNING);

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
    }
}
