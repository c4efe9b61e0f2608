package org.clearwatch.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void roundTripOfAlertWithChineseTextAndEvidenceIsExact() {
        Alert alert = lateDeposit();
        assertThat(AlertJson.fromJsonLine(AlertJson.toJsonLine(alert))).isEqualTo(alert);
    }

    @Test
    void roundTripOfAlertWithNullsAndNoEvidenceIsExact() {
        Alert alert =
                Alert.newBuilder(lateDeposit())
                        .setVillageCode(null)
                        .setAmountFen(null)
                        .setEvidence(List.of())
                        .setFacts(Map.of())
                        .build();
        assertThat(AlertJson.fromJsonLine(AlertJson.toJsonLine(alert))).isEqualTo(alert);
    }

    @Test
    void roundTripKeepsSubMillisecondTimes() {
        Alert alert =
                Alert.newBuilder(lateDeposit())
                        .setDetectedAt(Instant.parse("2025-10-06T01:02:03.123456789Z"))
                        .build();
        assertThat(AlertJson.fromJsonLine(AlertJson.toJsonLine(alert))).isEqualTo(alert);
    }

    @Test
    void fieldsAreWrittenInSchemaOrder() throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(AlertJson.toJsonLine(lateDeposit()))
                .fieldNames()
                .forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "alert_id",
                        "kind",
                        "model_id",
                        "model_version",
                        "severity",
                        "entity_type",
                        "entity_id",
                        "township_code",
                        "village_code",
                        "title",
                        "summary",
                        "amount_fen",
                        "evidence",
                        "facts",
                        "event_time",
                        "detected_at");
    }

    @Test
    void evidenceFieldsAreWrittenInSchemaOrder() throws Exception {
        JsonNode evidence = JSON.readTree(AlertJson.toJsonLine(lateDeposit())).get("evidence");
        List<String> names = new ArrayList<>();
        evidence.get(0).fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("feed", "record_id", "role", "event_time", "amount_fen");
    }

    @Test
    void timesAreWrittenInShanghaiWithOffset() throws Exception {
        JsonNode json = JSON.readTree(AlertJson.toJsonLine(lateDeposit()));
        assertThat(json.get("event_time").textValue()).isEqualTo("2025-10-06T00:00:00+08:00");
        assertThat(json.get("detected_at").textValue()).isEqualTo("2025-10-06T00:00:01.250+08:00");
        assertThat(json.get("evidence").get(0).get("event_time").textValue())
                .isEqualTo("2025-09-01T10:30:00+08:00");
    }

    @Test
    void chineseTextIsWrittenAsUtf8NotEscapes() {
        String line = AlertJson.toJsonLine(lateDeposit());
        assertThat(line).contains("\"title\":\"现金收入未及时存入银行\"").doesNotContain("\\u");
    }

    @Test
    void nullFieldsAreWrittenAsNull() {
        Alert alert =
                Alert.newBuilder(lateDeposit()).setVillageCode(null).setAmountFen(null).build();
        assertThat(AlertJson.toJsonLine(alert))
                .contains("\"village_code\":null")
                .contains("\"amount_fen\":null,\"evidence\"");
    }

    @Test
    void factKeysAreSorted() {
        String line = AlertJson.toJsonLine(lateDeposit());
        assertThat(line)
                .contains(
                        "\"facts\":{\"days_late\":\"35\",\"deadline\":\"2025-09-08\","
                                + "\"outstanding_fen\":\"2000000\"}");
    }

    @Test
    void lineBreaksInTextStayEscapedOnOneLine() {
        Alert alert = Alert.newBuilder(lateDeposit()).setSummary("第一行\n第二行").build();
        String line = AlertJson.toJsonLine(alert);
        assertThat(line).doesNotContain("\n").contains("第一行\\n第二行");
    }

    @Test
    void fromJsonLineRejectsUnknownField() {
        String line = AlertJson.toJsonLine(lateDeposit()).replace("\"title\"", "\"titel\"");
        assertThatThrownBy(() -> AlertJson.fromJsonLine(line))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"titel\"");
    }

    @Test
    void fromJsonLineRejectsMissingRequiredField() {
        String line =
                AlertJson.toJsonLine(lateDeposit()).replace("\"model_id\":\"late-deposit\",", "");
        assertThatThrownBy(() -> AlertJson.fromJsonLine(line))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Field \"model_id\" is missing or null.");
    }

    private static Alert lateDeposit() {
        Map<String, String> facts = new HashMap<>();
        facts.put("outstanding_fen", "2000000");
        facts.put("deadline", "2025-09-08");
        facts.put("days_late", "35");
        return Alert.newBuilder()
                .setAlertId("late-deposit:ACC-330102001001:R-2025-0917")
                .setKind(AlertKind.RAISED)
                .setModelId("late-deposit")
                .setModelVersion("1.0.0")
                .setSeverity(Severity.HIGH)
                .setEntityType("ledger_account")
                .setEntityId("ACC-330102001001")
                .setTownshipCode("330102001")
                .setVillageCode("330102001001")
                .setTitle("现金收入未及时存入银行")
                .setSummary("收据R-2025-0917收取保洁费20,000.00元，超过5个工作日仍未存入银行。")
                .setAmountFen(2_000_000L)
                .setEvidence(
                        List.of(
                                EvidenceRecord.newBuilder()
                                        .setFeed("ledger")
                                        .setRecordId("L-0001")
                                        .setRole("receipt")
                                        .setEventTime(Instant.parse("2025-09-01T02:30:00Z"))
                                        .setAmountFen(2_000_000L)
                                        .build(),
                                EvidenceRecord.newBuilder()
                                        .setFeed("ref.calendar")
                                        .setRecordId("2025-10-01")
                                        .setRole("holiday")
                                        .setEventTime(Instant.parse("2024-11-11T16:00:00Z"))
                                        .setAmountFen(null)
                                        .build()))
                .setFacts(facts)
                .setEventTime(Instant.parse("2025-10-05T16:00:00Z"))
                .setDetectedAt(Instant.parse("2025-10-05T16:00:01.250Z"))
                .build();
    }
}
