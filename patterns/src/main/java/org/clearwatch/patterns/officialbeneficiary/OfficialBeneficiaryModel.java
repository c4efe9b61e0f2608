package org.clearwatch.patterns.officialbeneficiary;

import java.util.Set;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.clearwatch.patterns.model.ModelInputs;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.Official;

/**
 * Wires official-beneficiary: payouts and the officials roster in, alerts out.
 *
 * <pre>
 * payouts ─ restricted programmes ─ keyBy beneficiary ──┐
 *                                                       ├─ roster join (either side first) ─ RAISED
 * officials ─ keyBy person ─────────────────────────────┘
 * </pre>
 */
public final class OfficialBeneficiaryModel implements SupervisionModel {

    @Override
    public ModelSpec spec() {
        return OfficialBeneficiary.SPEC;
    }

    @Override
    public DataStream<Alert> build(ModelInputs inputs, ParameterValues parameters) {
        return build(
                inputs.payouts(), inputs.officials(), OfficialBeneficiary.Settings.of(parameters));
    }

    public static DataStream<Alert> build(
            DataStream<BankPayout> payouts,
            DataStream<Official> officials,
            OfficialBeneficiary.Settings settings) {
        Set<String> restricted = settings.restrictedProgrammes();
        return payouts.filter(p -> restricted.contains(p.getProgramCode()))
                .uid("official-beneficiary-restricted-programmes")
                .name("official-beneficiary: restricted programmes")
                .keyBy(BankPayout::getBeneficiaryId)
                .connect(officials.keyBy(Official::getPersonId))
                .process(new RosterJoinFunction(settings))
                .uid("official-beneficiary-roster-join")
                .name("official-beneficiary: roster join");
    }
}
