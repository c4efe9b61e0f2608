package org.clearwatch.patterns.restrictedzone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.HOME_LAT;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.HOME_LON;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.PLATE;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.RESORT;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.RESORT_LAT;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.RESORT_LON;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.THURSDAY_MORNING;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.WEDNESDAY_1000;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.dispatch;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.general;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.leftAt;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.parked;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.stayAt;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.vehicle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.vehicletrack.StaySettings;
import org.clearwatch.patterns.vehicletrack.VehicleHarness;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;
import org.clearwatch.schema.ref.VehicleKind;
import org.clearwatch.schema.ref.Zone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** restricted-zone-visit as stories: a car at a resort, for how long, with what paperwork. */
class RestrictedZoneVisitModelTest {

    private static final ParameterValues DEFAULTS = RestrictedZoneVisit.SPEC.defaults();
    private static final RestrictedZoneVisitModel MODEL = new RestrictedZoneVisitModel();
    private static final StaySettings SETTINGS =
            RestrictedZoneVisit.PARAMETERS.settings(RestrictedZoneVisit.ID, DEFAULTS);

    /** Arrives at the resort at 11:00 on a working day. */
    private static final Instant ARRIVES = WEDNESDAY_1000.plus(Duration.ofHours(1));

    private VehicleHarness<Zone> model;

    @BeforeEach
    void start() throws Exception {
        model =
                VehicleHarness.stays(
                        SETTINGS,
                        new RestrictedZoneVisitModel.InsideRestrictedZones(),
                        MODEL.alerts(),
                        null,
                        null);
        model.broadcast(RESORT);
        model.pings(parked(WEDNESDAY_1000, Duration.ofMinutes(5), 12, HOME_LAT, HOME_LON));
    }

    @AfterEach
    void stop() throws Exception {
        model.close();
    }

    private List<AlertKind> kinds() {
        return model.alerts().stream().map(Alert::getKind).toList();
    }

    @Test
    void aStayLongerThanTheThresholdRaisesOnceAndIsUpdatedWhenTheCarLeaves() throws Exception {
        model.vehicle(general())
                .pings(stayAt(ARRIVES, 75, RESORT_LAT, RESORT_LON))
                .watermark(THURSDAY_MORNING);

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
        Alert raised = model.alerts().get(0);
        assertThat(raised.getEventTime()).isEqualTo(ARRIVES.plus(Duration.ofMinutes(30)));
        assertThat(raised.getModelId()).isEqualTo(RestrictedZoneVisit.ID);
        assertThat(raised.getEntityId()).isEqualTo(PLATE);
        assertThat(raised.getSummary()).contains("湖畔度假村", "30分钟", "无派车单");
        assertThat(raised.getFacts()).containsEntry("zone_id", RESORT.getZoneId());
        assertThat(raised.getFacts().get("entry_area")).isEqualTo("30.03,120.00");

        Alert updated = model.alerts().get(1);
        assertThat(updated.getAlertId()).isEqualTo(raised.getAlertId());
        assertThat(updated.getEventTime()).isEqualTo(leftAt(ARRIVES, 75));
        assertThat(updated.getFacts()).containsEntry("dwell_minutes", "75");
        assertThat(updated.getSeverity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void aShorterStayIsQuiet() throws Exception {
        model.vehicle(general())
                .pings(stayAt(ARRIVES, 25, RESORT_LAT, RESORT_LON))
                .watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
        assertThat(model.eventTimeTimers()).isZero();
    }

    @Test
    void aCarThatFallsSilentInsideStillRaises() throws Exception {
        model.vehicle(general())
                .pings(parked(ARRIVES, Duration.ofMinutes(1), 3, RESORT_LAT, RESORT_LON))
                .watermark(THURSDAY_MORNING);

        assertThat(kinds()).containsExactly(AlertKind.RAISED);
        assertThat(model.alerts().get(0).getEventTime())
                .isEqualTo(ARRIVES.plus(Duration.ofMinutes(30)));
    }

    @Test
    void aDispatchCoveringTheVisitKeepsItQuiet() throws Exception {
        model.vehicle(general())
                .dispatch(dispatch("D-1", ARRIVES, ARRIVES.plus(Duration.ofHours(3)), null))
                .pings(stayAt(ARRIVES, 75, RESORT_LAT, RESORT_LON))
                .watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void aDispatchRecordedAfterTheAlertResolvesIt() throws Exception {
        Instant recorded = leftAt(ARRIVES, 75).plus(Duration.ofHours(2));
        model.vehicle(general())
                .dispatch(dispatch("D-1", ARRIVES, ARRIVES.plus(Duration.ofHours(3)), recorded))
                .pings(stayAt(ARRIVES, 75, RESORT_LAT, RESORT_LON))
                .watermark(THURSDAY_MORNING);

        assertThat(kinds())
                .containsExactly(AlertKind.RAISED, AlertKind.UPDATED, AlertKind.RESOLVED);
        assertThat(model.alerts().get(2).getEventTime()).isEqualTo(recorded);
    }

    @Test
    void anExemptKindIsQuiet() throws Exception {
        model.vehicle(vehicle(VehicleKind.EMERGENCY))
                .pings(stayAt(ARRIVES, 75, RESORT_LAT, RESORT_LON))
                .watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void aVisitToAZoneNotKnownToTheModelIsQuiet() throws Exception {
        model.vehicle(general())
                .pings(stayAt(ARRIVES, 75, RESORT_LAT + 0.1, RESORT_LON))
                .watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void twoVisitsAreTwoCases() throws Exception {
        Instant again = ARRIVES.plus(Duration.ofHours(3));
        model.vehicle(general())
                .pings(stayAt(ARRIVES, 40, RESORT_LAT, RESORT_LON))
                .pings(stayAt(again, 40, RESORT_LAT, RESORT_LON))
                .watermark(THURSDAY_MORNING);

        assertThat(kinds())
                .containsExactly(
                        AlertKind.RAISED, AlertKind.UPDATED, AlertKind.RAISED, AlertKind.UPDATED);
        assertThat(model.alerts().get(0).getAlertId())
                .isNotEqualTo(model.alerts().get(2).getAlertId());
    }

    @Test
    void forgetsARaisedStayAfterItsFollowUp() throws Exception {
        model.vehicle(general())
                .pings(stayAt(ARRIVES, 75, RESORT_LAT, RESORT_LON))
                .watermark(THURSDAY_MORNING.plus(Duration.ofDays(4)));

        assertThat(model.eventTimeTimers()).isZero();
        assertThat(model.keyedStateEntries()).isEqualTo(1); // the vehicle's reference records
    }
}
