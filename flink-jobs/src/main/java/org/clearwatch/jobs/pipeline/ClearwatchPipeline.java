package org.clearwatch.jobs.pipeline;

import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.clearwatch.patterns.Models;
import org.clearwatch.patterns.model.ModelInputs;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.schema.alert.Alert;

/**
 * Turns the feeds into alerts: every enabled model over the same inputs. The job passes Kafka
 * streams, {@code replay} passes files, tests pass their own.
 */
public final class ClearwatchPipeline {

    private ClearwatchPipeline() {}

    public static DataStream<Alert> alerts(
            ModelInputs inputs, Map<String, ParameterValues> enabledModels) {
        DataStream<Alert> all = null;
        for (Map.Entry<String, ParameterValues> enabled : enabledModels.entrySet()) {
            SupervisionModel model =
                    Models.byId(enabled.getKey())
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "no model " + enabled.getKey()));
            DataStream<Alert> alerts = model.build(inputs, enabled.getValue());
            all = all == null ? alerts : all.union(alerts);
        }
        if (all == null) {
            throw new IllegalArgumentException("no model is enabled");
        }
        return all.map(new AlertMetrics()).uid("alert-metrics").name("alert metrics");
    }
}
