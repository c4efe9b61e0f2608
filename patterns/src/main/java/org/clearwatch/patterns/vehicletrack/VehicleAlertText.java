package org.clearwatch.patterns.vehicletrack;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;

/**
 * What the vehicle models' alerts have in common: the vehicle as entity, local times, distances and
 * durations written the way an inspector reads them, and evidence records.
 *
 * <p>Positions never appear as they came: summaries name zones, facts carry {@code Geo.coarse}
 * areas (about 1 km), and evidence names pings by vehicle and fix time only.
 */
public final class VehicleAlertText {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private VehicleAlertText() {}

    /** "2025-10-03 21:14", local time. */
    public static String minute(Instant instant) {
        return MINUTE.format(instant.atZone(WorkingCalendar.ZONE));
    }

    /** "21:14", local time. */
    public static String clock(Instant instant) {
        return CLOCK.format(instant.atZone(WorkingCalendar.ZONE));
    }

    /** Times in facts: local, with their offset. */
    public static String local(Instant instant) {
        return instant.atZone(WorkingCalendar.ZONE).toOffsetDateTime().toString();
    }

    /** "1小时05分钟", "35分钟" (whole minutes, rounded down). */
    public static String duration(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        if (minutes < 60) {
            return minutes + "分钟";
        }
        long days = minutes / (24 * 60);
        long hours = (minutes / 60) % 24;
        String rest = String.format(Locale.ROOT, "%d小时%02d分钟", hours, minutes % 60);
        return days > 0 ? days + "天" + rest : rest;
    }

    /** Kilometres with one decimal: "12.3". */
    public static String km(double metres) {
        return String.format(Locale.ROOT, "%.1f", metres / 1000.0);
    }

    /** The id the gps feed gives a ping: vehicle and fix time, never its position. */
    public static String pingId(String vehicleId, Instant fixTime) {
        return vehicleId + "@" + fixTime.toEpochMilli();
    }

    public static EvidenceRecord evidence(String feed, String recordId, String role, Instant at) {
        return EvidenceRecord.newBuilder()
                .setFeed(feed)
                .setRecordId(recordId)
                .setRole(role)
                .setEventTime(at)
                .setAmountFen(null)
                .build();
    }

    /** A dispatch as evidence: its approved period's start is its event time. */
    public static EvidenceRecord dispatchEvidence(KnownDispatch dispatch, String role) {
        return evidence("ref.dispatch", dispatch.getDispatchId(), role, dispatch.getApprovedFrom());
    }

    /** Dispatches that were looked at and did not cover: listed by id, at the time judged. */
    public static void considered(List<EvidenceRecord> evidence, List<String> ids, Instant at) {
        for (String id : ids) {
            evidence.add(evidence("ref.dispatch", id, "dispatch_considered", at));
        }
    }

    /** The vehicle kind as inspectors call it. */
    public static String kindName(String kind) {
        return switch (kind) {
            case "GENERAL" -> "一般公务用车";
            case "LAW_ENFORCEMENT" -> "执法执勤用车";
            case "EMERGENCY" -> "应急保障用车";
            default -> kind;
        };
    }

    /** The facts every vehicle alert carries about the vehicle. */
    public static Map<String, String> vehicleFacts(KnownVehicle vehicle) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("vehicle_id", vehicle.getVehicleId());
        facts.put("unit_code", vehicle.getUnitCode());
        facts.put("vehicle_kind", vehicle.getKind());
        return facts;
    }

    /** An alert about a vehicle: the plate is its entity id (plates are not personal data). */
    public static Alert.Builder alert(
            String alertId,
            AlertKind kind,
            String modelId,
            String modelVersion,
            Severity severity,
            String vehicleId,
            String townshipCode,
            Instant eventTime,
            Instant now) {
        return Alert.newBuilder()
                .setAlertId(alertId)
                .setKind(kind)
                .setModelId(modelId)
                .setModelVersion(modelVersion)
                .setSeverity(severity)
                .setEntityType("vehicle")
                .setEntityId(vehicleId)
                .setTownshipCode(townshipCode)
                .setVillageCode(null)
                .setAmountFen(null)
                .setEventTime(eventTime)
                .setDetectedAt(now);
    }
}
