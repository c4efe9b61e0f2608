package org.clearwatch.jobs.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.feeds.Feed;
import org.clearwatch.jobs.replay.Replay;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelInputs.FeedName;
import org.clearwatch.patterns.offhours.OffHoursVehicle;
import org.clearwatch.patterns.outofjurisdiction.OutOfJurisdiction;
import org.clearwatch.patterns.restrictedzone.RestrictedZoneVisit;
import org.clearwatch.schema.alert.Alert;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private static final Set<String> VEHICLE_MODELS =
            Set.of(OffHoursVehicle.ID, RestrictedZoneVisit.ID, OutOfJurisdiction.ID);

    private static final ClearwatchConfig CONFIG =
            ClearwatchConfig.defaults(Map.of("state.backend", "hashmap"));

    /** Two weeks across the make-up Sunday and into the National Day holiday. */
    private static Scenario scenario() {
        return Scenario.generate(
                new Scenario.Options(7, LocalDate.of(2025, 9, 22), 14),
                CONFIG.models(),
                WorkingCalendar.china());
    }

    @Test
    void officialCarsAreOnTheSameClockAsTheLedgers() {
        Scenario scenario = scenario();

        assertThat(scenario.publications())
                .extracting(p -> p.feed().feed())
                .contains(
                        FeedName.LEDGER,
                        FeedName.GPS,
                        FeedName.VEHICLES,
                        FeedName.DISPATCHES,
                        FeedName.ZONES);
        assertThat(scenario.modelIds()).containsAll(VEHICLE_MODELS);
        // Reference records that hold from the start come before any ping.
        Scenario.Publication firstPing =
                scenario.publications().stream()
                        .filter(p -> p.feed() == Feed.GPS)
                        .findFirst()
                        .orElseThrow();
        assertThat(
                        scenario.publications().stream()
                                .filter(p -> p.feed() == Feed.ZONES || p.feed() == Feed.VEHICLES))
                .allMatch(p -> p.at().isBefore(firstPing.at()));
    }

    @Test
    void theVehicleModelsGiveExactlyTheScenariosGroundTruth() throws Exception {
        Scenario scenario = scenario();
        Map<FeedName, List<? extends SpecificRecordBase>> records = new EnumMap<>(FeedName.class);
        scenario.records().forEach((feed, list) -> records.put(feed, new ArrayList<>(list)));

        List<Alert> alerts =
                Replay.run(records, WorkingCalendar.china(), CONFIG, scenario.end().minusMillis(1));

        assertThat(
                        alerts.stream()
                                .filter(a -> VEHICLE_MODELS.contains(a.getModelId()))
                                .map(
                                        a ->
                                                a.getAlertId()
                                                        + "/"
                                                        + a.getKind()
                                                        + "@"
                                                        + a.getEventTime()))
                .containsExactlyInAnyOrderElementsOf(
                        scenario.expected().stream()
                                .filter(e -> VEHICLE_MODELS.contains(e.modelId()))
                                .map(e -> e.key() + "@" + e.eventTime())
                                .toList())
                .isNotEmpty();
    }
}
