package org.clearwatch.patterns.latedeposit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.clearwatch.schema.alert.Alert;

/**
 * The deadline pattern's outcomes. A full match is a receipt banked in time: nothing to say. A
 * timed-out partial match is a receipt unbanked at its deadline: a RAISED alert, which comes out of
 * the timeout path, hence a side output.
 */
public class DeadlineFunction extends PatternProcessFunction<ReceiptEvent, Alert>
        implements TimedOutPartialMatchHandler<ReceiptEvent> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<Alert> RAISED = new OutputTag<>("late-deposit-raised") {};

    private final LateDeposit.Settings settings;
    private transient Counter bankedInWindow;

    public DeadlineFunction(LateDeposit.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        bankedInWindow =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("model", LateDeposit.ID)
                        .counter("receiptsBankedInWindow");
    }

    @Override
    public void processMatch(
            Map<String, List<ReceiptEvent>> match, Context ctx, Collector<Alert> out) {
        bankedInWindow.inc();
    }

    @Override
    public void processTimedOutMatch(Map<String, List<ReceiptEvent>> match, Context ctx) {
        ReceiptEvent last = latest(match);
        OpenReceipt receipt = last.getReceipt();
        ctx.output(
                RAISED,
                LateDepositAlerts.raised(last.getAccountId(), receipt, settings, Instant.now()));
    }

    private static ReceiptEvent latest(Map<String, List<ReceiptEvent>> match) {
        ReceiptEvent latest = null;
        for (List<ReceiptEvent> events : match.values()) {
            for (ReceiptEvent event : events) {
                if (latest == null || event.getSeq() > latest.getSeq()) {
                    latest = event;
                }
            }
        }
        return latest;
    }
}
