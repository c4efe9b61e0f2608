package org.clearwatch.patterns.accountholder;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.clearwatch.patterns.model.ModelInputs;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.Official;

/**
 * Wires account-holder-mismatch: payouts and the officials roster in, alerts out.
 *
 * <pre>
 * payouts ─ into someone else's account ─ keyBy holder ──┐
 *                                                        ├─ holder book ─ RAISED / UPDATED
 * officials ─ keyBy person ──────────────────────────────┘
 * </pre>
 */
public final class AccountHolderMismatchModel implements SupervisionModel {

    @Override
    public ModelSpec spec() {
        return AccountHolderMismatch.SPEC;
    }

    @Override
    public DataStream<Alert> build(ModelInputs inputs, ParameterValues parameters) {
        return build(
                inputs.payouts(),
                inputs.officials(),
                AccountHolderMismatch.Settings.of(parameters));
    }

    public static DataStream<Alert> build(
            DataStream<BankPayout> payouts,
            DataStream<Official> officials,
            AccountHolderMismatch.Settings settings) {
        return payouts.filter(HolderLedger::paidToSomeoneElse)
                .uid("account-holder-mismatch-others-accounts")
                .name("account-holder-mismatch: paid into others' accounts")
                .keyBy(BankPayout::getAccountHolderId)
                .connect(officials.keyBy(Official::getPersonId))
                .process(new HolderBookFunction(settings))
                .uid("account-holder-mismatch-holder-book")
                .name("account-holder-mismatch: holder book");
    }
}
