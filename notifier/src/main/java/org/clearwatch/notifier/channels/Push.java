package org.clearwatch.notifier.channels;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.schema.alert.Alert;

/**
 * One message to one destination: a single alert, or a digest of several.
 *
 * @param id the idempotency key: the delivery id, or the digest key of a digest; the same on every
 *     retry and after a restart ({@code webhook-id}, e-mail {@code Message-ID})
 * @param digest whether it is a digest message (even of one alert)
 */
public record Push(String id, Destination destination, List<Item> items, boolean digest) {

    /**
     * @param publishedAt when the alert was published to the alerts topic
     * @param escalation an escalation to the next level up (not acknowledged in time)
     */
    public record Item(Alert alert, Instant publishedAt, boolean escalation) {}

    public Push {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(destination, "destination");
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a push carries at least one alert");
        }
    }
}
