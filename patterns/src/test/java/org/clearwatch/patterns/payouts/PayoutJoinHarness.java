package org.clearwatch.patterns.payouts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.BankPayout;

/**
 * Drives a payout model's join of payouts with reference records (deaths, the officials roster) the
 * way the job wires it: payouts on the first input, keyed by beneficiary or account holder;
 * reference records on the second, keyed by person, stamped with the time they became known and
 * never holding event time back.
 *
 * @param <R> the reference record
 */
public final class PayoutJoinHarness<R> implements AutoCloseable {

    private final KeyedTwoInputStreamOperatorTestHarness<String, BankPayout, R, Alert> join;
    private final Function<R, Instant> recordedAt;
    private final List<Alert> alerts = new ArrayList<>();

    private PayoutJoinHarness(
            KeyedCoProcessFunction<String, BankPayout, R, Alert> function,
            KeySelector<BankPayout, String> payoutKey,
            KeySelector<R, String> referenceKey,
            Function<R, Instant> recordedAt,
            StateBackend backend,
            OperatorSubtaskState restore)
            throws Exception {
        this.recordedAt = recordedAt;
        join =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(function),
                        payoutKey,
                        referenceKey,
                        Types.STRING);
        if (backend != null) {
            join.setStateBackend(backend);
        }
        if (restore != null) {
            join.initializeState(restore);
        }
        join.open();
        // A reference feed declares its event time complete: the payouts alone drive the clock.
        join.processWatermark2(new Watermark(Long.MAX_VALUE));
    }

    /**
     * @param function the model's join function
     * @param payoutKey what the payouts are keyed by
     * @param referenceKey what the reference records are keyed by
     * @param recordedAt when a reference record became known, or null: its timestamp
     * @param backend a state backend, or null for the heap
     * @param restore a snapshot to start from, or null
     */
    public static <R> PayoutJoinHarness<R> start(
            KeyedCoProcessFunction<String, BankPayout, R, Alert> function,
            KeySelector<BankPayout, String> payoutKey,
            KeySelector<R, String> referenceKey,
            Function<R, Instant> recordedAt,
            StateBackend backend,
            OperatorSubtaskState restore)
            throws Exception {
        return new PayoutJoinHarness<>(
                function, payoutKey, referenceKey, recordedAt, backend, restore);
    }

    @SafeVarargs
    public final PayoutJoinHarness<R> payouts(BankPayout... payouts) throws Exception {
        for (BankPayout payout : payouts) {
            join.processElement1(payout, payout.getPaidAt().toEpochMilli());
        }
        drain();
        return this;
    }

    /** Reference records arrive, whatever the payouts' event time has reached. */
    @SafeVarargs
    public final PayoutJoinHarness<R> references(R... records) throws Exception {
        for (R record : records) {
            Instant known = recordedAt.apply(record);
            join.processElement2(
                    known == null
                            ? new StreamRecord<>(record)
                            : new StreamRecord<>(record, known.toEpochMilli()));
        }
        drain();
        return this;
    }

    /** The payouts' event time has reached {@code time}: everything due by then fires. */
    public PayoutJoinHarness<R> watermark(Instant time) throws Exception {
        join.processWatermark1(new Watermark(time.toEpochMilli()));
        drain();
        return this;
    }

    private void drain() {
        for (Object element : join.getOutput()) {
            if (element instanceof StreamRecord<?> record) {
                alerts.add((Alert) record.getValue());
            }
        }
        join.getOutput().clear();
    }

    /** Every alert so far, in the order the operator gave them. */
    public List<Alert> alerts() {
        return alerts;
    }

    public OperatorSubtaskState snapshot(long checkpointId) throws Exception {
        return join.snapshot(checkpointId, checkpointId);
    }

    public int stateEntries() {
        return join.numKeyedStateEntries();
    }

    public int eventTimeTimers() {
        return join.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        join.close();
    }
}
