package org.clearwatch.patterns.vehicletrack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clearwatch.patterns.geo.Geo;
import org.clearwatch.schema.ref.Zone;
import org.clearwatch.schema.ref.ZoneKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.DistanceOp;

/**
 * The zones the vehicle models know, ready for point lookups: which restricted zones hold a
 * position (through an R-tree over their bounding boxes, so a county's hundreds of venues cost a
 * few box tests per ping), whether a position is in a given zone, and how far outside it is.
 *
 * <p>Immutable; rebuilt when a zone record arrives. A zone whose polygon cannot be read is left out
 * and counted. Plain Java; JTS does the geometry.
 */
public final class ZoneIndex {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private record Entry(Zone zone, Geo.Area area) {}

    private final Map<String, Entry> byId;
    private final STRtree restricted;
    private final int unreadable;

    private ZoneIndex(Map<String, Entry> byId, STRtree restricted, int unreadable) {
        this.byId = byId;
        this.restricted = restricted;
        this.unreadable = unreadable;
    }

    public static ZoneIndex of(Iterable<Zone> zones) {
        Map<String, Entry> byId = new LinkedHashMap<>();
        STRtree restricted = new STRtree();
        int unreadable = 0;
        for (Zone zone : zones) {
            Geo.Area area;
            try {
                area = Geo.area(zone.getPolygonWkt());
            } catch (IllegalArgumentException e) {
                unreadable++;
                continue;
            }
            Entry entry = new Entry(zone, area);
            byId.put(zone.getZoneId(), entry);
            if (zone.getKind() == ZoneKind.RESTRICTED) {
                restricted.insert(area.geometry().getEnvelopeInternal(), entry);
            }
        }
        restricted.build();
        return new ZoneIndex(byId, restricted, unreadable);
    }

    /** The restricted zones that contain the position (boundary included), in id order. */
    public List<Zone> restrictedContaining(double lat, double lon) {
        List<Zone> found = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Entry> candidates = restricted.query(new Envelope(lon, lon, lat, lat));
        for (Entry entry : candidates) {
            if (entry.area().contains(lat, lon)) {
                found.add(entry.zone());
            }
        }
        found.sort((a, b) -> a.getZoneId().compareTo(b.getZoneId()));
        return found;
    }

    public Optional<Zone> zone(String zoneId) {
        Entry entry = zoneId == null ? null : byId.get(zoneId);
        return entry == null ? Optional.empty() : Optional.of(entry.zone());
    }

    /** Whether the zone exists and contains the position. */
    public boolean contains(String zoneId, double lat, double lon) {
        Entry entry = byId.get(zoneId);
        return entry != null && entry.area().contains(lat, lon);
    }

    /**
     * How far the position lies outside the zone, in metres along the ground; 0 inside. Infinite
     * for an unknown zone.
     */
    public double metresOutside(String zoneId, double lat, double lon) {
        Entry entry = byId.get(zoneId);
        if (entry == null) {
            return Double.POSITIVE_INFINITY;
        }
        if (entry.area().contains(lat, lon)) {
            return 0;
        }
        Point point = FACTORY.createPoint(new Coordinate(lon, lat));
        Coordinate nearest = DistanceOp.nearestPoints(entry.area().geometry(), point)[0];
        return Geo.distanceMetres(lat, lon, nearest.y, nearest.x);
    }

    public int size() {
        return byId.size();
    }

    /** Zone records left out because their polygon could not be read. */
    public int unreadable() {
        return unreadable;
    }
}
