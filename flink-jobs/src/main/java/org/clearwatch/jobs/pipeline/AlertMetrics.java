package org.clearwatch.jobs.pipeline;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.clearwatch.schema.alert.Alert;

/**
 * Counts alerts on their way to the sink, by model and kind, and the money they concern. Labels
 * stay bounded: a model id and an alert kind, never an entity.
 */
public final class AlertMetrics extends RichMapFunction<Alert, Alert> {

    private static final long serialVersionUID = 1L;

    private transient Map<String, Counter> alerts;
    private transient Map<String, Counter> fen;

    @Override
    public void open(OpenContext openContext) {
        alerts = new HashMap<>();
        fen = new HashMap<>();
    }

    @Override
    public Alert map(Alert alert) {
        String key = alert.getModelId() + "/" + alert.getKind();
        alerts.computeIfAbsent(key, k -> group(alert).counter("alerts")).inc();
        if (alert.getAmountFen() != null) {
            fen.computeIfAbsent(key, k -> group(alert).counter("alertAmountFen"))
                    .inc(alert.getAmountFen());
        }
        return alert;
    }

    private org.apache.flink.metrics.MetricGroup group(Alert alert) {
        return getRuntimeContext()
                .getMetricGroup()
                .addGroup("model", alert.getModelId())
                .addGroup("kind", alert.getKind().name());
    }
}
