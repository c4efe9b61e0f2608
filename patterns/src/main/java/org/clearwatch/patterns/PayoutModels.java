package org.clearwatch.patterns;

import java.util.List;
import org.clearwatch.patterns.model.SupervisionModel;

/** The models over bank payouts (惠民惠农补贴). */
final class PayoutModels {

    static final List<SupervisionModel> ALL = List.of();

    private PayoutModels() {}
}
