package org.clearwatch.jobs.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.replay.Replay;
import org.clearwatch.patterns.Models;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelInputs.FeedName;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.patterns.offhours.OffHoursAlerts;
import org.clearwatch.patterns.offhours.OffHoursVehicle;
import org.clearwatch.patterns.outofjurisdiction.OutOfJurisdiction;
import org.clearwatch.patterns.restrictedzone.RestrictedZoneVisit;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.GpsPing;
import org.junit.jupiter.api.Test;

class VehicleSimulationTest {

    private static final Set<String> VEHICLE_MODELS =
            Set.of(OffHoursVehicle.ID, RestrictedZoneVisit.ID, OutOfJurisdiction.ID);

    /** Two weeks from Monday 2025-09-22: a make-up Sunday and the National Day holidays. */
    private static VehicleSimulation simulate(long seed) {
        return VehicleSimulation.generate(
                VehicleSimulation.Options.demo(seed, LocalDate.of(2025, 9, 22), 14),
                WorkingCalendar.china());
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        assertThat(simulate(7).pings()).isEqualTo(simulate(7).pings());
        assertThat(simulate(7).dispatches()).isEqualTo(simulate(7).dispatches());
        assertThat(simulate(7).expected()).isEqualTo(simulate(7).expected());
        assertThat(simulate(7).pings()).isNotEqualTo(simulate(8).pings());
    }

    @Test
    void pingsComeInFixTimeOrder() {
        List<GpsPing> pings = simulate(7).pings();
        for (int i = 1; i < pings.size(); i++) {
            assertThat(pings.get(i).getFixTime()).isAfterOrEqualTo(pings.get(i - 1).getFixTime());
        }
    }

    @Test
    void plantsEveryKindOfCase() {
        VehicleSimulation sim = simulate(7);

        assertThat(sim.expected()).extracting(ExpectedAlert::modelId).containsAll(VEHICLE_MODELS);
        assertThat(sim.expected())
                .extracting(ExpectedAlert::kind)
                .contains(AlertKind.RAISED, AlertKind.UPDATED, AlertKind.RESOLVED);
        assertThat(sim.dispatches()).anyMatch(d -> d.getRecordedAt().isAfter(d.getApprovedFrom()));
        assertThat(sim.dispatches()).anyMatch(d -> d.getRecordedAt().isBefore(d.getApprovedFrom()));
        assertThat(sim.vehicles())
                .extracting(v -> v.getKind().name())
                .contains("GENERAL", "LAW_ENFORCEMENT", "EMERGENCY");
        assertThat(sim.zones()).hasSize(6);
        // Mostly ordinary driving: a few dozen cases among thousands of pings.
        assertThat(sim.expected()).hasSizeBetween(20, 200);
        assertThat(sim.pings()).hasSizeGreaterThan(20 * sim.expected().size());
    }

    @Test
    void everyTownshipHasAQuietMakeUpSundayAndARaisedHolidayNight() {
        VehicleSimulation sim = simulate(7);
        Instant makeUpSunday = at("2025-09-28T10:00:00+08:00");
        Instant nationalDayNight = at("2025-10-01T21:10:00+08:00");

        for (String plate : List.of("浙A·G1003", "浙A·G2003", "浙A·G3003")) {
            assertThat(sim.pings())
                    .as("%s drives on the make-up Sunday", plate)
                    .anyMatch(
                            p ->
                                    p.getVehicleId().equals(plate)
                                            && p.getFixTime().equals(makeUpSunday)
                                            && p.getSpeedKmh() > 0);
            assertThat(sim.expected())
                    .extracting(ExpectedAlert::alertId)
                    .doesNotContain(OffHoursAlerts.alertId(plate, makeUpSunday))
                    .contains(OffHoursAlerts.alertId(plate, nationalDayNight));
            assertThat(sim.expected())
                    .filteredOn(
                            e ->
                                    e.alertId()
                                            .equals(
                                                    OffHoursAlerts.alertId(
                                                            plate, nationalDayNight)))
                    .extracting(ExpectedAlert::kind, ExpectedAlert::eventTime)
                    .startsWith(tuple(AlertKind.RAISED, nationalDayNight.plusSeconds(120)))
                    .extracting(t -> t.toList().get(0))
                    .containsExactly(AlertKind.RAISED, AlertKind.UPDATED);
        }
    }

