package org.clearwatch.patterns.deceasedbeneficiary;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.clearwatch.patterns.model.ModelInputs;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.DeathRecord;

/**
 * Wires deceased-beneficiary: payouts and death records in, alerts out.
 *
 * <pre>
 * payouts ─ keyBy beneficiary ──┐
 *                               ├─ death join (either side first) ─ RAISED
 * deaths  ─ keyBy person ───────┘
 * </pre>
 */
public final class DeceasedBeneficiaryModel implements SupervisionModel {

    @Override
    public ModelSpec spec() {
        return DeceasedBeneficiary.SPEC;
    }

    @Override
    public DataStream<Alert> build(ModelInputs inputs, ParameterValues parameters) {
        return build(
                inputs.payouts(), inputs.deaths(), DeceasedBeneficiary.Settings.of(parameters));
    }

    public static DataStream<Alert> build(
            DataStream<BankPayout> payouts,
            DataStream<DeathRecord> deaths,
            DeceasedBeneficiary.Settings settings) {
        return payouts.keyBy(BankPayout::getBeneficiaryId)
                .connect(deaths.keyBy(DeathRecord::getPersonId))
                .process(new DeathJoinFunction(settings))
                .uid("deceased-beneficiary-death-join")
                .name("deceased-beneficiary: death join");
    }
}
