package org.clearwatch.patterns.latedeposit;

import java.time.Instant;
import org.apache.flink.api.common.functions.MapFunction;
import org.clearwatch.schema.alert.Alert;

/**
 * A receipt banked in full after its deadline: RESOLVED, saying how many days late.
 *
 * <p>Only the receipt book sees a late settlement, and only for a receipt it handed to the deadline
 * pattern on its last day and that was still (partly) unbanked at the deadline, which is exactly
 * when the pattern raised it. The settled receipt carries its allocations, so what was outstanding
 * at the deadline is known without remembering the raise: no state here.
 */
public class ResolutionFunction implements MapFunction<ReceiptEvent, Alert> {

    private static final long serialVersionUID = 1L;

    private final LateDeposit.Settings settings;

    public ResolutionFunction(LateDeposit.Settings settings) {
        this.settings = settings;
    }

    @Override
    public Alert map(ReceiptEvent settled) {
        return LateDepositAlerts.resolved(
                settled.getAccountId(),
                settled.getReceipt(),
                settled.getAt(),
                settings,
                Instant.now());
    }
}
