package org.clearwatch.notifier.plan;

import java.time.Instant;
import java.util.List;
import org.clearwatch.schema.alert.Alert;

/**
 * Decides who is told about an alert step, where and when. Deterministic: the same alert and the
 * same configuration give the same deliveries with the same ids, whenever it is asked.
 */
public interface Router {

    /**
     * @param alert a committed alert step
     * @param publishedAt when it was published to the alerts topic; quiet hours and escalation
     *     deadlines are counted from it, so a restart plans the same times
     */
    List<PlannedDelivery> plan(Alert alert, Instant publishedAt);
}
