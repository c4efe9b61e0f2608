package org.clearwatch.patterns.repeatedpayout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.BankPayout;

/**
 * Drives repeated-payout's payment book the way the job wires it: keyed by beneficiary. Public for
 * the simulations' tests in flink-jobs.
 */
public final class RepeatedPayoutHarness implements AutoCloseable {

    private final KeyedOneInputStreamOperatorTestHarness<String, BankPayout, Alert> book;
    private final List<Alert> alerts = new ArrayList<>();

    private RepeatedPayoutHarness(
            RepeatedPayout.Settings settings, StateBackend backend, OperatorSubtaskState restore)
            throws Exception {
        book =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new PaymentBookFunction(settings)),
                        BankPayout::getBeneficiaryId,
                        Types.STRING);
        if (backend != null) {
            book.setStateBackend(backend);
        }
        if (restore != null) {
            book.initializeState(restore);
        }
        book.open();
    }

    public static RepeatedPayoutHarness start(RepeatedPayout.Settings settings) throws Exception {
        return new RepeatedPayoutHarness(settings, null, null);
    }

    public static RepeatedPayoutHarness start(
            RepeatedPayout.Settings settings, StateBackend backend, OperatorSubtaskState restore)
            throws Exception {
        return new RepeatedPayoutHarness(settings, backend, restore);
    }

    public RepeatedPayoutHarness payouts(BankPayout... payouts) throws Exception {
        for (BankPayout payout : payouts) {
            book.processElement(payout, payout.getPaidAt().toEpochMilli());
        }
        return this;
    }

    /** Event time has reached {@code time}: everything due by then fires. */
    public RepeatedPayoutHarness watermark(Instant time) throws Exception {
        book.processWatermark(time.toEpochMilli());
        for (Object element : book.getOutput()) {
            if (element instanceof StreamRecord<?> record) {
                alerts.add((Alert) record.getValue());
            }
        }
        book.getOutput().clear();
        return this;
    }

    public List<Alert> alerts() {
        return alerts;
    }

    public OperatorSubtaskState snapshot(long checkpointId) throws Exception {
        return book.snapshot(checkpointId, checkpointId);
    }

    public int stateEntries() {
        return book.numKeyedStateEntries();
    }

    public int eventTimeTimers() {
        return book.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        book.close();
    }
}
