package org.clearwatch.patterns.restrictedzone;

import java.util.ArrayList;
import java.util.List;
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

/** Wires restricted-zone-visit: a stay is a vehicle inside a RESTRICTED zone. */
public final class RestrictedZoneVisitModel extends StayModel {

    @Override
    public ModelSpec spec() {
        return RestrictedZoneVisit.SPEC;
    }

    @Override
    protected StaySettings settings(ParameterValues parameters) {
        return RestrictedZoneVisit.PARAMETERS.settings(RestrictedZoneVisit.ID, parameters);
    }

    @Override
    protected StayRule rule(ParameterValues parameters) {
        return new InsideRestrictedZones();
    }

    @Override
    protected StayAlerts alerts() {
        return new Alerts();
    }

    /** Every restricted zone that contains the position is a place the vehicle stays at. */
    public static final class InsideRestrictedZones implements StayRule {
        private static final long serialVersionUID = 1L;

        @Override
        public List<Place> placesAt(
                double lat,
                double lon,
                ZoneIndex zones,
                KnownVehicle vehicle,
                Set<String> staying) {
            List<Place> places = new ArrayList<>();
            for (Zone zone : zones.restrictedContaining(lat, lon)) {
                places.add(new Place(zone.getZoneId(), zone.getZoneId(), zone.getName()));
            }
            return places;
        }
    }

    /** "进入禁入区域西湖景区", "在西湖景区内". */
    public static final class Alerts extends DwellAlerts {
        private static final long serialVersionUID = 1L;

        public Alerts() {
            super(RestrictedZoneVisit.ID, RestrictedZoneVisit.VERSION);
        }

        @Override
        protected String title() {
            return "公车在禁入区域停留";
        }

        @Override
        protected String entered(Stay stay) {
            return "进入禁入区域" + stay.getZoneName();
        }

        @Override
        protected String where(Stay stay) {
            return "在" + stay.getZoneName() + "内";
        }
    }
}
