package org.clearwatch.notifier.delivery;

/** Where given-up deliveries are told: topic {@code notify-dead-letters}. */
public interface DeadLetters {

    /**
     * @param letter no personal data: ids, destination name, channel, the reason
     */
    void publish(DeadLetter letter);

    record DeadLetter(
            String deliveryId,
            String alertId,
            String routeId,
            String destination,
            String channel,
            int attempts,
            String reason,
            long at) {}
}
