package org.clearwatch.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.EvidenceRecord;

/**
 * One row of {@code alert_history}: an alert as read from the topic, with the Kafka timestamp of
 * its record. Evidence and facts become JSON text for the {@code jsonb} columns.
 */
public record AlertRow(
        String alertId,
        String kind,
        String modelId,
        String modelVersion,
        String severity,
        String entityType,
        String entityId,
        String townshipCode,
        String villageCode,
        String title,
        String summary,
        Long amountFen,
        String evidenceJson,
        String factsJson,
        Instant eventTime,
        Instant detectedAt,
        Instant publishedAt) {

    public static AlertRow of(Alert alert, Instant publishedAt) {
        return new AlertRow(
                text(alert.getAlertId()),
                alert.getKind().name(),
                text(alert.getModelId()),
                text(alert.getModelVersion()),
                alert.getSeverity().name(),
                text(alert.getEntityType()),
                text(alert.getEntityId()),
                text(alert.getTownshipCode()),
                alert.getVillageCode() == null ? null : text(alert.getVillageCode()),
                text(alert.getTitle()),
                text(alert.getSummary()),
                alert.getAmountFen(),
                evidenceJson(alert.getEvidence()),
                factsJson(alert.getFacts()),
                alert.getEventTime(),
                alert.getDetectedAt(),
                publishedAt);
    }

    /**
     * PostgreSQL text cannot hold the NUL character (nor can jsonb hold {@code \u0000}): one such
     * alert would fail its whole batch again on every retry, so NUL becomes U+FFFD.
     */
    static String text(String value) {
        return value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

    /** The primary key, {@code alert_id/kind}. */
    public String key() {
        return alertId + "/" + kind;
    }

    static String evidenceJson(List<EvidenceRecord> evidence) {
        StringBuilder json = new StringBuilder("[");
        for (EvidenceRecord e : evidence) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"feed\":");
            string(json, e.getFeed());
            json.append(",\"record_id\":");
            string(json, e.getRecordId());
            json.append(",\"role\":");
            string(json, e.getRole());
            json.append(",\"event_time\":");
            string(json, e.getEventTime().toString());
            json.append(",\"amount_fen\":")
                    .append(e.getAmountFen() == null ? "null" : e.getAmountFen().toString())
                    .append('}');
        }
        return json.append(']').toString();
    }

    static String factsJson(Map<String, String> facts) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> e : new TreeMap<>(facts).entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, e.getKey());
            json.append(':');
            string(json, e.getValue());
        }
        return json.append('}').toString();
    }

    /** A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c == 0) {
                        json.append('\uFFFD');
                    } else if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
