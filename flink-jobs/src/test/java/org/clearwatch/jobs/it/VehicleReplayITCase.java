package org.clearwatch.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;
import org.clearwatch.jobs.replay.AlertJson;
import org.clearwatch.patterns.offhours.OffHoursAlerts;
import org.clearwatch.patterns.outofjurisdiction.OutOfJurisdiction;
import org.clearwatch.patterns.outofjurisdiction.OutOfJurisdictionModel.OutsideHomeZone;
import org.clearwatch.patterns.restrictedzone.RestrictedZoneVisit;
import org.clearwatch.patterns.vehicletrack.DwellAlerts;
import org.clearwatch.schema.alert.Alert;
import org.junit.jupiter.api.Test;

/**
 * {@code clearwatch replay} over examples/vehicles.jsonl, written from the record definitions:
 * exactly the alerts examples/vehicles.md promises, and nothing else, with every model enabled.
 */
class VehicleReplayITCase {

    private static final Path EXAMPLE = Path.of("..", "examples", "vehicles.jsonl");

    /** A coordinate finer than the ~1 km the alerts may show. */
    private static final Pattern PRECISE_POSITION = Pattern.compile("\\b\\d{2,3}\\.\\d{3,}");

    private ReplayRun last;

    private List<String> replay(String... argv) throws Exception {
        last = ReplayRun.of(argv);
        return last.lines();
    }

    private static String describe(String line) {
        Alert alert = AlertJson.fromJsonLine(line);
        return String.join(
                " ",
                alert.getKind().name(),
                alert.getModelId(),
                alert.getEntityId(),
                AlertJson.formatTime(alert.getEventTime()),
                alert.getSeverity().name());
    }

    private static final String G1001_NIGHT =
            OffHoursAlerts.alertId("浙A·G1001", at("2025-09-24T21:30:00+08:00"));
    private static final String G1009_NIGHT =
            OffHoursAlerts.alertId("浙A·G1009", at("2025-09-24T21:10:00+08:00"));
    private static final String G1008_SATURDAY =
            OffHoursAlerts.alertId("浙A·G1008", at("2025-09-27T15:00:00+08:00"));
    private static final String G1004_HOLIDAY =
            OffHoursAlerts.alertId("浙A·G1004", at("2025-10-03T10:00:00+08:00"));
    private static final String G1006_RESORT =
            DwellAlerts.alertId(
                    RestrictedZoneVisit.ID, "浙A·G1006", "Z-R-01", at("2025-09-24T11:00:00+08:00"));
    private static final String G1001_RESORT =
            DwellAlerts.alertId(
                    RestrictedZoneVisit.ID, "浙A·G1001", "Z-R-01", at("2025-09-24T21:34:00+08:00"));
    private static final String G2001_AWAY =
            DwellAlerts.alertId(
                    OutOfJurisdiction.ID,
                    "浙A·G2001",
                    OutsideHomeZone.placeId("Z-JUR-330299102"),
                    at("2025-09-25T09:00:00+08:00"));

    @Test
    void givesExactlyTheAlertsTheExamplePromises() throws Exception {
        List<String> lines = replay(EXAMPLE.toString());

        // In event time; at the same instant, by alert id.
        assertThat(lines.stream().map(VehicleReplayITCase::describe))
                .containsExactly(
                        "RAISED restricted-zone-visit 浙A·G1006 2025-09-24T11:30:00+08:00 MEDIUM",
                        "UPDATED restricted-zone-visit 浙A·G1006 2025-09-24T12:15:00+08:00 MEDIUM",
                        "RAISED off-hours-vehicle 浙A·G1009 2025-09-24T21:12:00+08:00 MEDIUM",
                        "UPDATED off-hours-vehicle 浙A·G1009 2025-09-24T21:24:00+08:00 MEDIUM",
                        "RAISED off-hours-vehicle 浙A·G1001 2025-09-24T21:32:00+08:00 MEDIUM",
                        "UPDATED off-hours-vehicle 浙A·G1001 2025-09-24T21:44:00+08:00 MEDIUM",
                        "RAISED restricted-zone-visit 浙A·G1001 2025-09-24T22:04:00+08:00 MEDIUM",
                        "RESOLVED off-hours-vehicle 浙A·G1009 2025-09-25T09:15:00+08:00 LOW",
                        "RAISED out-of-jurisdiction 浙A·G2001 2025-09-25T11:00:00+08:00 MEDIUM",
                        "UPDATED out-of-jurisdiction 浙A·G2001 2025-09-25T12:00:00+08:00 MEDIUM",
                        "RAISED off-hours-vehicle 浙A·G1008 2025-09-27T15:02:00+08:00 MEDIUM",
                        "UPDATED off-hours-vehicle 浙A·G1008 2025-09-27T15:14:00+08:00 MEDIUM",
                        "RAISED off-hours-vehicle 浙A·G1004 2025-10-03T10:02:00+08:00 HIGH",
                        "UPDATED off-hours-vehicle 浙A·G1004 2025-10-03T10:14:00+08:00 HIGH");
        assertThat(lines.stream().map(l -> AlertJson.fromJsonLine(l).getAlertId()))
                .containsExactly(
                        G1006_RESORT,
                        G1006_RESORT,
                        G1009_NIGHT,
                        G1009_NIGHT,
                        G1001_NIGHT,
                        G1001_NIGHT,
                        G1001_RESORT,
                        G1009_NIGHT,
                        G2001_AWAY,
                        G2001_AWAY,
                        G1008_SATURDAY,
                        G1008_SATURDAY,
                        G1004_HOLIDAY,
                        G1004_HOLIDAY);
        assertThat(last.err()).contains("139 records used, 0 unreadable, 0 invalid");
    }

    @Test
    void platesStayReadableAndPositionsCoarse() throws Exception {
        List<Alert> alerts =
                replay(EXAMPLE.toString()).stream().map(AlertJson::fromJsonLine).toList();

        assertThat(alerts).isNotEmpty();
        for (Alert alert : alerts) {
            assertThat(alert.getEntityType()).isEqualTo("vehicle");
            assertThat(alert.getEntityId()).matches("浙A·G\\d{4}");
            assertThat(alert.getSummary()).contains(alert.getEntityId());
            // Places in summaries and facts are rounded to about 1 km; evidence keeps record ids.
            assertThat(alert.getSummary()).doesNotContainPattern(PRECISE_POSITION);
            assertThat(alert.getFacts().values())
                    .allSatisfy(v -> assertThat(v).doesNotContainPattern(PRECISE_POSITION));
        }
    }

    @Test
    void untilKeepsWhatHappensAfterItOut() throws Exception {
        List<String> lines = replay(EXAMPLE.toString(), "--until", "2025-09-24T21:40:00+08:00");

        assertThat(lines.stream().map(VehicleReplayITCase::describe))
                .containsExactly(
                        "RAISED restricted-zone-visit 浙A·G1006 2025-09-24T11:30:00+08:00 MEDIUM",
                        "UPDATED restricted-zone-visit 浙A·G1006 2025-09-24T12:15:00+08:00 MEDIUM",
                        "RAISED off-hours-vehicle 浙A·G1009 2025-09-24T21:12:00+08:00 MEDIUM",
                        "UPDATED off-hours-vehicle 浙A·G1009 2025-09-24T21:24:00+08:00 MEDIUM",
                        "RAISED off-hours-vehicle 浙A·G1001 2025-09-24T21:32:00+08:00 MEDIUM");
    }

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }
}
