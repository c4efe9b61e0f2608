package org.clearwatch.patterns.officialbeneficiary;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.clearwatch.patterns.payouts.BeneficiaryPayouts;
import org.clearwatch.patterns.payouts.KeptPayout;
import org.clearwatch.patterns.payouts.PayoutMemory;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.Official;

/**
 * Joins each person's restricted payouts with their roster record, keyed by the national ID number,
 * and evaluates the rule from whichever side arrives second.
 *
 * <p>Nothing waits for the watermark: each alert is about one payout and one roster record, so
 * their arrival order cannot change it. State per person is two values: the roster record (the
 * latest version replaces the one before; bounded by the size of the roster, which a compacted
 * topic never shrinks either) and the kept restricted payouts (bounded by the retention and the
 * cap, with a TTL for people no longer paid). No timers.
 */
public class RosterJoinFunction
        extends KeyedCoProcessFunction<String, BankPayout, Official, Alert> {

    private static final long serialVersionUID = 1L;

    private final OfficialBeneficiary.Settings settings;

    private transient ValueState<Official> official;
    private transient ValueState<BeneficiaryPayouts> payouts;
    private transient Counter raisedOnPayout;
    private transient Counter raisedOnRosterRecord;
    private transient Counter duplicates;
    private transient Counter forgotten;

    public RosterJoinFunction(OfficialBeneficiary.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        official =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("official", Official.class));
        ValueStateDescriptor<BeneficiaryPayouts> payoutsDescriptor =
                new ValueStateDescriptor<>("payouts", BeneficiaryPayouts.class);
        payoutsDescriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(settings.payoutsTtl()).build());
        payouts = getRuntimeContext().getState(payoutsDescriptor);

        MetricGroup metrics =
                getRuntimeContext().getMetricGroup().addGroup("model", OfficialBeneficiary.ID);
        raisedOnPayout = metrics.counter("raisedOnPayout");
        raisedOnRosterRecord = metrics.counter("raisedOnRosterRecord");
        duplicates = metrics.counter("duplicatePayoutsIgnored");
        forgotten = metrics.counter("payoutsForgotten");
    }

    @Override
    public void processElement1(BankPayout payout, Context ctx, Collector<Alert> out)
            throws Exception {
        if (!settings.restrictedProgrammes().contains(payout.getProgramCode())) {
            // The job filters these out upstream; a function used on its own stays correct.
            return;
        }
        PayoutMemory memory = memory(payouts.value());
        KeptPayout kept = memory.remember(payout);
        if (kept == null) {
            duplicates.inc();
            return;
        }
        Official known = official.value();
        if (known != null && RosterCheck.raises(kept, known, settings.lookBackMonths())) {
            kept.setRaised(true);
            raisedOnPayout.inc();
            out.collect(alert(ctx, kept, known));
        }
        memory.forget();
        forgotten.inc(memory.forgotten());
        store(memory);
    }

    @Override
    public void processElement2(Official record, Context ctx, Collector<Alert> out)
            throws Exception {
        official.update(record);
        BeneficiaryPayouts stored = payouts.value();
        if (stored == null) {
            return;
        }
        PayoutMemory memory = memory(stored);
        int lookBack = settings.lookBackMonths();
        for (KeptPayout kept : memory.raise(p -> RosterCheck.raises(p, record, lookBack))) {
            raisedOnRosterRecord.inc();
            out.collect(alert(ctx, kept, record));
        }
        store(memory);
    }

    private PayoutMemory memory(BeneficiaryPayouts stored) {
        return new PayoutMemory(stored, settings.retentionMonths(), settings.maxPayouts());
    }

    private Alert alert(Context ctx, KeptPayout kept, Official record) {
        return OfficialBeneficiaryAlerts.raised(
                ctx.getCurrentKey(), kept, record, settings, Instant.now());
    }

    private void store(PayoutMemory memory) throws Exception {
        BeneficiaryPayouts kept = memory.payouts();
        if (kept == null) {
            payouts.clear();
        } else {
            payouts.update(kept);
        }
    }
}
