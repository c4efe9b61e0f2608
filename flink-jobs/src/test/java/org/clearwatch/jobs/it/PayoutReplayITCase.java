package org.clearwatch.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.clearwatch.jobs.replay.AlertJson;
import org.clearwatch.patterns.accountholder.AccountHolderAlerts;
import org.clearwatch.patterns.deceasedbeneficiary.DeceasedBeneficiaryAlerts;
import org.clearwatch.patterns.officialbeneficiary.OfficialBeneficiaryAlerts;
import org.clearwatch.patterns.repeatedpayout.RepeatedPayoutAlerts;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code clearwatch replay} over the payout example written from the record definitions: exactly
 * the alerts examples/payouts.md promises, and no national ID number, account number or name in
 * clear anywhere in the output.
 */
class PayoutReplayITCase {

    private static final Path EXAMPLE = Path.of("..", "examples", "payouts.jsonl");

    /** 17 digits and a check character, not inside a longer run of digits. */
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[0-9]{17}[0-9X](?![0-9])");

    /** A bank card or account number: 13 digits or more, not inside a longer run of digits. */
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("(?<![0-9])[0-9]{13,}(?![0-9])");

    /** Alert ids are hashes: they may hold runs of digits that are no one's number. */
    private static final Pattern ALERT_ID_FIELD = Pattern.compile("\"alert_id\":\"[^\"]*\"");

    private static ReplayRun full;
    private static List<String> lines;

    private static ReplayRun replay(String... argv) throws Exception {
        ReplayRun run = ReplayRun.of(argv);
        assertThat(run.err()).contains("0 unreadable, 0 invalid");
        return run;
    }

    @BeforeAll
    static void replayTheExample() throws Exception {
        full = replay(EXAMPLE.toString());
        lines = full.lines();
    }

    private static String describe(String line) {
        Alert alert = AlertJson.fromJsonLine(line);
        List<String> payouts = new ArrayList<>();
        for (EvidenceRecord e : alert.getEvidence()) {
            if (e.getFeed().equals("payout")) {
                payouts.add(e.getRecordId());
            }
        }
        return String.join(
                " ",
                alert.getKind().name(),
                alert.getModelId(),
                alert.getSeverity().name(),
                alert.getEntityId(),
                AlertJson.formatTime(alert.getEventTime()),
                String.valueOf(alert.getAmountFen()),
                String.join("+", payouts));
    }

    private static String describeWithId(String line) {
        return AlertJson.fromJsonLine(line).getAlertId() + " " + describe(line);
    }

    @Test
    void givesExactlyTheAlertsTheExamplesPromise() {
        // In event time; at the same instant, by alert id.
        assertThat(lines.stream().map(PayoutReplayITCase::describe))
                .containsExactly(
                        "RAISED account-holder-mismatch LOW 3302**********0377 2025-03-10T10:00:00+08:00 65000 DB-2503-0006",
                        "RAISED official-beneficiary CRITICAL 3302**********0315 2025-03-10T10:00:00+08:00 65000 DB-2503-0004",
                        "RAISED account-holder-mismatch LOW 3302**********0413 2025-03-10T10:05:00+08:00 65000 DB-2503-0007",
                        "RAISED account-holder-mismatch LOW 3302**********0413 2025-03-10T10:06:00+08:00 65000 DB-2503-0008",
                        "RAISED account-holder-mismatch LOW 3302**********0413 2025-03-10T10:07:00+08:00 65000 DB-2503-0009",
                        "RAISED account-holder-mismatch HIGH 3302**********0413 2025-03-10T10:07:00+08:00 195000 DB-2503-0007+DB-2503-0008+DB-2503-0009",
                        "RAISED account-holder-mismatch LOW 3302**********0938 2025-03-10T10:08:00+08:00 65000 DB-2503-0010",
                        "RAISED account-holder-mismatch HIGH 3302**********0938 2025-03-10T10:08:00+08:00 65000 DB-2503-0010",
                        "RAISED repeated-payout MEDIUM 3302**********002X 2025-03-20T15:30:00+08:00 65000 DB-2503-0001+DB-2503-0001R",
                        "RAISED deceased-beneficiary MEDIUM 3302**********0135 2025-04-10T10:00:00+08:00 22000 PR-2504-0002",
                        "RAISED official-beneficiary HIGH 3302**********0516 2025-05-15T09:00:00+08:00 150000 PW-2503-0005",
                        "RAISED repeated-payout MEDIUM 3302**********0431 2025-05-20T10:00:00+08:00 120000 FL-2503-0011+FL-2505-0011",
                        "RAISED deceased-beneficiary HIGH 3302**********0246 2025-06-20T09:00:00+08:00 22000 PR-2503-0003",
                        "RAISED deceased-beneficiary HIGH 3302**********0246 2025-06-20T09:00:00+08:00 22000 PR-2504-0003",
                        "RAISED deceased-beneficiary HIGH 3302**********0246 2025-06-20T09:00:00+08:00 22000 PR-2502-0003",
                        "RAISED deceased-beneficiary HIGH 3302**********0246 2025-06-20T09:00:00+08:00 22000 PR-2505-0003",
                        "RAISED deceased-beneficiary MEDIUM 3302**********0246 2025-06-20T09:00:00+08:00 22000 PR-2501-0003");
    }

