package org.clearwatch.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clearwatch.jobs.demo.AlertPrinter.Received;
import org.clearwatch.jobs.sim.ExpectedAlert;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {

    private static final Instant T = Instant.parse("2025-10-01T02:00:00Z");

    private static Alert alert(String id, AlertKind kind, Instant eventTime, String... records) {
        List<EvidenceRecord> evidence = new ArrayList<>();
        for (String record : records) {
            evidence.add(
                    EvidenceRecord.newBuilder()
                            .setFeed("payout")
                            .setRecordId(record)
                            .setRole("payment")
                            .setEventTime(eventTime)
                            .setAmountFen(100L)
                            .build());
        }
        return Alert.newBuilder()
                .setAlertId(id)
                .setKind(kind)
                .setModelId(id.substring(0, id.indexOf(':')))
                .setModelVersion("1")
                .setSeverity(Severity.LOW)
                .setEntityType("beneficiary")
                .setTownshipCode("330299101")
                .setVillageCode("330299101001")
                .setEntityId("e")
                .setEventTime(eventTime)
                .setDetectedAt(eventTime)
                .setTitle("t")
                .setSummary("s")
                .setAmountFen(100L)
                .setEvidence(evidence)
                .build();
    }

    private static ExpectedAlert expected(String id, AlertKind kind, Instant eventTime) {
        return new ExpectedAlert(id, kind, 100L, eventTime, "330299101", "x");
    }

    @Test
    void theDelayRunsFromTheLastEvidenceRecordPublishedToTheAlertBeingReadable() {
        Map<String, Long> published = Map.of("P-1", 1_000L, "P-2", 5_000L);
        List<Received> received =
                List.of(
                        new Received(
                                alert("repeated-payout:a", AlertKind.RAISED, T, "P-1", "P-2"),
                                6_500L));

        List<DemoSummary.ModelLine> lines =
                DemoSummary.lines(
                        List.of("repeated-payout"),
                        List.of(expected("repeated-payout:a", AlertKind.RAISED, T)),
                        received,
                        m -> T,
                        published::get,
                        m -> true);

        assertThat(lines)
                .singleElement()
                .satisfies(
                        line -> {
                            assertThat(line.delaysMillis()).containsExactly(1_500L);
                            assertThat(line.planted()).isEqualTo(1);
                            assertThat(line.seen()).isEqualTo(1);
                            assertThat(line.missing()).isZero();
                        });
    }

    @Test
    void deadlineModelsAreComparedButNotTimed() {
        List<Received> received =
                List.of(new Received(alert("late-deposit:a", AlertKind.RAISED, T, "E-1"), 9_000L));

        DemoSummary.ModelLine line =
                DemoSummary.lines(
                                List.of("late-deposit"),
                                List.of(expected("late-deposit:a", AlertKind.RAISED, T)),
                                received,
                                m -> T,
                                id -> 1_000L,
                                m -> false)
                        .get(0);

        assertThat(line.delaysMillis()).isEmpty();
        assertThat(line.seen()).isEqualTo(1);
    }

    @Test
    void missingUnexpectedAndDuplicatedAlertsAreCountedUpToTheCheckedTime() {
        Instant later = T.plusSeconds(3600);
        List<Received> received =
                List.of(
                        new Received(alert("m:seen", AlertKind.RAISED, T), 1L),
                        new Received(alert("m:seen", AlertKind.RAISED, T), 2L),
                        new Received(alert("m:extra", AlertKind.RAISED, T), 3L),
                        new Received(alert("m:beyond", AlertKind.RAISED, later), 4L));
        List<ExpectedAlert> expected =
                List.of(
                        expected("m:seen", AlertKind.RAISED, T),
                        expected("m:lost", AlertKind.RAISED, T),
                        expected("m:beyond-too", AlertKind.RAISED, later));

        DemoSummary.ModelLine line =
                DemoSummary.lines(List.of("m"), expected, received, m -> T, id -> null, m -> true)
                        .get(0);

        assertThat(line.planted()).isEqualTo(2);
        assertThat(line.seen()).isEqualTo(1);
        assertThat(line.missing()).isEqualTo(1);
        assertThat(line.unexpected()).isEqualTo(1);
        assertThat(line.duplicated()).isEqualTo(1);
        assertThat(line.delaysMillis()).as("no evidence record was published").isEmpty();
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> hundred = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            hundred.add(i);
        }
        assertThat(DemoSummary.percentile(hundred, 50)).isEqualTo(50L);
        assertThat(DemoSummary.percentile(hundred, 99)).isEqualTo(99L);
        assertThat(DemoSummary.percentile(List.of(7L), 99)).isEqualTo(7L);
        assertThat(DemoSummary.percentile(List.of(), 50)).isNull();
    }
}
