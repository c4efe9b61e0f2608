package org.clearwatch.patterns.vehicletrack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clearwatch.patterns.alerting.AlertIds;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;

/**
 * The alerts of a dwell model: the same evidence and facts for every dwell model, with the words
 * that say what the stay was (a venue visited, a jurisdiction left).
 */
public abstract class DwellAlerts implements StayAlerts {

    private static final long serialVersionUID = 1L;

    private final String modelId;
    private final String version;

    protected DwellAlerts(String modelId, String version) {
        this.modelId = modelId;
        this.version = version;
    }

    /** Title of RAISED and UPDATED. */
    protected abstract String title();

    /** What the vehicle did when the stay began, e.g. "进入禁入区域西湖景区". */
    protected abstract String entered(Stay stay);

    /** Where it stayed, e.g. "在西湖景区内". */
    protected abstract String where(Stay stay);

    /** One stay, one id: the vehicle, the place and when it got there. */
    public static String alertId(String modelId, Stay stay) {
        return alertId(modelId, stay.getVehicleId(), stay.getPlaceId(), stay.getEnteredAt());
    }

    /**
     * @param placeId a restricted zone's id; for a jurisdiction left, {@code outside:} and the home
     *     zone's id
     */
    public static String alertId(
            String modelId, String vehicleId, String placeId, Instant enteredAt) {
        return AlertIds.of(modelId, vehicleId, placeId, Long.toString(enteredAt.toEpochMilli()));
    }

    @Override
    public Alert raised(Stay stay, Instant at, StaySettings settings, Instant now) {
        Duration dwell = Duration.between(stay.getEnteredAt(), at);
        String summary =
                String.format(
                        "车辆%s（%s）于%s%s，至%s已%s停留%s（限%s），无派车单。",
                        stay.getVehicleId(),
                        who(stay),
                        VehicleAlertText.minute(stay.getEnteredAt()),
                        entered(stay),
                        VehicleAlertText.minute(at),
                        where(stay),
                        VehicleAlertText.duration(dwell),
                        VehicleAlertText.duration(settings.threshold()));
        Alert.Builder alert =
                base(stay, AlertKind.RAISED, severity(dwell, settings), at, settings, now)
                        .setTitle(title())
                        .setSummary(summary);
        alert.getFacts().put("dwell_minutes", Long.toString(dwell.toMinutes()));
        return alert.build();
    }

    @Override
    public Alert left(Stay stay, StaySettings settings, Instant now) {
        Duration dwell = Duration.between(stay.getEnteredAt(), stay.getLeftAt());
        String summary =
                String.format(
                        "车辆%s（%s）已于%s离开，%s共停留%s（%s至%s），无派车单。",
                        stay.getVehicleId(),
                        who(stay),
                        VehicleAlertText.minute(stay.getLeftAt()),
                        where(stay),
                        VehicleAlertText.duration(dwell),
                        VehicleAlertText.minute(stay.getEnteredAt()),
                        VehicleAlertText.minute(stay.getLeftAt()));
        Alert.Builder alert =
                base(
                                stay,
                                AlertKind.UPDATED,
                                severity(dwell, settings),
                                stay.getLeftAt(),
                                settings,
                                now)
                        .setTitle(title() + "（已离开）")
                        .setSummary(summary);
        alert.getEvidence()
                .add(
                        VehicleAlertText.evidence(
                                "gps",
                                VehicleAlertText.pingId(stay.getVehicleId(), stay.getLeftAt()),
                                "left",
                                stay.getLeftAt()));
        Map<String, String> facts = alert.getFacts();
        facts.put("dwell_minutes", Long.toString(dwell.toMinutes()));
        facts.put("left_at", VehicleAlertText.local(stay.getLeftAt()));
        facts.put("last_area", stay.getLastArea());
        return alert.build();
    }

    @Override
    public Alert covered(
            Stay stay, KnownDispatch dispatch, Instant at, StaySettings settings, Instant now) {
        String summary =
                String.format(
                        "车辆%s于%s%s的停留有派车单%s（%s，批准%s至%s），该派车单在告警后（%s）才为系统所知，告警解除。",
                        stay.getVehicleId(),
                        VehicleAlertText.minute(stay.getEnteredAt()),
                        entered(stay),
                        dispatch.getDispatchId(),
                        dispatch.getPurpose() == null ? "未注明事由" : dispatch.getPurpose(),
                        VehicleAlertText.minute(dispatch.getApprovedFrom()),
                        VehicleAlertText.minute(dispatch.getApprovedTo()),
                        VehicleAlertText.minute(at));
        Alert.Builder alert =
                base(stay, AlertKind.RESOLVED, Severity.LOW, at, settings, now)
                        .setTitle(title() + "（已补派车单）")
                        .setSummary(summary);
        alert.getEvidence().add(VehicleAlertText.dispatchEvidence(dispatch, "covering_dispatch"));
        alert.getFacts().put("covering_dispatch", dispatch.getDispatchId());
        return alert.build();
    }

    private static String who(Stay stay) {
        KnownVehicle vehicle = stay.getVehicle();
        return vehicle.getUnitCode() + "，" + VehicleAlertText.kindName(vehicle.getKind());
    }

    private static Severity severity(Duration dwell, StaySettings settings) {
        return dwell.compareTo(settings.highSeverityAfter()) >= 0 ? Severity.HIGH : Severity.MEDIUM;
    }

    private Alert.Builder base(
            Stay stay,
            AlertKind kind,
            Severity severity,
            Instant at,
            StaySettings settings,
            Instant now) {
        List<EvidenceRecord> evidence = new ArrayList<>();
        evidence.add(
                VehicleAlertText.evidence(
                        "gps",
                        VehicleAlertText.pingId(stay.getVehicleId(), stay.getEnteredAt()),
                        "entered",
                        stay.getEnteredAt()));
        evidence.add(
                VehicleAlertText.evidence(
                        "ref.zone", stay.getZoneId(), "zone", stay.getEnteredAt()));
        VehicleAlertText.considered(evidence, stay.getDispatchesConsidered(), stay.getEnteredAt());
        Map<String, String> facts = VehicleAlertText.vehicleFacts(stay.getVehicle());
        facts.put("zone_id", stay.getZoneId());
        facts.put("zone_name", stay.getZoneName());
        facts.put("entered_at", VehicleAlertText.local(stay.getEnteredAt()));
        facts.put("entry_area", stay.getEntryArea());
        facts.put("threshold_minutes", Long.toString(settings.threshold().toMinutes()));
        facts.put("dispatches_considered", String.join(",", stay.getDispatchesConsidered()));
        return VehicleAlertText.alert(
                        alertId(modelId, stay),
                        kind,
                        modelId,
                        version,
                        severity,
                        stay.getVehicleId(),
                        stay.getVehicle().getTownshipCode(),
                        at,
                        now)
                .setEvidence(evidence)
                .setFacts(facts);
    }
}
