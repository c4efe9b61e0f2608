package org.clearwatch.patterns.vehicletrack;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * What the dwell models share: how long a stay may last, who is exempt, and how long a raised stay
 * is followed after it ended.
 *
 * @param modelId the model, for uids, metrics and alert ids
 * @param threshold a stay this long raises (a stay that reaches it exactly counts)
 * @param exemptKinds vehicle kinds never raised
 * @param dispatchSlack a dispatch covers a stay if its approved period, widened by this on both
 *     sides, contains the start of the stay
 * @param followUp how long after the vehicle left a dispatch recorded late still resolves a raised
 *     stay
 * @param highSeverityAfter a stay at least this long is HIGH
 */
public record StaySettings(
        String modelId,
        Duration threshold,
        Set<String> exemptKinds,
        Duration dispatchSlack,
        Duration followUp,
        Duration highSeverityAfter)
        implements Serializable {

    public StaySettings {
        exemptKinds = Set.copyOf(exemptKinds);
    }

    /** How long the dispatches of a vehicle are kept: past any stay they could still cover. */
    public Duration dispatchRetention() {
        return threshold.plus(followUp).plus(dispatchSlack).plusDays(7);
    }
}
