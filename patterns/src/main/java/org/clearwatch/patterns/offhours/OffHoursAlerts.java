package org.clearwatch.patterns.offhours;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clearwatch.patterns.alerting.AlertIds;
import org.clearwatch.patterns.vehicletrack.KnownDispatch;
import org.clearwatch.patterns.vehicletrack.KnownVehicle;
import org.clearwatch.patterns.vehicletrack.VehicleAlertText;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;

/** The alerts off-hours-vehicle gives: ids, Chinese text, evidence and facts. */
public final class OffHoursAlerts {

    /** How far around a trip's start dispatches are listed as considered. */
    static final Duration NEAR = Duration.ofHours(12);

    private OffHoursAlerts() {}

    /** One trip, one id: the vehicle and the fix time it left at. */
    public static String alertId(String vehicleId, Instant startedAt) {
        return AlertIds.of(OffHoursVehicle.ID, vehicleId, Long.toString(startedAt.toEpochMilli()));
    }

    /** The trip is established, outside working time, with no dispatch. */
    public static Alert raised(String vehicleId, TripCase trip, Instant at, Instant now) {
        String summary =
                String.format(
                        "车辆%s（%s）于%s（%s）出车，出车%s已行驶%s公里，无派车单。",
                        vehicleId,
                        who(trip.getVehicle()),
                        VehicleAlertText.minute(trip.getStartedAt()),
                        reason(trip),
                        VehicleAlertText.duration(Duration.between(trip.getStartedAt(), at)),
                        VehicleAlertText.km(trip.getDistanceAtEstablishmentM()));
        Alert.Builder alert =
                base(vehicleId, trip, AlertKind.RAISED, at, now)
                        .setTitle("公车非工作时间出行")
                        .setSummary(summary);
        return alert.build();
    }

    /** The raised trip ended: how far and how long. */
    public static Alert ended(String vehicleId, TripCase trip, Instant at, Instant now) {
        Duration duration = Duration.between(trip.getStartedAt(), trip.getEndedAt());
        String summary =
                String.format(
                        "车辆%s（%s）非工作时间出行已结束：%s出车，%s停车，历时%s，行驶%s公里，无派车单。",
                        vehicleId,
                        who(trip.getVehicle()),
                        VehicleAlertText.minute(trip.getStartedAt()),
                        VehicleAlertText.minute(trip.getEndedAt()),
                        VehicleAlertText.duration(duration),
                        VehicleAlertText.km(trip.getDistanceM()));
        Alert.Builder alert =
                base(vehicleId, trip, AlertKind.UPDATED, at, now)
                        .setTitle("公车非工作时间出行（行程结束）")
                        .setSummary(summary);
        alert.getEvidence()
                .add(
                        VehicleAlertText.evidence(
                                "gps",
                                VehicleAlertText.pingId(vehicleId, trip.getEndedAt()),
                                "trip_end",
                                trip.getEndedAt()));
        Map<String, String> facts = alert.getFacts();
        facts.put("ended_at", VehicleAlertText.local(trip.getEndedAt()));
        facts.put("duration_minutes", Long.toString(duration.toMinutes()));
        facts.put("distance_m", Long.toString(Math.round(trip.getDistanceM())));
        facts.put("destination_area", trip.getDestinationArea());
        return alert.build();
    }

    /** A dispatch covering the trip became known after it was raised. */
    public static Alert covered(
            String vehicleId, TripCase trip, KnownDispatch dispatch, Instant at, Instant now) {
        String summary =
                String.format(
                        "车辆%s于%s的出车有派车单%s（%s，批准%s至%s），该派车单在出车后（%s）才为系统所知，告警解除。",
                        vehicleId,
                        VehicleAlertText.minute(trip.getStartedAt()),
                        dispatch.getDispatchId(),
                        dispatch.getPurpose() == null ? "未注明事由" : dispatch.getPurpose(),
                        VehicleAlertText.minute(dispatch.getApprovedFrom()),
                        VehicleAlertText.minute(dispatch.getApprovedTo()),
                        VehicleAlertText.minute(at));
        Alert.Builder alert =
                base(vehicleId, trip, AlertKind.RESOLVED, at, now)
                        .setSeverity(Severity.LOW)
                        .setTitle("公车非工作时间出行（已补派车单）")
                        .setSummary(summary);
        alert.getEvidence().add(VehicleAlertText.dispatchEvidence(dispatch, "covering_dispatch"));
        alert.getFacts().put("covering_dispatch", dispatch.getDispatchId());
        return alert.build();
    }

    private static String who(KnownVehicle vehicle) {
        return vehicle.getUnitCode() + "，" + VehicleAlertText.kindName(vehicle.getKind());
    }

    private static String reason(TripCase trip) {
        return WorkingTime.OffHours.valueOf(trip.getDayClass()).chinese();
    }

    private static Severity severity(TripCase trip) {
        return WorkingTime.OffHours.valueOf(trip.getDayClass()) == WorkingTime.OffHours.HOLIDAY
                ? Severity.HIGH
                : Severity.MEDIUM;
    }

    private static Alert.Builder base(
            String vehicleId, TripCase trip, AlertKind kind, Instant at, Instant now) {
        KnownVehicle vehicle = trip.getVehicle();
        List<EvidenceRecord> evidence = new ArrayList<>();
        evidence.add(
                VehicleAlertText.evidence(
                        "gps",
                        VehicleAlertText.pingId(vehicleId, trip.getStartedAt()),
                        "trip_start",
                        trip.getStartedAt()));
        evidence.add(
                VehicleAlertText.evidence(
                        "gps",
                        VehicleAlertText.pingId(vehicleId, trip.getEstablishedAt()),
                        "trip_established",
                        trip.getEstablishedAt()));
        VehicleAlertText.considered(evidence, trip.getDispatchesConsidered(), trip.getRaisedAt());
        Map<String, String> facts = VehicleAlertText.vehicleFacts(vehicle);
        facts.put("started_at", VehicleAlertText.local(trip.getStartedAt()));
        facts.put("established_at", VehicleAlertText.local(trip.getEstablishedAt()));
        facts.put("off_hours", trip.getDayClass());
        facts.put("origin_area", trip.getOriginArea());
        facts.put(
                "distance_at_establishment_m",
                Long.toString(Math.round(trip.getDistanceAtEstablishmentM())));
        facts.put("dispatches_considered", String.join(",", trip.getDispatchesConsidered()));
        return VehicleAlertText.alert(
                        alertId(vehicleId, trip.getStartedAt()),
                        kind,
                        OffHoursVehicle.ID,
                        OffHoursVehicle.VERSION,
                        severity(trip),
                        vehicleId,
                        vehicle.getTownshipCode(),
                        at,
                        now)
                .setEvidence(evidence)
                .setFacts(facts);
    }
}
