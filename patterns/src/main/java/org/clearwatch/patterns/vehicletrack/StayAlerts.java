package org.clearwatch.patterns.vehicletrack;

import java.io.Serializable;
import java.time.Instant;
import org.clearwatch.schema.alert.Alert;

/**
 * How a dwell model words its alerts. The stay rules are shared ({@link StayTracker}); what a stay
 * means (a venue visited, a jurisdiction left) is the model's.
 */
public interface StayAlerts extends Serializable {

    /** The stay reached the threshold at {@code at} with no dispatch covering it. */
    Alert raised(Stay stay, Instant at, StaySettings settings, Instant now);

    /** The raised stay ended at {@code stay.left_at}. */
    Alert left(Stay stay, StaySettings settings, Instant now);

    /**
     * A dispatch covering the raised stay became known at {@code at}: the later of the RAISED and
     * the dispatch's {@code recorded_at}.
     */
    Alert covered(
            Stay stay, KnownDispatch dispatch, Instant at, StaySettings settings, Instant now);
}
