package org.clearwatch.patterns.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeoTest {

    /** A square around a scenic spot, longitude first as WKT wants. */
    private static final String SQUARE =
            "POLYGON((114.90 32.00, 114.92 32.00, 114.92 32.02, 114.90 32.02, 114.90 32.00))";

    @Test
    void aPointInsideTheZoneIsContained() {
        assertThat(Geo.area(SQUARE).contains(32.01, 114.91)).isTrue();
    }

    @Test
    void aPointOutsideIsNot() {
        assertThat(Geo.area(SQUARE).contains(32.03, 114.91)).isFalse();
    }

    @Test
    void latitudeAndLongitudeAreNotSwapped() {
        assertThat(Geo.area(SQUARE).contains(114.91, 32.01)).isFalse();
    }

    @Test
    void malformedOrNonPolygonalWktIsRefused() {
        assertThatThrownBy(() -> Geo.area("POLYGON((1 2, 3")).hasMessage("not well-formed WKT");
        assertThatThrownBy(() -> Geo.area("POINT(114.9 32.0)"))
                .hasMessage("not a POLYGON or MULTIPOLYGON");
        assertThatThrownBy(() -> Geo.area("POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))"))
                .hasMessageContaining("not a valid polygon");
    }

    @Test
    void measuresDistanceOnTheSphere() {
        // One degree of latitude is about 111.2 km.
        assertThat(Geo.distanceMetres(32.0, 114.9, 33.0, 114.9)).isCloseTo(111_195, within(100.0));
        assertThat(Geo.distanceMetres(32.0, 114.9, 32.0, 114.9)).isZero();
    }

    @Test
    void nullIslandIsNotAPosition() {
        assertThat(Geo.isValidPosition(0, 0)).isFalse();
        assertThat(Geo.isValidPosition(32.0, 114.9)).isTrue();
        assertThat(Geo.isValidPosition(91, 114.9)).isFalse();
    }
}
