package org.clearwatch.jobs.replay;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;

/**
 * Alerts as JSON Lines, the output of the {@code replay} command: one object a line with the
 * Alert's field names in schema order, times in Asia/Shanghai with their offset, Chinese as UTF-8
 * and fact keys sorted, so that two runs over the same input give byte-identical output.
 */
public final class AlertJson {

    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final DateTimeFormatter WHOLE_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final DateTimeFormatter NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");

    private static final Set<String> ALERT_FIELDS = fieldNames(Alert.getClassSchema());
    private static final Set<String> EVIDENCE_FIELDS = fieldNames(EvidenceRecord.getClassSchema());

    private AlertJson() {}

    /** One alert as one line of JSON, without the line break. */
    public static String toJsonLine(Alert alert) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("alert_id", alert.getAlertId());
            json.writeStringField("kind", name(alert.getKind()));
            json.writeStringField("model_id", alert.getModelId());
            json.writeStringField("model_version", alert.getModelVersion());
            json.writeStringField("severity", name(alert.getSeverity()));
            json.writeStringField("entity_type", alert.getEntityType());
            json.writeStringField("entity_id", alert.getEntityId());
            json.writeStringField("township_code", alert.getTownshipCode());
            json.writeStringField("village_code", alert.getVillageCode());
            json.writeStringField("title", alert.getTitle());
            json.writeStringField("summary", alert.getSummary());
            writeLong(json, "amount_fen", alert.getAmountFen());
            json.writeFieldName("evidence");
            if (alert.getEvidence() == null) {
                json.writeNull();
            } else {
                json.writeStartArray();
                for (EvidenceRecord evidence : alert.getEvidence()) {
                    json.writeStartObject();
                    json.writeStringField("feed", evidence.getFeed());
                    json.writeStringField("record_id", evidence.getRecordId());
                    json.writeStringField("role", evidence.getRole());
                    json.writeStringField("event_time", formatTime(evidence.getEventTime()));
                    writeLong(json, "amount_fen", evidence.getAmountFen());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeFieldName("facts");
            if (alert.getFacts() == null) {
                json.writeNull();
            } else {
                json.writeStartObject();
                for (Map.Entry<String, String> fact : new TreeMap<>(alert.getFacts()).entrySet()) {
                    json.writeStringField(fact.getKey(), fact.getValue());
                }
                json.writeEndObject();
            }
            json.writeStringField("event_time", formatTime(alert.getEventTime()));
            json.writeStringField("detected_at", formatTime(alert.getDetectedAt()));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /**
     * Reads a line written by {@link #toJsonLine}; the exact inverse.
     *
     * @throws IllegalArgumentException naming the field when the line is not such an alert
     */
    public static Alert fromJsonLine(String line) {
        JsonNode root = parseObject(line);
        checkKnown(root, ALERT_FIELDS, "alert");
        Alert.Builder alert =
                Alert.newBuilder()
                        .setAlertId(requiredText(root, "alert_id"))
                        .setKind(enumValue(AlertKind.class, requiredText(root, "kind"), "kind"))
                        .setModelId(requiredText(root, "model_id"))
                        .setModelVersion(requiredText(root, "model_version"))
                        .setSeverity(
                                enumValue(
                                        Severity.class, requiredText(root, "severity"), "severity"))
                        .setEntityType(requiredText(root, "entity_type"))
                        .setEntityId(requiredText(root, "entity_id"))
                        .setTownshipCode(requiredText(root, "township_code"))
                        .setVillageCode(optionalText(root, "village_code"))
                        .setTitle(requiredText(root, "title"))
                        .setSummary(requiredText(root, "summary"))
                        .setAmountFen(optionalLong(root, "amount_fen"))
                        .setEventTime(requiredTime(root, "event_time"))
                        .setDetectedAt(requiredTime(root, "detected_at"));
        JsonNode evidence = root.get("evidence");
        if (evidence != null) {
            alert.setEvidence(evidence(evidence));
        }
        JsonNode facts = root.get("facts");
        if (facts != null) {
            alert.setFacts(facts(facts));
        }
        return alert.build();
    }

    /**
     * A time as ISO-8601 in Asia/Shanghai with its offset, e.g. {@code 2025-10-06T00:00:00+08:00};
     * fractions only as long as needed to stay exact.
     */
    public static String formatTime(Instant time) {
        if (time == null) {
            return null;
        }
        ZonedDateTime local = time.atZone(JsonLinesReader.SHANGHAI);
        int nanos = local.getNano();
        DateTimeFormatter format =
                nanos == 0 ? WHOLE_SECONDS : nanos % 1_000_000 == 0 ? MILLIS : NANOS;
        return format.format(local);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static void writeLong(JsonGenerator json, String field, Long value) throws IOException {
        json.writeFieldName(field);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }

    private static JsonNode parseObject(String line) {
        try (JsonParser parser = MAPPER.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("An alert line must be a JSON object.");
            }
            JsonNode root = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("An alert line must hold one JSON object.");
            }
            return root;
        } catch (IOException e) {
            // Jackson's message may quote alert text; the location is enough to find the fault.
            throw new IllegalArgumentException(
                    "An alert line is not valid JSON near column "
                            + (e instanceof JacksonException j && j.getLocation() != null
                                    ? j.getLocation().getColumnNr()
                                    : -1)
                            + ".");
        }
    }

    private static void checkKnown(JsonNode object, Set<String> known, String what) {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            if (!known.contains(property.getKey())) {
                throw new IllegalArgumentException(
                        "Unknown field \"" + property.getKey() + "\" in an " + what + ".");
            }
        }
    }

