package org.clearwatch.patterns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clearwatch.patterns.latedeposit.LateDepositModel;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.patterns.rentarrears.RentArrearsModel;

/**
 * Every supervision model Clearwatch ships, in the order it lists them. A new model adds one line
 * here, or in the list of its feed ({@link PayoutModels}, {@link VehicleModels}).
 */
public final class Models {

    public static final List<SupervisionModel> ALL = all();

    private Models() {}

    private static List<SupervisionModel> all() {
        List<SupervisionModel> models = new ArrayList<>();
        models.add(new LateDepositModel());
        models.add(new RentArrearsModel());
        models.addAll(PayoutModels.ALL);
        models.addAll(VehicleModels.ALL);
        return List.copyOf(models);
    }

    public static Optional<SupervisionModel> byId(String id) {
        return ALL.stream().filter(m -> m.spec().id().equals(id)).findFirst();
    }
}
