package org.clearwatch.patterns.outofjurisdiction;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.vehicletrack.DwellAlerts;
import org.clearwatch.patterns.vehicletrack.KnownVehicle;
import org.clearwatch.patterns.vehicletrack.Stay;
import org.clearwatch.patterns.vehicletrack.StayAlerts;
import org.clearwatch.patterns.vehicletrack.StayModel;
import org.clearwatch.patterns.vehicletrack.StayRule;
import org.clearwatch.patterns.vehicletrack.StaySettings;
import org.clearwatch.patterns.vehicletrack.ZoneIndex;
import org.clearwatch.schema.ref.Zone;

/** Wires out-of-jurisdiction: a stay is a vehicle outside its home JURISDICTION zone. */
public final class OutOfJurisdictionModel extends StayModel {

    @Override
    public ModelSpec spec() {
        return OutOfJurisdiction.SPEC;
    }

    @Override
    protected StaySettings settings(ParameterValues parameters) {
        return OutOfJurisdiction.PARAMETERS.settings(OutOfJurisdiction.ID, parameters);
    }

    @Override
    protected StayRule rule(ParameterValues parameters) {
        return new OutsideHomeZone(parameters.get(OutOfJurisdiction.MARGIN_METRES));
    }

    @Override
    protected StayAlerts alerts() {
        return new Alerts();
    }

    /**
     * Outside the vehicle's home zone: once beyond the margin, and until back inside (hysteresis,
     * so a fix wandering along the boundary neither starts nor ends a stay). A vehicle whose record
     * or home zone is not known cannot be judged and stays nowhere.
     */
    public static final class OutsideHomeZone implements StayRule {
        private static final long serialVersionUID = 1L;

        private final int marginMetres;

        public OutsideHomeZone(int marginMetres) {
            this.marginMetres = marginMetres;
        }

        /** The place a vehicle with this home zone stays at when away: part of the alert id. */
        public static String placeId(String homeZone) {
            return "outside:" + homeZone;
        }

        @Override
        public List<Place> placesAt(
                double lat,
                double lon,
                ZoneIndex zones,
                KnownVehicle vehicle,
                Set<String> staying) {
            if (vehicle == null || vehicle.getHomeZone() == null) {
                return List.of();
            }
            Optional<Zone> home = zones.zone(vehicle.getHomeZone());
            if (home.isEmpty()) {
                return List.of();
            }
            String placeId = placeId(vehicle.getHomeZone());
            double outside = zones.metresOutside(vehicle.getHomeZone(), lat, lon);
            boolean away = staying.contains(placeId) ? outside > 0 : outside > marginMetres;
            return away
                    ? List.of(new Place(placeId, vehicle.getHomeZone(), home.get().getName()))
                    : List.of();
        }
    }

    /** "驶出管辖区域某镇", "在某镇管辖区域外". */
    public static final class Alerts extends DwellAlerts {
        private static final long serialVersionUID = 1L;

        public Alerts() {
            super(OutOfJurisdiction.ID, OutOfJurisdiction.VERSION);
        }

        @Override
        protected String title() {
            return "公车驶出管辖区域停留";
        }

        @Override
        protected String entered(Stay stay) {
            return "驶出管辖区域" + stay.getZoneName();
        }

        @Override
        protected String where(Stay stay) {
            return "在" + stay.getZoneName() + "管辖区域外";
        }
    }
}
