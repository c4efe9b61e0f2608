package org.clearwatch.patterns.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Geometry on WGS-84 positions: zones as polygons (WKT, longitude first), point-in-polygon tests
 * and great-circle distances. Plain Java; JTS does the geometry.
 */
public final class Geo {

    /** Mean earth radius, metres. */
    static final double EARTH_RADIUS_M = 6_371_008.8;

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private Geo() {}

    /** A zone's outline, prepared for fast repeated containment tests. */
    public static final class Area {
        private final PreparedGeometry prepared;
        private final Geometry geometry;

        private Area(Geometry geometry) {
            this.geometry = geometry;
            this.prepared = PreparedGeometryFactory.prepare(geometry);
        }

        public boolean contains(double lat, double lon) {
            return prepared.covers(point(lat, lon));
        }

        public Geometry geometry() {
            return geometry;
        }
    }

    /**
     * Reads a POLYGON or MULTIPOLYGON in WKT with longitude, latitude coordinates.
     *
     * @throws IllegalArgumentException naming what is wrong with it (never echoing it)
     */
    public static Area area(String wkt) {
        Geometry geometry;
        try {
            geometry = new WKTReader(FACTORY).read(wkt);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("not well-formed WKT");
        }
        if (!(geometry instanceof Polygonal)) {
            throw new IllegalArgumentException("not a POLYGON or MULTIPOLYGON");
        }
        if (geometry.isEmpty() || !geometry.isValid()) {
            throw new IllegalArgumentException("not a valid polygon (empty or self-intersecting)");
        }
        for (Coordinate c : geometry.getCoordinates()) {
            if (Math.abs(c.y) > 90 || Math.abs(c.x) > 180) {
                throw new IllegalArgumentException("coordinates outside longitude/latitude range");
            }
        }
        return new Area(geometry);
    }

    static Point point(double lat, double lon) {
        return FACTORY.createPoint(new Coordinate(lon, lat));
    }

    /** Great-circle distance in metres (haversine). */
    public static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                        + Math.cos(phi1)
                                * Math.cos(phi2)
                                * Math.sin(dLambda / 2)
                                * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    public static boolean isValidPosition(double lat, double lon) {
        return !Double.isNaN(lat)
                && !Double.isNaN(lon)
                && Math.abs(lat) <= 90
                && Math.abs(lon) <= 180
                && !(lat == 0 && lon == 0);
    }

    /** Rounded to about 1 km, for messages that must not pinpoint a position. */
    public static String coarse(double lat, double lon) {
        return String.format("%.2f,%.2f", lat, lon);
    }
}
