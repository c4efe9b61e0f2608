package org.clearwatch.patterns.offhours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.THURSDAY_MORNING;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.UNIT;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.at;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.general;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.trip;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.clearwatch.patterns.vehicletrack.VehicleHarness;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.ref.CalendarDay;
import org.clearwatch.schema.ref.Vehicle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * off-hours-vehicle with {@code unit-working-hours}: a unit's own working hours decide whether its
 * cars' trips are off-hours; every other unit keeps {@code working-hours} (07:00–19:00).
 */
class UnitWorkingHoursModelTest {

    /** The test car's unit ({@link org.clearwatch.patterns.vehicletrack.VehicleTestData#UNIT}). */
    private static final String OWN_UNIT = UNIT;

    private static final String OTHER_UNIT = "U-330299102-03";

    private static final Instant WEDNESDAY_0645 = at("2025-09-24T06:45:00+08:00");
    private static final Instant WEDNESDAY_1300 = at("2025-09-24T13:00:00+08:00");
    private static final Instant WEDNESDAY_1800 = at("2025-09-24T18:00:00+08:00");
    private static final Instant SATURDAY_1000 = at("2025-09-27T10:00:00+08:00");

    private static final int MOVING = 10;

    private VehicleHarness<CalendarDay> model;

    private static OffHoursVehicle.Settings unitHours(String value) {
        return OffHoursVehicle.Settings.of(
                OffHoursVehicle.SPEC
                        .defaults()
                        .with(
                                OffHoursVehicle.UNIT_WORKING_HOURS,
                                OffHoursVehicle.UNIT_WORKING_HOURS.parse(value)));
    }

    private VehicleHarness<CalendarDay> model(OffHoursVehicle.Settings settings) throws Exception {
        model = VehicleHarness.offHours(settings);
        return model;
    }

    @AfterEach
    void stop() throws Exception {
        if (model != null) {
            model.close();
        }
    }

    private List<AlertKind> kinds() {
        return model.alerts().stream().map(Alert::getKind).toList();
    }

    private static Vehicle ofUnit(String unit) {
        return Vehicle.newBuilder(general()).setUnitCode(unit).build();
    }