    @Test
    void everyTownshipHasStaysAboveAndBelowTheThresholds() {
        VehicleSimulation sim = simulate(7);

        for (String plate : List.of("浙A·G1003", "浙A·G2003", "浙A·G3003")) {
            List<GpsPing> own =
                    sim.pings().stream().filter(p -> p.getVehicleId().equals(plate)).toList();
            // Days at the resort (5 km north of the centre) and beyond the boundary, planted and
            // random.
            assertThat(own.stream().filter(p -> p.getLat() == VehicleSimulation.CENTRE_LAT + 0.05))
                    .extracting(p -> WorkingCalendar.localDate(p.getFixTime()))
                    .contains(LocalDate.of(2025, 9, 22), LocalDate.of(2025, 9, 23));
            assertThat(own.stream().filter(p -> p.getLat() > VehicleSimulation.CENTRE_LAT + 0.2))
                    .extracting(p -> WorkingCalendar.localDate(p.getFixTime()))
                    .contains(LocalDate.of(2025, 9, 24), LocalDate.of(2025, 9, 25));
            // Only the one above each threshold is raised.
            assertThat(sim.expected())
                    .filteredOn(e -> e.label().equals(plate) && e.kind() == AlertKind.RAISED)
                    .extracting(
                            ExpectedAlert::modelId, e -> WorkingCalendar.localDate(e.eventTime()))
                    .contains(
                            tuple(RestrictedZoneVisit.ID, LocalDate.of(2025, 9, 22)),
                            tuple(OutOfJurisdiction.ID, LocalDate.of(2025, 9, 24)))
                    .doesNotContain(
                            tuple(RestrictedZoneVisit.ID, LocalDate.of(2025, 9, 23)),
                            tuple(OutOfJurisdiction.ID, LocalDate.of(2025, 9, 25)));
        }
    }

    @Test
    void refusesParametersItCannotPredictAndLeavesDisabledModelsOut() {
        Map<String, ParameterValues> models = new HashMap<>();
        models.put(OffHoursVehicle.ID, OffHoursVehicle.SPEC.defaults());
        models.put(
                RestrictedZoneVisit.ID,
                RestrictedZoneVisit.SPEC
                        .defaults()
                        .with(RestrictedZoneVisit.PARAMETERS.dwellMinutes(), 45));
        VehicleSimulation.Options options =
                VehicleSimulation.Options.demo(7, LocalDate.of(2025, 9, 22), 14);

        assertThatThrownBy(
                        () -> VehicleSimulation.generate(options, models, WorkingCalendar.china()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RestrictedZoneVisit.ID)
                .hasMessageContaining("dwell-minutes=45");

        models.remove(RestrictedZoneVisit.ID);
        VehicleSimulation sim =
                VehicleSimulation.generate(options, models, WorkingCalendar.china());
        assertThat(sim.expected())
                .extracting(ExpectedAlert::modelId)
                .containsOnly(OffHoursVehicle.ID)
                .hasSize(
                        (int)
                                simulate(7).expected().stream()
                                        .filter(e -> e.modelId().equals(OffHoursVehicle.ID))
                                        .count());
    }

    @Test
    void theModelsGiveExactlyTheGroundTruth() throws Exception {
        VehicleSimulation sim = simulate(7);
        Map<FeedName, List<? extends SpecificRecordBase>> records = new EnumMap<>(FeedName.class);
        records.put(FeedName.GPS, sim.pings());
        records.put(FeedName.VEHICLES, sim.vehicles());
        records.put(FeedName.DISPATCHES, sim.dispatches());
        records.put(FeedName.ZONES, sim.zones());
        Map<String, String> settings = new HashMap<>();
        settings.put("state.backend", "hashmap");
        for (SupervisionModel model : Models.ALL) {
            if (!VEHICLE_MODELS.contains(model.spec().id())) {
                settings.put("models." + model.spec().id() + ".enabled", "false");
            }
        }

        List<Alert> alerts =
                Replay.run(
                        records,
                        WorkingCalendar.china(),
                        ClearwatchConfig.defaults(settings),
                        null);

        assertThat(
                        alerts.stream()
                                .map(
                                        a ->
                                                a.getAlertId()
                                                        + "/"
                                                        + a.getKind()
                                                        + "@"
                                                        + a.getEventTime()))
                .containsExactlyInAnyOrderElementsOf(
                        sim.expected().stream().map(e -> e.key() + "@" + e.eventTime()).toList());
    }

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }
}
