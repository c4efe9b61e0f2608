package org.clearwatch.notifier.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.clearwatch.notifier.plan.Channel;

/**
 * What the notifier exports on {@code /metrics}. Labels are the channel and the outcome only: never
 * a recipient, an address or an alert.
 */
public final class NotifierMetrics {

    private final PrometheusRegistry registry;
    private final Counter sent;
    private final Counter failed;
    private final Counter retried;
    private final Counter deadLettered;
    private final Histogram delay;

    public NotifierMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        this.sent =
                Counter.builder()
                        .name("clearwatch_notify_pushes_sent_total")
                        .help("Pushes the receiver took, by channel")
                        .labelNames("channel")
                        .register(registry);
        this.failed =
                Counter.builder()
                        .name("clearwatch_notify_pushes_failed_total")
                        .help("Failed push attempts, by channel and outcome (transient, permanent)")
                        .labelNames("channel", "outcome")
                        .register(registry);
        this.retried =
                Counter.builder()
                        .name("clearwatch_notify_pushes_retried_total")
                        .help("Push attempts scheduled again after a transient failure")
                        .labelNames("channel")
                        .register(registry);
        this.deadLettered =
                Counter.builder()
                        .name("clearwatch_notify_pushes_dead_lettered_total")
                        .help("Deliveries given up and written to notify-dead-letters")
                        .labelNames("channel")
                        .register(registry);
        this.delay =
                Histogram.builder()
                        .name("clearwatch_notify_delivery_delay_seconds")
                        .help(
                                "From the alert's publication (Kafka timestamp) to the receiver taking the push")
                        .labelNames("channel")
                        .classicUpperBounds(
                                0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600,
                                12 * 3600)
                        .classicOnly()
                        .register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The number of deliveries planned and not finished, read when scraped. */
    public void pending(IntSupplier count) {
        GaugeWithCallback.builder()
                .name("clearwatch_notify_pending_deliveries")
                .help("Deliveries recorded as PENDING and not yet delivered, dead or cancelled")
                .callback(cb -> cb.call(count.getAsInt()))
                .register(registry);
    }

    public void sent(Channel channel, Duration sincePublished) {
        sent.labelValues(label(channel)).inc();
        delay.labelValues(label(channel)).observe(Math.max(0, sincePublished.toMillis()) / 1000.0);
    }

    public void failed(Channel channel, boolean permanent) {
        failed.labelValues(label(channel), permanent ? "permanent" : "transient").inc();
    }

    public void retried(Channel channel) {
        retried.labelValues(label(channel)).inc();
    }

    public void deadLettered(Channel channel) {
        deadLettered.labelValues(label(channel)).inc();
    }

    private static String label(Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }
}
