package org.clearwatch.patterns;

import java.util.List;
import org.clearwatch.patterns.model.SupervisionModel;

/** The models over official vehicles' positions (公车). */
final class VehicleModels {

    static final List<SupervisionModel> ALL = List.of();

    private VehicleModels() {}
}
