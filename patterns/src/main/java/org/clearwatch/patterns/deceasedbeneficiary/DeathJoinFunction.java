package org.clearwatch.patterns.deceasedbeneficiary;

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
import org.clearwatch.schema.ref.DeathRecord;

/**
 * Joins each beneficiary's payouts with their death record, keyed by the national ID number, and
 * evaluates the rule from whichever side arrives second: a payout against the death record already
 * held, or a death record against the payouts kept.
 *
 * <p>Nothing waits for the watermark: each alert is about one payout and one death record, so the
 * order they arrive in cannot change it, and a death record, stamped with when it became known, may
 * legitimately be far behind the payouts' event time. State per beneficiary is two values: the
 * death record (TTL {@code death-memory-months}) and the kept payouts (bounded by the retention and
 * the per-beneficiary cap, with a TTL for beneficiaries no longer paid). No timers.
 */
public class DeathJoinFunction
        extends KeyedCoProcessFunction<String, BankPayout, DeathRecord, Alert> {

    private static final long serialVersionUID = 1L;

    private final DeceasedBeneficiary.Settings settings;

    private transient ValueState<DeathRecord> death;
    private transient ValueState<BeneficiaryPayouts> payouts;
    private transient Counter raisedOnPayout;
    private transient Counter raisedOnDeathRecord;
    private transient Counter duplicates;
    private transient Counter forgotten;

    public DeathJoinFunction(DeceasedBeneficiary.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<DeathRecord> deathDescriptor =
                new ValueStateDescriptor<>("death", DeathRecord.class);
        deathDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(settings.deathTtl()).build());
        ValueStateDescriptor<BeneficiaryPayouts> payoutsDescriptor =
                new ValueStateDescriptor<>("payouts", BeneficiaryPayouts.class);
        payoutsDescriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(settings.payoutsTtl()).build());
        death = getRuntimeContext().getState(deathDescriptor);
        payouts = getRuntimeContext().getState(payoutsDescriptor);

        MetricGroup metrics =
                getRuntimeContext().getMetricGroup().addGroup("model", DeceasedBeneficiary.ID);
        raisedOnPayout = metrics.counter("raisedOnPayout");
        raisedOnDeathRecord = metrics.counter("raisedOnDeathRecord");
        duplicates = metrics.counter("duplicatePayoutsIgnored");
        forgotten = metrics.counter("payoutsForgotten");
    }

    @Override
    public void processElement1(BankPayout payout, Context ctx, Collector<Alert> out)
            throws Exception {
        PayoutMemory memory = memory(payouts.value());
        KeptPayout kept = memory.remember(payout);
        if (kept == null) {
            duplicates.inc();
            return;
        }
        DeathRecord known = death.value();
        if (known != null && DeathCheck.raises(kept, known, settings.lookBackMonths())) {
            kept.setRaised(true);
            raisedOnPayout.inc();
            out.collect(alert(ctx, memory, kept, known));
        }
        memory.forget();
        forgotten.inc(memory.forgotten());
        store(memory);
    }

    @Override
    public void processElement2(DeathRecord record, Context ctx, Collector<Alert> out)
            throws Exception {
        death.update(record);
        BeneficiaryPayouts stored = payouts.value();
        if (stored == null) {
            return;
        }
        PayoutMemory memory = memory(stored);
        int lookBack = settings.lookBackMonths();
        for (KeptPayout kept : memory.raise(p -> DeathCheck.raises(p, record, lookBack))) {
            raisedOnDeathRecord.inc();
            out.collect(alert(ctx, memory, kept, record));
        }
        store(memory);
    }

    private PayoutMemory memory(BeneficiaryPayouts stored) {
        return new PayoutMemory(stored, settings.retentionMonths(), settings.maxPayouts());
    }

    private Alert alert(Context ctx, PayoutMemory memory, KeptPayout kept, DeathRecord record) {
        return DeceasedBeneficiaryAlerts.raised(
                ctx.getCurrentKey(),
                memory.beneficiaryName(),
                kept,
                record,
                settings,
                Instant.now());
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
