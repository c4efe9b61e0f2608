package org.clearwatch.patterns.model;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.clearwatch.schema.alert.Alert;

/** A supervision model as the job sees it: what it is, and how it turns feeds into alerts. */
public interface SupervisionModel {

    ModelSpec spec();

    /**
     * Adds the model's operators to the job. Every stateful operator it adds has a stable uid
     * starting with the model id.
     */
    DataStream<Alert> build(ModelInputs inputs, ParameterValues parameters);
}
