package org.clearwatch.jobs.sim;

import java.time.Instant;
import org.clearwatch.schema.alert.AlertKind;

/**
 * An alert a simulation planted: what a model must say about one case, for the demo's summary and
 * the tests that compare with the job's output.
 *
 * @param alertId the deterministic id the model gives the case
 * @param kind RAISED, UPDATED or RESOLVED
 * @param amountFen the money at stake, or null
 * @param eventTime the event time the alert must carry
 * @param townshipCode where it belongs
 * @param label a short, non-personal description for messages (a receipt number, a plate)
 */
public record ExpectedAlert(
        String alertId,
        AlertKind kind,
        Long amountFen,
        Instant eventTime,
        String townshipCode,
        String label) {

    /** The model id, the prefix of the alert id. */
    public String modelId() {
        return alertId.substring(0, alertId.indexOf(':'));
    }

    /** id and kind: how alerts are matched. */
    public String key() {
        return alertId + "/" + kind;
    }
}
