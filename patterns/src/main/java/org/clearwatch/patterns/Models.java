package org.clearwatch.patterns;

import java.util.List;
import java.util.Optional;
import org.clearwatch.patterns.latedeposit.LateDepositModel;
import org.clearwatch.patterns.model.SupervisionModel;

/** Every supervision model Clearwatch ships. A new model adds one line here. */
public final class Models {

    public static final List<SupervisionModel> ALL = List.of(new LateDepositModel());

    private Models() {}

    public static Optional<SupervisionModel> byId(String id) {
        return ALL.stream().filter(m -> m.spec().id().equals(id)).findFirst();
    }
}
