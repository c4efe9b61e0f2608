package org.clearwatch.patterns.outofjurisdiction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.AWAY_LAT;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.AWAY_LON;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.HOME_LAT;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.HOME_LON;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.JURISDICTION;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.THURSDAY_MORNING;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.WEDNESDAY_1000;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.dispatch;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.general;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.leftAt;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.parked;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.ping;
import static org.clearwatch.patterns.vehicletrack.VehicleTestData.stayAt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.vehicletrack.StaySettings;
import org.clearwatch.patterns.vehicletrack.VehicleHarness;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.ref.Zone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** out-of-jurisdiction as stories: a township car away from its township. */
class OutOfJurisdictionModelTest {

    private static final ParameterValues DEFAULTS = OutOfJurisdiction.SPEC.defaults();
    private static final StaySettings SETTINGS =
            OutOfJurisdiction.PARAMETERS.settings(OutOfJurisdiction.ID, DEFAULTS);

    /** Reaches the town 20 km north at 11:00. */
    private static final Instant AWAY = WEDNESDAY_1000.plus(Duration.ofHours(1));

    private VehicleHarness<Zone> model;

    @BeforeEach
    void start() throws Exception {
        model =
                VehicleHarness.stays(
                        SETTINGS,
                        new OutOfJurisdictionModel.OutsideHomeZone(
                                DEFAULTS.get(OutOfJurisdiction.MARGIN_METRES)),
                        new OutOfJurisdictionModel.Alerts(),
                        null,
                        null);
        model.broadcast(JURISDICTION).vehicle(general());
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
    void stayingOutsideLongerThanTheThresholdRaises() throws Exception {
        model.pings(stayAt(AWAY, 150, AWAY_LAT, AWAY_LON)).watermark(THURSDAY_MORNING);

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
        Alert raised = model.alerts().get(0);
        assertThat(raised.getEventTime()).isEqualTo(AWAY.plus(Duration.ofMinutes(120)));
        assertThat(raised.getSummary()).contains("驶出管辖区域示例镇", "2小时00分钟");
        assertThat(raised.getFacts()).containsEntry("zone_id", JURISDICTION.getZoneId());
        assertThat(model.alerts().get(1).getEventTime()).isEqualTo(leftAt(AWAY, 150));
    }

    @Test
    void aShortTripOutIsQuiet() throws Exception {
        model.pings(stayAt(AWAY, 90, AWAY_LAT, AWAY_LON)).watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void drivingAlongTheBoundaryWithinTheMarginIsQuiet() throws Exception {
        // 0.052 N is about 220 m beyond the northern boundary at 0.050: inside the 500 m margin.
        model.pings(stayAt(AWAY, 240, 30.052, HOME_LON)).watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
    }

    @Test
    void onceOutsideOnlyComingBackInsideEndsTheStay() throws Exception {
        // Out beyond the margin, then hovering just beyond the boundary: still away.
        List<GpsPing> pings = new ArrayList<>();
        pings.addAll(parked(AWAY, Duration.ofMinutes(1), 10, AWAY_LAT, AWAY_LON));
        pings.addAll(
                parked(
                        AWAY.plus(Duration.ofMinutes(10)),
                        Duration.ofMinutes(1),
                        130,
                        30.052,
                        HOME_LON));
        pings.add(ping(AWAY.plus(Duration.ofMinutes(140)), HOME_LAT, HOME_LON));
        model.pings(pings).watermark(THURSDAY_MORNING);

        assertThat(kinds()).containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
    }

    @Test
    void aDispatchCoveringTheJourneyKeepsItQuiet() throws Exception {
        model.dispatch(
                        dispatch(
                                "D-9",
                                AWAY.minus(Duration.ofHours(1)),
                                AWAY.plusSeconds(3 * 3600),
                                null))
                .pings(stayAt(AWAY, 150, AWAY_LAT, AWAY_LON))
                .watermark(THURSDAY_MORNING);

        assertThat(model.alerts()).isEmpty();
    }
}
