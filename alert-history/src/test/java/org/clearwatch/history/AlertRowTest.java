package org.clearwatch.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.junit.jupiter.api.Test;

class AlertRowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant PUBLISHED = Instant.parse("2025-10-01T00:00:05Z");

    @Test
    void rowCarriesTheAlertAndTheTimeItWasPublished() {
        Alert alert = TestAlerts.lateDeposit("SJ1").build();

        AlertRow row = AlertRow.of(alert, PUBLISHED);

        assertThat(row.key()).isEqualTo("late-deposit:SJ1/RAISED");
        assertThat(row.severity()).isEqualTo("MEDIUM");
        assertThat(row.amountFen()).isEqualTo(2_000_000L);
        assertThat(row.eventTime()).isEqualTo(TestAlerts.NATIONAL_DAY);
        assertThat(row.publishedAt()).isEqualTo(PUBLISHED);
    }

    @Test
    void evidenceAndFactsAreJsonThatSurvivesQuotesBackslashesAndControlCharacters()
            throws Exception {
        Alert alert =
                TestAlerts.lateDeposit("SJ1")
                        .setEvidence(
                                List.of(
                                        EvidenceRecord.newBuilder()
                                                .setFeed("ledger")
                                                .setRecordId("E-\"1\"\\\n\t\u0001")
                                                .setRole("receipt")
                                                .setEventTime(TestAlerts.NATIONAL_DAY)
                                                .setAmountFen(null)
                                                .build()))
                        .setFacts(Map.of("note", "说明：\"逾期\"", "days_late", "61"))
                        .build();

        AlertRow row = AlertRow.of(alert, PUBLISHED);
        JsonNode evidence = JSON.readTree(row.evidenceJson());
        JsonNode facts = JSON.readTree(row.factsJson());

        assertThat(evidence.get(0).get("record_id").asText()).isEqualTo("E-\"1\"\\\n\t\u0001");
        assertThat(evidence.get(0).get("amount_fen").isNull()).isTrue();
        assertThat(evidence.get(0).get("event_time").asText()).isEqualTo("2025-09-30T16:00:00Z");
        assertThat(facts.get("note").asText()).isEqualTo("说明：\"逾期\"");
        assertThat(facts.get("days_late").asText()).isEqualTo("61");
    }

    @Test
    void nulCharacterWhichPostgresCannotStoreBecomesReplacementCharacter() throws Exception {
        Alert alert =
                TestAlerts.lateDeposit("SJ1")
                        .setTitle("a\u0000b")
                        .setFacts(Map.of("k", "x\u0000y"))
                        .build();

        AlertRow row = AlertRow.of(alert, PUBLISHED);

        assertThat(row.title()).isEqualTo("a\uFFFDb");
        assertThat(row.factsJson()).doesNotContain("\\u0000");
        assertThat(JSON.readTree(row.factsJson()).get("k").asText()).isEqualTo("x\uFFFDy");
    }

    @Test
    void absentVillageAndAmountStayAbsent() {
        Alert alert = TestAlerts.lateDeposit("SJ1").setVillageCode(null).setAmountFen(null).build();

        AlertRow row = AlertRow.of(alert, PUBLISHED);

        assertThat(row.villageCode()).isNull();
        assertThat(row.amountFen()).isNull();
        assertThat(row.evidenceJson()).startsWith("[{");
    }
}
