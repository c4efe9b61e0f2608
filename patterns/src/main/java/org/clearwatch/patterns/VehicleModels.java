package org.clearwatch.patterns;

import java.util.List;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.patterns.offhours.OffHoursVehicleModel;
import org.clearwatch.patterns.outofjurisdiction.OutOfJurisdictionModel;
import org.clearwatch.patterns.restrictedzone.RestrictedZoneVisitModel;

/** The models over official vehicles' positions (公车). */
final class VehicleModels {

    static final List<SupervisionModel> ALL =
            List.of(
                    new OffHoursVehicleModel(),
                    new RestrictedZoneVisitModel(),
                    new OutOfJurisdictionModel());

    private VehicleModels() {}
}
