package org.clearwatch.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.notifier.delivery.HttpDeliveryTest.await;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.clearwatch.notifier.channels.Outcome;
import org.clearwatch.notifier.channels.Push;
import org.clearwatch.notifier.channels.Sender;
import org.clearwatch.notifier.ledger.LedgerEntry.Status;
import org.clearwatch.notifier.metrics.NotifierMetrics;
import org.clearwatch.notifier.plan.Channel;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.notifier.plan.RateLimiter;
import org.clearwatch.notifier.testing.MemoryLedger;
import org.clearwatch.notifier.testing.TestAlerts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the routing contract can express, told with hand-built plans: a delivery due later, a
 * digest, an escalation that an acknowledgement drops, a rate limit that says "later".
 */
class DelivererPlanTest {

    private static final Destination COUNTY =
            new Destination("county-wecom", Channel.WECOM, "https://qyapi.example/x", null);
    private static final Destination TOWNSHIP =
            new Destination("t103-wecom", Channel.WECOM, "https://qyapi.example/y", null);

    private final MemoryLedger ledger = new MemoryLedger();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private Deliverer deliverer;

    private record Sent(Push push, Instant at) {}

    @AfterEach
    void stop() {
        deliverer.close();
    }

    @Test
    void aDeliveryDueLaterWaitsForItsTime() throws Exception {
        start(RateLimiter.NONE);
        Instant due = Instant.now().plusMillis(600);

        deliverer.submit(
                TestAlerts.delivery("d-later", TOWNSHIP, TestAlerts.lateDeposit("A-1"), due),
                Instant.now());

        await(() -> sent.size() == 1, Duration.ofSeconds(5));
        assertThat(sent).singleElement().satisfies(s -> assertThat(s.at()).isAfterOrEqualTo(due));
        assertThat(ledger.latest()).containsEntry("d-later", Status.DELIVERED);
    }

    @Test
    void deliveriesWithOneDigestKeyGoOutAsOneMessageUnderTheKey() throws Exception {
        start(RateLimiter.NONE);
        Instant endOfQuiet = Instant.now().plusMillis(500);
        for (int i = 1; i <= 3; i++) {
            deliverer.submit(digestMember("d-quiet-" + i, "A-q" + i, endOfQuiet), Instant.now());
        }
        // the same key for another destination is another message
        deliverer.submit(
                new PlannedDelivery(
                        "d-quiet-county",
                        "route-1",
                        "county",
                        COUNTY,
                        endOfQuiet,
                        "digest-103-night",
                        false,
                        TestAlerts.lateDeposit("A-q1")),
                Instant.now());

        await(() -> sent.size() == 2, Duration.ofSeconds(5));
        Thread.sleep(200);
        assertThat(sent).hasSize(2);
        Push township =
                sent.stream()
                        .filter(s -> s.push().destination().equals(TOWNSHIP))
                        .findFirst()
                        .orElseThrow()
                        .push();
        assertThat(township.id()).isEqualTo("digest-103-night");
        assertThat(township.digest()).isTrue();
        assertThat(township.items())
                .extracting(item -> item.alert().getAlertId())
                .containsExactlyInAnyOrder("A-q1", "A-q2", "A-q3");
        assertThat(ledger.latest())
                .containsEntry("d-quiet-1", Status.DELIVERED)
                .containsEntry("d-quiet-2", Status.DELIVERED)
                .containsEntry("d-quiet-3", Status.DELIVERED)
                .containsEntry("d-quiet-county", Status.DELIVERED);
    }

    @Test
    void aMemberArrivingAfterItsDigestWentOutIsSentOnItsOwn() throws Exception {
        start(RateLimiter.NONE);
        deliverer.submit(digestMember("d-early", "A-e", Instant.now()), Instant.now());
        await(() -> sent.size() == 1, Duration.ofSeconds(5));

        deliverer.submit(digestMember("d-late", "A-l", Instant.now()), Instant.now());

        await(() -> sent.size() == 2, Duration.ofSeconds(5));
        assertThat(sent.get(1).push().id()).isEqualTo("d-late");
        assertThat(sent.get(1).push().digest()).isFalse();
    }

