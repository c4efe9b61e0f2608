package org.clearwatch.patterns.latedeposit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;
import org.clearwatch.schema.alert.Alert;

/** A raised receipt banked in full at last: RESOLVED, saying how many days late. */
public class ResolutionFunction extends PatternProcessFunction<ReceiptEvent, Alert> {

    private static final long serialVersionUID = 1L;

    private final LateDeposit.Settings settings;

    public ResolutionFunction(LateDeposit.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void processMatch(
            Map<String, List<ReceiptEvent>> match, Context ctx, Collector<Alert> out) {
        ReceiptEvent raised = match.get("raised").get(0);
        ReceiptEvent settled = match.get("settled").get(0);
        out.collect(
                LateDepositAlerts.resolved(
                        settled.getAccountId(),
                        raised.getReceipt(),
                        settled.getReceipt(),
                        settled.getAt(),
                        settings,
                        Instant.now()));
    }
}
