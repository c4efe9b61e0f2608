package org.clearwatch.patterns.repeatedpayout;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.clearwatch.patterns.model.ModelInputs;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.BankPayout;

/**
 * Wires repeated-payout: payouts in, alerts out.
 *
 * <pre>
 * payouts ─ keyBy beneficiary ─ payment book (event-time order) ─ RAISED / UPDATED
 * </pre>
 */
public final class RepeatedPayoutModel implements SupervisionModel {

    @Override
    public ModelSpec spec() {
        return RepeatedPayout.SPEC;
    }

    @Override
    public void check(ParameterValues parameters) {
        RepeatedPayout.Settings.of(parameters);
    }

    @Override
    public DataStream<Alert> build(ModelInputs inputs, ParameterValues parameters) {
        return build(inputs.payouts(), RepeatedPayout.Settings.of(parameters));
    }

    public static DataStream<Alert> build(
            DataStream<BankPayout> payouts, RepeatedPayout.Settings settings) {
        return payouts.keyBy(BankPayout::getBeneficiaryId)
                .process(new PaymentBookFunction(settings))
                .uid("repeated-payout-payment-book")
                .name("repeated-payout: payment book");
    }
}
