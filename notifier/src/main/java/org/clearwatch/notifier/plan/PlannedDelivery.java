package org.clearwatch.notifier.plan;

import java.time.Instant;
import java.util.Objects;
import org.clearwatch.schema.alert.Alert;

/**
 * What routing decided for one alert and one destination. Delivery turns it into a push.
 *
 * @param deliveryId stable for the same alert step, subscription and destination on every run and
 *     restart: the idempotency key ({@code webhook-id}) and the key of the delivery ledger
 * @param routeId the subscription that matched; rate limits are per route
 * @param recipientId who reads it
 * @param destination where it goes
 * @param notBefore not to be sent before this instant (quiet hours, escalation)
 * @param digestKey deliveries with the same key and {@code notBefore} go out as one digest message,
 *     under the key as their id; null for a message of its own
 * @param unlessAcknowledged an escalation: dropped if the alert is acknowledged before {@code
 *     notBefore}
 * @param alert the alert step it is about
 */
public record PlannedDelivery(
        String deliveryId,
        String routeId,
        String recipientId,
        Destination destination,
        Instant notBefore,
        String digestKey,
        boolean unlessAcknowledged,
        Alert alert) {

    public PlannedDelivery {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(routeId, "routeId");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(alert, "alert");
    }
}
