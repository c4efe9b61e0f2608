package org.clearwatch.patterns.rentarrears;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;
import org.clearwatch.schema.alert.Alert;

/** Rent in arrears paid in full at last: RESOLVED, saying how many days late. */
public class RentResolutionFunction extends PatternProcessFunction<DueEvent, Alert> {

    private static final long serialVersionUID = 1L;

    private final RentArrears.Settings settings;

    public RentResolutionFunction(RentArrears.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void processMatch(Map<String, List<DueEvent>> match, Context ctx, Collector<Alert> out) {
        DueEvent raised = match.get("raised").get(0);
        DueEvent settled = match.get("settled").get(0);
        out.collect(
                RentArrearsAlerts.resolved(
                        raised.getDue(),
                        settled.getDue(),
                        settled.getAt(),
                        settings,
                        Instant.now()));
    }
}
