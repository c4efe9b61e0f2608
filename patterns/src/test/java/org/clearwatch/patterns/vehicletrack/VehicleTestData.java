package org.clearwatch.patterns.vehicletrack;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.ref.Dispatch;
import org.clearwatch.schema.ref.Vehicle;
import org.clearwatch.schema.ref.VehicleKind;
import org.clearwatch.schema.ref.Zone;
import org.clearwatch.schema.ref.ZoneKind;

/** Vehicles, zones, dispatches and drives with sensible defaults and named instants. */
public final class VehicleTestData {

    public static final String PLATE = "浙A·G1234";
    public static final String TOWNSHIP = "330299101";
    public static final String UNIT = "U-330299101";

    /** Wednesday 2025-09-24, a plain working day. */
    public static final Instant WEDNESDAY_1000 = at("2025-09-24T10:00:00+08:00");

    public static final Instant WEDNESDAY_2100 = at("2025-09-24T21:00:00+08:00");
    public static final Instant THURSDAY_MORNING = at("2025-09-25T08:00:00+08:00");

    /** Sunday 2025-09-21, a rest day. */
    public static final Instant SUNDAY_1000 = at("2025-09-21T10:00:00+08:00");

    /** Sunday 2025-09-28, worked to make up for the National Day holiday (调休). */
    public static final Instant MAKE_UP_SUNDAY_1000 = at("2025-09-28T10:00:00+08:00");

    /** Friday 2025-10-03, National Day holiday. */
    public static final Instant HOLIDAY_1000 = at("2025-10-03T10:00:00+08:00");

    /** Where the car is parked: the township office yard. */
    public static final double HOME_LAT = 30.000;

    public static final double HOME_LON = 120.000;

    /** About 333 m of latitude: one ping's worth of driving at 40 km/h every 30 s. */
    public static final double STEP = 0.003;

    /** The township's jurisdiction: about 11 km by 10 km around the office. */
    public static final Zone JURISDICTION =
            zone(
                    "Z-JUR-" + TOWNSHIP,
                    ZoneKind.JURISDICTION,
                    "示例镇",
                    "POLYGON ((119.95 29.95, 120.05 29.95, 120.05 30.05, 119.95 30.05, 119.95"
                            + " 29.95))");

    /** A resort 3 km north of the office, about 1 km across. */
    public static final Zone RESORT =
            zone(
                    "Z-R-RESORT",
                    ZoneKind.RESTRICTED,
                    "湖畔度假村",
                    "POLYGON ((119.995 30.025, 120.005 30.025, 120.005 30.035, 119.995 30.035,"
                            + " 119.995 30.025))");

    public static final double RESORT_LAT = 30.030;
    public static final double RESORT_LON = 120.000;

    /** A town 20 km north: well outside the jurisdiction. */
    public static final double AWAY_LAT = 30.200;

    public static final double AWAY_LON = 120.000;

    private VehicleTestData() {}

    public static Instant at(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant();
    }

    public static Vehicle vehicle(VehicleKind kind) {
        return Vehicle.newBuilder()
                .setVehicleId(PLATE)
                .setUnitCode(UNIT)
                .setTownshipCode(TOWNSHIP)
                .setKind(kind)
                .setHomeZone(JURISDICTION.getZoneId())
                .setRecordedAt(null)
                .build();
    }

    public static Vehicle general() {
        return vehicle(VehicleKind.GENERAL);
    }

    public static Dispatch dispatch(String id, Instant from, Instant to, Instant recordedAt) {
        return Dispatch.newBuilder()
                .setDispatchId(id)
                .setVehicleId(PLATE)
                .setApprovedFrom(from)
                .setApprovedTo(to)
                .setPurpose("防汛检查")
                .setRecordedAt(recordedAt)
                .build();
    }

    public static Zone zone(String id, ZoneKind kind, String name, String wkt) {
        return Zone.newBuilder()
                .setZoneId(id)
                .setKind(kind)
                .setName(name)
                .setPolygonWkt(wkt)
                .setRecordedAt(null)
                .build();
    }

    public static GpsPing ping(Instant at, double lat, double lon) {
        return GpsPing.newBuilder()
                .setVehicleId(PLATE)
                .setDeviceId("DEV-1")
                .setLat(lat)
                .setLon(lon)
                .setSpeedKmh(0)
                .setIgnition(null)
                .setFixTime(at)
                .build();
    }

    /** Pings every {@code every} at one place from {@code from}, {@code count} of them. */
    public static List<GpsPing> parked(
            Instant from, Duration every, int count, double lat, double lon) {
        List<GpsPing> pings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pings.add(ping(from.plus(every.multipliedBy(i)), lat, lon));
        }
        return pings;
    }

    /**
     * A trip north from the office: parked pings before {@code start}, then {@code moving} pings 30
     * s and {@link #STEP} apart (the first one already away), then parked at the destination, a
     * ping a minute for {@code parkedMinutes}.
     */
    public static List<GpsPing> trip(Instant start, int moving, int parkedMinutes) {
        List<GpsPing> pings = new ArrayList<>();
        pings.add(ping(start.minusSeconds(60), HOME_LAT, HOME_LON));
        pings.add(ping(start.minusSeconds(30), HOME_LAT, HOME_LON));
        for (int i = 1; i <= moving; i++) {
            pings.add(ping(start.plusSeconds(30L * (i - 1)), HOME_LAT + i * STEP, HOME_LON));
        }
        pings.addAll(
                parked(
                        start.plusSeconds(30L * moving),
                        Duration.ofMinutes(1),
                        parkedMinutes,
                        HOME_LAT + moving * STEP,
                        HOME_LON));
        return pings;
    }

    /** When a {@link #trip} stops: its last moving ping, where it then stays. */
    public static Instant stopOf(Instant start, int moving) {
        return start.plusSeconds(30L * (moving - 1));
    }

    /**
     * A stay at one place: a ping a minute from {@code from} for {@code minutes} minutes (the first
     * at {@code from}), then one ping back at the office a minute later.
     */
    public static List<GpsPing> stayAt(Instant from, int minutes, double lat, double lon) {
        List<GpsPing> pings = parked(from, Duration.ofMinutes(1), minutes, lat, lon);
        pings.add(ping(from.plus(Duration.ofMinutes(minutes)), HOME_LAT, HOME_LON));
        return pings;
    }

    /** When a {@link #stayAt} leaves: the ping back at the office. */
    public static Instant leftAt(Instant from, int minutes) {
        return from.plus(Duration.ofMinutes(minutes));
    }
}