    @Test
    void eachCaseHasTheIdItsModelGivesIt() {
        assertThat(lines.stream().map(l -> AlertJson.fromJsonLine(l).getAlertId()))
                .containsExactlyInAnyOrder(
                        AccountHolderAlerts.mismatchAlertId("DB-2503-0006"),
                        OfficialBeneficiaryAlerts.alertId("DB-2503-0004"),
                        AccountHolderAlerts.mismatchAlertId("DB-2503-0007"),
                        AccountHolderAlerts.mismatchAlertId("DB-2503-0008"),
                        AccountHolderAlerts.mismatchAlertId("DB-2503-0009"),
                        AccountHolderAlerts.collectorAlertId("DB-2503-0009"),
                        AccountHolderAlerts.mismatchAlertId("DB-2503-0010"),
                        AccountHolderAlerts.officialHolderAlertId("DB-2503-0010"),
                        RepeatedPayoutAlerts.samePeriodAlertId("DB-2503-0001"),
                        DeceasedBeneficiaryAlerts.alertId("PR-2504-0002"),
                        OfficialBeneficiaryAlerts.alertId("PW-2503-0005"),
                        RepeatedPayoutAlerts.yearlyLimitAlertId("FARMLAND", 2025, "FL-2503-0011"),
                        DeceasedBeneficiaryAlerts.alertId("PR-2501-0003"),
                        DeceasedBeneficiaryAlerts.alertId("PR-2502-0003"),
                        DeceasedBeneficiaryAlerts.alertId("PR-2503-0003"),
                        DeceasedBeneficiaryAlerts.alertId("PR-2504-0003"),
                        DeceasedBeneficiaryAlerts.alertId("PR-2505-0003"));
    }

    @Test
    void untilStopsBeforeTheLateDeathRecordIsKnown() throws Exception {
        // 周福来's death becomes known on 06-20: his five alerts are not given, the rest are.
        ReplayRun untilJune = replay(EXAMPLE.toString(), "--until", "2025-06-01");
        // detected_at is the wall clock: compare what the alerts say, and their ids.
        assertThat(untilJune.lines().stream().map(PayoutReplayITCase::describeWithId))
                .containsExactlyElementsOf(
                        lines.subList(0, 12).stream()
                                .map(PayoutReplayITCase::describeWithId)
                                .toList());
        assertThat(untilJune.lines().stream().map(PayoutReplayITCase::describe))
                .noneMatch(alert -> alert.contains("-0003"));
        assertThat(untilJune.err()).contains("12 alerts");
    }

    @Test
    void noIdNumberAccountOrNameAppearsInClear() throws Exception {
        JsonMapper json = new JsonMapper();
        List<String> personal = new ArrayList<>();
        for (String line : Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8)) {
            JsonNode record = json.readTree(line);
            for (String field :
                    List.of(
                            "beneficiary_id",
                            "account_no",
                            "account_holder_id",
                            "person_id",
                            "beneficiary_name",
                            "name")) {
                if (record.hasNonNull(field)) {
                    personal.add(record.get(field).asText());
                }
            }
        }
        assertThat(personal).hasSizeGreaterThan(40);

        ReplayRun untilJune = replay(EXAMPLE.toString(), "--until", "2025-06-01");
        for (String printed : List.of(full.out(), full.err(), untilJune.out(), untilJune.err())) {
            String withoutIds = ALERT_ID_FIELD.matcher(printed).replaceAll("");
            assertThat(ID_NUMBER.matcher(withoutIds).find())
                    .as("an 18-character ID number in clear in:%n%s", printed)
                    .isFalse();
            assertThat(ACCOUNT_NUMBER.matcher(withoutIds).find())
                    .as("an account number in clear in:%n%s", printed)
                    .isFalse();
            assertThat(printed).doesNotContain(personal);
        }
        // The check can fail: the masked forms are there, the clear ones are not.
        assertThat(full.out()).contains("3302**********0246", "周**");
    }
}
