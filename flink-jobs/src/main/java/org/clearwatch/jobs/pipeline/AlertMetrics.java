package org.clearwatch.jobs.pipeline;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.clearwatch.schema.alert.Alert;

/**
 * Counts alerts on their way to the sink, and the money they concern, by model, township, severity
 * and kind (RAISED, UPDATED, RESOLVED). Labels stay bounded: a county has tens of townships and a
 * handful of models, never an entity id.
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
        String key =
                alert.getModelId()
                        + "/"
                        + alert.getTownshipCode()
                        + "/"
                        + alert.getSeverity()
                        + "/"
                        + alert.getKind();
        alerts.computeIfAbsent(key, k -> group(alert).counter("alerts")).inc();
        if (alert.getAmountFen() != null) {
            fen.computeIfAbsent(key, k -> group(alert).counter("alertAmountFen"))
                    .inc(alert.getAmountFen());
        }
        return alert;
    }

    private MetricGroup group(Alert alert) {
        return getRuntimeContext()
                .getMetricGroup()
                .addGroup("model", alert.getModelId())
                .addGroup("township", alert.getTownshipCode())
                .addGroup("severity", alert.getSeverity().name())
                .addGroup("kind", alert.getKind().name());
    }
}
