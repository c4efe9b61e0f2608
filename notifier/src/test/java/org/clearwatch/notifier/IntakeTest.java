package org.clearwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.clearwatch.notifier.channels.Outcome;
import org.clearwatch.notifier.delivery.Deliverer;
import org.clearwatch.notifier.delivery.RetryPolicy;
import org.clearwatch.notifier.ledger.Ledger;
import org.clearwatch.notifier.ledger.LedgerEntry;
import org.clearwatch.notifier.ledger.LedgerEntry.Status;
import org.clearwatch.notifier.metrics.NotifierMetrics;
import org.clearwatch.notifier.plan.Channel;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.notifier.plan.RateLimiter;
import org.clearwatch.notifier.testing.MemoryLedger;
import org.clearwatch.notifier.testing.TestAlerts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The intake's promise to the consumer loop: when {@code take} returns, every new delivery is
 * durable as PENDING, so the alerts' offsets may be committed; the push itself does not wait for
 * the ledger's round trip.
 */
class IntakeTest {

    private static final Destination INBOX =
            TestAlerts.webhook("t103-office", "http://127.0.0.1:9/webhook", "whsec_x");

    /** A ledger whose PENDING writes stay under way until the test lets them complete. */
    private static final class SlowLedger implements Ledger {
        final MemoryLedger entries = new MemoryLedger();
        final CompletableFuture<Void> durable = new CompletableFuture<>();
        volatile RuntimeException failure;

        @Override
        public void record(List<LedgerEntry> written) {
            entries.record(written);
        }

        @Override
        public Write write(List<LedgerEntry> written) {
            entries.record(written);
            return () -> {
                durable.join();
                if (failure != null) {
                    throw failure;
                }
            };
        }
    }

    private final SlowLedger ledger = new SlowLedger();
    private final CountDownLatch pushed = new CountDownLatch(1);
    private Deliverer deliverer;

    @AfterEach
    void stop() {
        ledger.durable.complete(null);
        deliverer.close();
    }

    @Test
    void thePushGoesOutWhileItsPendingRecordIsWrittenAndTakeReturnsOnceItIsDurable()
            throws Exception {
        Intake intake = intake();

        CompletableFuture<Integer> taking =
                CompletableFuture.supplyAsync(() -> intake.take(List.of(published("A-1"))));

        assertThat(pushed.await(10, TimeUnit.SECONDS))
                .as("pushed before the PENDING record is durable")
                .isTrue();
        Thread.sleep(200);
        assertThat(taking).as("take waits for the PENDING record").isNotDone();
        ledger.durable.complete(null);
        assertThat(taking.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Status.DELIVERED.equals(ledger.entries.latest().get("d-A-1"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ledger.entries.entries())
                .as("PENDING is written before DELIVERED")
                .extracting(LedgerEntry::status)
                .containsExactly(Status.PENDING, Status.DELIVERED);
    }

    @Test
    void aPendingRecordThatCannotBeWrittenFailsTheTakeSoTheOffsetStays() {
        Intake intake = intake();
        ledger.failure = new IllegalStateException("cannot write the delivery ledger");
        ledger.durable.complete(null);

        assertThatThrownBy(() -> intake.take(List.of(published("A-2"))))
                .hasMessageContaining("cannot write the delivery ledger");
    }

    private Intake intake() {
        deliverer =
                new Deliverer(
                        ledger,
                        ledger.entries,
                        Map.of(
                                Channel.WEBHOOK,
                                push -> {
                                    pushed.countDown();
                                    return new Outcome.Delivered("ok");
                                }),
                        new RetryPolicy(
                                3,
                                Duration.ofMillis(10),
                                Duration.ofMillis(10),
                                Duration.ofSeconds(5)),
                        RateLimiter.NONE,
                        new NotifierMetrics(new PrometheusRegistry()),
                        Clock.systemUTC(),
                        2,
                        null);
        return new Intake(
                (alert, publishedAt) ->
                        List.of(
                                TestAlerts.delivery(
                                        "d-" + alert.getAlertId(), INBOX, alert, publishedAt)),
                ledger,
                deliverer,
                Clock.systemUTC());
    }

    private static Intake.Published published(String alertId) {
        return new Intake.Published(TestAlerts.lateDeposit(alertId), Instant.now());
    }
}
