package org.clearwatch.patterns.model;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.clearwatch.schema.alert.Alert;

/** A supervision model as the job sees it: what it is, and how it turns feeds into alerts. */
public interface SupervisionModel {

    ModelSpec spec();

    /**
     * Checks what each parameter's kind alone cannot (a code named twice, a stretch of hours that
     * ends before it starts), so that a configuration is refused when it is read, not when the job
     * is built.
     *
     * @throws IllegalArgumentException with a sentence that starts with the parameter's name
     */
    default void check(ParameterValues parameters) {}

    /**
     * Adds the model's operators to the job. Every stateful operator it adds has a stable uid
     * starting with the model id.
     */
    DataStream<Alert> build(ModelInputs inputs, ParameterValues parameters);
}
