package org.clearwatch.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clearwatch.jobs.replay.AlertJson;
import org.clearwatch.patterns.latedeposit.LateDepositAlerts;
import org.clearwatch.schema.alert.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clearwatch replay} over the example file written from the record definitions: exactly the
 * alerts examples/README.md promises, and nothing else.
 */
class ReplayITCase {

    private static final Path EXAMPLE = Path.of("..", "examples", "late-deposit.jsonl");

    @TempDir Path dir;

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
                alert.getEntityId(),
                AlertJson.formatTime(alert.getEventTime()),
                String.valueOf(alert.getAmountFen()),
                alert.getFacts().getOrDefault("days_late", "-"));
    }

    private static String id(String account, String receiptEntry) {
        return LateDepositAlerts.alertId(account, receiptEntry);
    }

    @Test
    void givesExactlyTheAlertsTheExamplesPromise() throws Exception {
        List<String> lines = replay(EXAMPLE.toString());

        // In event time; at the same instant, by alert id.
        assertThat(lines.stream().map(ReplayITCase::describe))
                .containsExactly(
                        "RAISED 330299101005-01 2025-03-07T00:00:00+08:00 30000 -",
                        "RAISED 330299101002-01 2025-03-07T00:00:00+08:00 2000000 -",
                        "RAISED 330299101003-01 2025-03-08T00:00:00+08:00 500000 -",
                        "RAISED 330299101004-01 2025-03-11T00:00:00+08:00 1000000 -",
                        "RESOLVED 330299101002-01 2025-05-06T11:20:00+08:00 2000000 61");
        assertThat(lines.stream().map(l -> AlertJson.fromJsonLine(l).getAlertId()))
                .containsExactly(
                        id("330299101005-01", "OLDEST-R2"),
                        id("330299101002-01", "LATE-R1"),
                        id("330299101003-01", "NEVER-R1"),
                        id("330299101004-01", "PART-R1"),
                        id("330299101002-01", "LATE-R1"));
    }

    @Test
    void untilKeepsDeadlinesAfterItFromFiring() throws Exception {
        List<String> lines = replay(EXAMPLE.toString(), "--until", "2025-03-07T12:00:00+08:00");

        assertThat(lines.stream().map(ReplayITCase::describe))
                .containsExactly(
                        "RAISED 330299101005-01 2025-03-07T00:00:00+08:00 30000 -",
                        "RAISED 330299101002-01 2025-03-07T00:00:00+08:00 2000000 -");
    }

    @Test
    void aBadLineIsReportedAndTheRestStillReplays() throws Exception {
        Path input = dir.resolve("with-a-typo.jsonl");
        String good = Files.readString(EXAMPLE);
        Files.writeString(
                input, "{\"feed\": \"ledger\", \"entry_id\": \"X\", \"ammount_fen\": 5}\n" + good);

        List<String> lines = replay(input.toString());

        assertThat(lines).hasSize(5);
        assertThat(last.err()).contains("with-a-typo.jsonl:1:").contains("amount_fen");
    }
}