    private static String requiredText(JsonNode object, String field) {
        String text = optionalText(object, field);
        if (text == null) {
            throw new IllegalArgumentException("Field \"" + field + "\" is missing or null.");
        }
        return text;
    }

    private static String optionalText(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("Field \"" + field + "\" must be a string.");
        }
        return value.textValue();
    }

    private static Long optionalLong(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("Field \"" + field + "\" must be a whole number.");
        }
        return value.longValue();
    }

    private static Instant requiredTime(JsonNode object, String field) {
        String text = requiredText(object, field);
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "Field \"" + field + "\" must be an ISO-8601 time with an offset.");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String symbol, String field) {
        try {
            return Enum.valueOf(type, symbol);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Field \"" + field + "\" is not a " + type.getSimpleName() + " symbol.");
        }
    }

    private static List<EvidenceRecord> evidence(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("Field \"evidence\" must be an array.");
        }
        List<EvidenceRecord> records = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            if (!item.isObject()) {
                throw new IllegalArgumentException("Items of \"evidence\" must be objects.");
            }
            checkKnown(item, EVIDENCE_FIELDS, "evidence record");
            records.add(
                    EvidenceRecord.newBuilder()
                            .setFeed(requiredText(item, "feed"))
                            .setRecordId(requiredText(item, "record_id"))
                            .setRole(requiredText(item, "role"))
                            .setEventTime(requiredTime(item, "event_time"))
                            .setAmountFen(optionalLong(item, "amount_fen"))
                            .build());
        }
        return records;
    }

    private static Map<String, String> facts(JsonNode object) {
        if (!object.isObject()) {
            throw new IllegalArgumentException("Field \"facts\" must be an object.");
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> fact : object.properties()) {
            JsonNode value = fact.getValue();
            if (!value.isNull() && !value.isTextual()) {
                throw new IllegalArgumentException(
                        "Fact \"" + fact.getKey() + "\" must be a string.");
            }
            facts.put(fact.getKey(), value.isNull() ? null : value.textValue());
        }
        return facts;
    }

    private static Set<String> fieldNames(Schema schema) {
        return schema.getFields().stream()
                .map(Schema.Field::name)
                .collect(Collectors.toUnmodifiableSet());
    }
}