    @Test
    void anEscalationIsDroppedWhenTheAlertIsAcknowledgedBeforeItIsDue() throws Exception {
        start(RateLimiter.NONE);
        Instant now = Instant.now();
        deliverer.submit(
                TestAlerts.delivery("d-township", TOWNSHIP, TestAlerts.lateDeposit("A-esc"), now),
                now);
        deliverer.submit(escalation("d-county", "A-esc", now.plusMillis(500)), now);
        await(() -> sent.size() == 1, Duration.ofSeconds(5));

        int cancelled = deliverer.acknowledge("A-esc");

        Thread.sleep(800);
        assertThat(cancelled).isEqualTo(1);
        assertThat(sent).extracting(s -> s.push().id()).containsExactly("d-township");
        assertThat(ledger.latest()).containsEntry("d-county", Status.CANCELLED);
        assertThat(deliverer.pendingCount()).isZero();
    }

    @Test
    void anEscalationOfAnAlertNobodyAcknowledgedGoesOutWhenDue() throws Exception {
        start(RateLimiter.NONE);
        Instant due = Instant.now().plusMillis(300);
        deliverer.submit(escalation("d-county", "A-unacked", due), Instant.now());
        deliverer.acknowledge("A-other");

        await(() -> sent.size() == 1, Duration.ofSeconds(5));
        assertThat(sent.get(0).push().items().get(0).escalation()).isTrue();
        assertThat(ledger.latest()).containsEntry("d-county", Status.DELIVERED);
    }

    @Test
    void anEscalationPlannedAfterTheAcknowledgementIsCancelledAtOnce() throws Exception {
        start(RateLimiter.NONE);
        deliverer.restoreAcknowledged("A-acked");

        deliverer.submit(escalation("d-county", "A-acked", Instant.now()), Instant.now());

        Thread.sleep(300);
        assertThat(sent).isEmpty();
        assertThat(ledger.latest()).containsEntry("d-county", Status.CANCELLED);
    }

    @Test
    void aRateLimitSayingLaterHoldsTheSendUntilThen() throws Exception {
        // One send per route per 400 ms.
        Map<String, Instant> next = new ConcurrentHashMap<>();
        RateLimiter onePer400ms =
                (route, now) -> {
                    synchronized (next) {
                        Instant allowed = next.getOrDefault(route, Instant.EPOCH);
                        if (now.isBefore(allowed)) {
                            return allowed;
                        }
                        next.put(route, now.plusMillis(400));
                        return now;
                    }
                };
        start(onePer400ms);
        Instant now = Instant.now();
        for (int i = 1; i <= 3; i++) {
            deliverer.submit(
                    TestAlerts.delivery(
                            "d-rl-" + i, TOWNSHIP, TestAlerts.lateDeposit("A-rl" + i), now),
                    now);
        }

        await(() -> sent.size() == 3, Duration.ofSeconds(5));
        List<Instant> times = sent.stream().map(Sent::at).sorted().toList();
        assertThat(Duration.between(times.get(0), times.get(1)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(380));
        assertThat(Duration.between(times.get(1), times.get(2)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(380));
    }

    @Test
    void aDeliveryAlreadyHeldIsNotTakenTwice() throws Exception {
        start(RateLimiter.NONE);
        PlannedDelivery d =
                TestAlerts.delivery(
                        "d-once",
                        TOWNSHIP,
                        TestAlerts.lateDeposit("A-o"),
                        Instant.now().plusMillis(200));

        deliverer.submit(d, Instant.now());
        deliverer.submit(d, Instant.now());

        await(() -> sent.size() == 1, Duration.ofSeconds(5));
        Thread.sleep(300);
        assertThat(sent).hasSize(1);
    }

    private static PlannedDelivery digestMember(String id, String alertId, Instant due) {
        return new PlannedDelivery(
                id,
                "route-1",
                "township-103",
                TOWNSHIP,
                due,
                "digest-103-night",
                false,
                TestAlerts.lateDeposit(alertId));
    }

    private static PlannedDelivery escalation(String id, String alertId, Instant due) {
        return new PlannedDelivery(
                id,
                "route-esc",
                "county",
                COUNTY,
                due,
                null,
                true,
                TestAlerts.lateDeposit(alertId));
    }

    private void start(RateLimiter limiter) {
        Sender recording =
                push -> {
                    sent.add(new Sent(push, Instant.now()));
                    return new Outcome.Delivered("ok");
                };
        deliverer =
                new Deliverer(
                        ledger,
                        ledger,
                        Map.of(Channel.WECOM, recording),
                        new RetryPolicy(
                                3,
                                Duration.ofMillis(10),
                                Duration.ofMillis(10),
                                Duration.ofSeconds(5)),
                        limiter,
                        new NotifierMetrics(new PrometheusRegistry()),
                        Clock.systemUTC(),
                        4,
                        null);
    }
}