    @Test
    void theDefaultWorkingHoursKeepAnEighteenOClockTripQuiet() throws Exception {
        model(OffHoursVehicle.Settings.defaults())
                .vehicle(general())
                .pings(trip(WEDNESDAY_1800, MOVING, 15))
                .watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void aUnitWhoseWorkingDayEndsAt1730RaisesAnEighteenOClockTrip() throws Exception {
        model(unitHours(OWN_UNIT + "=08:00-12:00+14:30-17:30"))
                .vehicle(general())
                .pings(trip(WEDNESDAY_1800, MOVING, 15))
                .watermark(THURSDAY_MORNING);

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
        Alert raised = model.alerts().get(0);
        assertThat(raised.getFacts())
                .containsEntry("off_hours", "WORKDAY_OFF_HOURS")
                .containsEntry("unit_code", OWN_UNIT);
        assertThat(raised.getSummary()).contains("2025-09-24 18:00", "工作日非工作时间");
    }

    @Test
    void aUnitsLunchBreakIsOutsideItsWorkingHours() throws Exception {
        model(unitHours(OWN_UNIT + "=08:00-12:00+14:30-17:30"))
                .vehicle(general())
                .pings(trip(WEDNESDAY_1300, MOVING, 15))
                .watermark(WEDNESDAY_1800);

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
    }

    @Test
    void theDefaultWorkingHoursRaiseAQuarterToSevenTrip() throws Exception {
        model(OffHoursVehicle.Settings.defaults())
                .vehicle(general())
                .pings(trip(WEDNESDAY_0645, MOVING, 15))
                .watermark(WEDNESDAY_1300);

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
    }

    @Test
    void aUnitWithEarlyHoursKeepsAQuarterToSevenTripQuiet() throws Exception {
        model(unitHours(OWN_UNIT + "=06:30-18:00"))
                .vehicle(general())
                .pings(trip(WEDNESDAY_0645, MOVING, 15))
                .watermark(WEDNESDAY_1300);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void aCarOfAnotherUnitIsJudgedByTheDefaultWorkingHours() throws Exception {
        model(unitHours(OTHER_UNIT + "=06:30-17:30"))
                .vehicle(general())
                .pings(trip(WEDNESDAY_0645, MOVING, 15))
                .pings(trip(WEDNESDAY_1800, MOVING, 15))
                .watermark(THURSDAY_MORNING);

        // 06:45 is before the default 07:00: raised; 18:00 is before the default 19:00: quiet.
        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
        assertThat(model.alerts().get(0).getAlertId())
                .isEqualTo(OffHoursAlerts.alertId(general().getVehicleId(), WEDNESDAY_0645));
    }

    @Test
    void aUnitsOwnHoursDoNotMakeARestDayAWorkingDay() throws Exception {
        model(unitHours(OWN_UNIT + "=00:00-24:00"))
                .vehicle(general())
                .pings(trip(SATURDAY_1000, MOVING, 15))
                .watermark(SATURDAY_1000.plus(Duration.ofHours(3)));

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
        assertThat(model.alerts().get(0).getFacts()).containsEntry("off_hours", "REST_DAY");
    }

    @Test
    void aVehicleRecordArrivingLateIsJudgedByItsUnitsHours() throws Exception {
        // 18:00 is off-hours for OTHER_UNIT only; the car's record is not known yet, so it waits.
        model(unitHours(OTHER_UNIT + "=08:00-17:30"))
                .pings(trip(WEDNESDAY_1800, MOVING, 15))
                .watermark(WEDNESDAY_1800.plusSeconds(600));
        assertThat(model.alerts()).isEmpty();

        model.vehicle(general()).watermark(THURSDAY_MORNING.plus(Duration.ofDays(2)));

        assertThat(model.alerts()).isEmpty();
        // Left: where the car is parked and its reference records; the waiting case is gone.
        assertThat(model.keyedStateEntries()).isEqualTo(2);
    }

    @Test
    void aLateVehicleRecordOfAUnitWithShortHoursRaisesTheWaitingTrip() throws Exception {
        model(unitHours(OTHER_UNIT + "=08:00-17:30"))
                .pings(trip(WEDNESDAY_1800, MOVING, 15))
                .watermark(WEDNESDAY_1800.plusSeconds(600));
        assertThat(model.alerts()).isEmpty();

        model.vehicle(ofUnit(OTHER_UNIT)).watermark(THURSDAY_MORNING);

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
        assertThat(model.alerts().get(0).getFacts()).containsEntry("unit_code", OTHER_UNIT);
    }

    @Test
    void readsSeveralUnitsEachWithItsStretches() {
        OffHoursVehicle.Settings settings =
                unitHours("U-330299101-01=08:00-12:00+14:30-17:30, U-330299102-03=06:30-18:00");

        assertThat(settings.unitWorkingTimes())
                .containsOnlyKeys("U-330299101-01", "U-330299102-03");
        assertThat(settings.workingTimeOf("U-330299101-01").inHours(WEDNESDAY_1800)).isFalse();
        assertThat(settings.workingTimeOf("U-330299102-03").inHours(WEDNESDAY_0645)).isTrue();
        assertThat(settings.workingTimeOf("U-330299199").toString()).isEqualTo("07:00-19:00");
        assertThat(OffHoursVehicle.Settings.defaults().unitWorkingTimes()).isEmpty();
    }

    @Test
    void aUnitNamedTwiceIsAClearError() {
        assertThatThrownBy(() -> unitHours("U-1=08:00-17:00,U-2=06:30-18:00,U-1=09:00-18:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unit-working-hours names U-1 twice");
    }

    @Test
    void aMalformedEntryIsAClearError() {
        assertThatThrownBy(() -> OffHoursVehicle.Settings.unitWorkingTimes("U-1:08:00-17:00"))
                .hasMessage(
                        "unit-working-hours entries are UNIT=HH:MM-HH:MM, stretches joined by +,"
                                + " got 'U-1:08:00-17:00'");
        assertThatThrownBy(() -> OffHoursVehicle.UNIT_WORKING_HOURS.parse("U-1:08:00-17:00"))
                .hasMessage("must be comma-separated list of codes, got 'U-1:08:00-17:00'");
        // A comma between stretches starts a new entry, which has no unit.
        assertThatThrownBy(
                        () ->
                                OffHoursVehicle.Settings.unitWorkingTimes(
                                        "U-1=08:00-12:00,14:00-18:00"))
                .hasMessageStartingWith("unit-working-hours entries are UNIT=HH:MM-HH:MM");
    }

    @Test
    void aBadTimeIsAClearError() {
        assertThatThrownBy(() -> OffHoursVehicle.Settings.unitWorkingTimes("U-1=08:00-25:00"))
                .hasMessage(
                        "unit-working-hours for U-1: working hours 08:00-25:00 are not"
                                + " HH:MM-HH:MM");
        assertThatThrownBy(() -> OffHoursVehicle.Settings.unitWorkingTimes("U-1=18:00-06:30"))
                .hasMessage(
                        "unit-working-hours for U-1: working hours 18:00-06:30 end before they"
                                + " start");
        assertThatThrownBy(() -> OffHoursVehicle.UNIT_WORKING_HOURS.parse("U-1=8:00-17:00"))
                .hasMessage("must be comma-separated list of codes, got 'U-1=8:00-17:00'");
    }
}
