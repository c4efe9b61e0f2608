package org.clearwatch.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.clearwatch.jobs.replay.AlertJson;
import org.clearwatch.patterns.rentarrears.RentArrearsAlerts;
import org.clearwatch.schema.alert.Alert;
import org.junit.jupiter.api.Test;

/**
 * {@code clearwatch replay} over the rent example written from the record definitions: exactly the
 * alerts examples/rent-arrears.md promises, and nothing else, with every model enabled.
 */
class RentReplayITCase {

    private static final Path EXAMPLE = Path.of("..", "examples", "rent-arrears.jsonl");

    private List<String> replay(String... argv) throws Exception {
        return ReplayRun.of(argv).lines();
    }

    private static String describe(String line) {
        Alert alert = AlertJson.fromJsonLine(line);
        return String.join(
                " ",
                alert.getKind().name(),
                alert.getModelId(),
                alert.getVillageCode() + "/" + alert.getEntityId(),
                AlertJson.formatTime(alert.getEventTime()),
                String.valueOf(alert.getAmountFen()),
                alert.getFacts().getOrDefault("days_late", "-"));
    }

    private static String id(String village, String contract, String dueEntry) {
        return RentArrearsAlerts.alertId(village, contract, dueEntry);
    }

    @Test
    void givesExactlyTheAlertsTheExamplePromises() throws Exception {
        List<String> lines = replay(EXAMPLE.toString());

        // In event time; at the same instant, by alert id.
        assertThat(lines.stream().map(RentReplayITCase::describe))
                .containsExactly(
                        "RAISED rent-arrears 330299102003/HT-2025-003 2025-03-18T00:00:00+08:00 500000 -",
                        "RAISED rent-arrears 330299102002/HT-2025-002 2025-03-18T00:00:00+08:00 1200000 -",
                        "RAISED rent-arrears 330299102004/HT-2024-017 2025-03-18T00:00:00+08:00 200000 -",
                        "RESOLVED rent-arrears 330299102004/HT-2024-017 2025-04-03T10:00:00+08:00 200000 17",
                        "RESOLVED rent-arrears 330299102002/HT-2025-002 2025-04-15T10:00:00+08:00 1200000 29",
                        "RAISED rent-arrears 330299102004/HT-2024-017 2025-04-17T00:00:00+08:00 200000 -",
                        "RAISED rent-arrears 330299102007/HT-2025-007 2025-10-17T00:00:00+08:00 3600000 -");
        assertThat(lines.stream().map(l -> AlertJson.fromJsonLine(l).getAlertId()))
                .containsExactly(
                        id("330299102003", "HT-2025-003", "PART-DUE1"),
                        id("330299102002", "HT-2025-002", "LATE-DUE1"),
                        id("330299102004", "HT-2024-017", "OLDEST-DUE1"),
                        id("330299102004", "HT-2024-017", "OLDEST-DUE1"),
                        id("330299102002", "HT-2025-002", "LATE-DUE1"),
                        id("330299102004", "HT-2024-017", "OLDEST-DUE2"),
                        id("330299102007", "HT-2025-007", "MAKEUP-DUE1"));
    }

    @Test
    void lesseesAppearByFamilyNameOnly() throws Exception {
        List<String> lines = replay(EXAMPLE.toString());

        assertThat(String.join("\n", lines))
                .contains("承租方王**", "承租方刘**")
                .doesNotContain("志强", "德明", "秀英", "玉兰");
    }

    @Test
    void untilKeepsDeadlinesAfterItFromFiring() throws Exception {
        List<String> lines = replay(EXAMPLE.toString(), "--until", "2025-04-10");

        assertThat(lines.stream().map(RentReplayITCase::describe))
                .containsExactly(
                        "RAISED rent-arrears 330299102003/HT-2025-003 2025-03-18T00:00:00+08:00 500000 -",
                        "RAISED rent-arrears 330299102002/HT-2025-002 2025-03-18T00:00:00+08:00 1200000 -",
                        "RAISED rent-arrears 330299102004/HT-2024-017 2025-03-18T00:00:00+08:00 200000 -",
                        "RESOLVED rent-arrears 330299102004/HT-2024-017 2025-04-03T10:00:00+08:00 200000 17");
    }
}
