package org.clearwatch.patterns.rentarrears;

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
 * The deadline pattern's outcomes. A full match is rent paid within the grace period: nothing to
 * say. A timed-out partial match is rent unpaid at the end of the grace period: a RAISED alert,
 * plus a marker for the resolution pattern. Both come out of the timeout path, hence side outputs.
 */
public class RentDeadlineFunction extends PatternProcessFunction<DueEvent, Alert>
        implements TimedOutPartialMatchHandler<DueEvent> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<Alert> RAISED = new OutputTag<>("rent-arrears-raised") {};
    public static final OutputTag<DueEvent> RAISED_MARKERS =
            new OutputTag<>("rent-arrears-raised-markers") {};

    private final RentArrears.Settings settings;
    private transient Counter paidInGrace;

    public RentDeadlineFunction(RentArrears.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        paidInGrace =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("model", RentArrears.ID)
                        .counter("duesPaidInGraceWindow");
    }

    @Override
    public void processMatch(Map<String, List<DueEvent>> match, Context ctx, Collector<Alert> out) {
        paidInGrace.inc();
    }

    @Override
    public void processTimedOutMatch(Map<String, List<DueEvent>> match, Context ctx) {
        DueEvent last = latest(match);
        OpenDue due = last.getDue();
        ctx.output(RAISED, RentArrearsAlerts.raised(due, settings, Instant.now()));
        ctx.output(
                RAISED_MARKERS,
                DueEvent.newBuilder(last)
                        .setKind(DueEventKind.RAISED)
                        .setAt(due.getDeadlineAt())
                        .setSeq(due.getEventsSent())
                        .build());
    }

    private static DueEvent latest(Map<String, List<DueEvent>> match) {
        DueEvent latest = null;
        for (List<DueEvent> events : match.values()) {
            for (DueEvent event : events) {
                if (latest == null || event.getSeq() > latest.getSeq()) {
                    latest = event;
                }
            }
        }
        return latest;
    }
}
