package org.clearwatch.patterns;

import java.util.List;
import org.clearwatch.patterns.accountholder.AccountHolderMismatchModel;
import org.clearwatch.patterns.deceasedbeneficiary.DeceasedBeneficiaryModel;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.patterns.officialbeneficiary.OfficialBeneficiaryModel;
import org.clearwatch.patterns.repeatedpayout.RepeatedPayoutModel;

/** The models over bank payouts (惠民惠农补贴). */
final class PayoutModels {

    static final List<SupervisionModel> ALL =
            List.of(
                    new RepeatedPayoutModel(),
                    new DeceasedBeneficiaryModel(),
                    new OfficialBeneficiaryModel(),
                    new AccountHolderMismatchModel());

    private PayoutModels() {}
}
