package org.clearwatch.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.notifier.testing.ScriptedReceiver.Answer;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.clearwatch.notifier.channels.AllowList;
import org.clearwatch.notifier.channels.HttpPush;
import org.clearwatch.notifier.channels.Links;
import org.clearwatch.notifier.channels.MessageText;
import org.clearwatch.notifier.channels.Outcome;
import org.clearwatch.notifier.channels.StandardWebhooks;
import org.clearwatch.notifier.channels.WebhookSender;
import org.clearwatch.notifier.ledger.LedgerEntry.Status;
import org.clearwatch.notifier.metrics.NotifierMetrics;
import org.clearwatch.notifier.plan.Channel;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.notifier.plan.RateLimiter;
import org.clearwatch.notifier.testing.MemoryLedger;
import org.clearwatch.notifier.testing.ScriptedReceiver;
import org.clearwatch.notifier.testing.TestAlerts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signed webhooks against real HTTP receivers on loopback that misbehave and recover. */
class HttpDeliveryTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(700);
    private static final RetryPolicy FAST_RETRIES =
            new RetryPolicy(
                    5, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(20));

    private final MemoryLedger ledger = new MemoryLedger();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private Deliverer deliverer;
    private ScriptedReceiver receiver;

    @AfterEach
    void stop() {
        if (deliverer != null) {
            deliverer.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheSameIdOnEveryRetryAndTheDeliveryIsRecorded()
            throws Exception {
        receiver = new ScriptedReceiver(Answer.status(500), Answer.status(503), Answer.ok());
        send("d-500", FAST_RETRIES, "allowed");

        awaitStatus("d-500", Status.DELIVERED);
        List<ScriptedReceiver.Request> requests = receiver.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests).allMatch(r -> "d-500".equals(r.header("webhook-id")));
        for (ScriptedReceiver.Request r : requests) {
            assertThat(
                            StandardWebhooks.verify(
                                    SECRET,
                                    r.header("webhook-id"),
                                    r.header("webhook-timestamp"),
                                    r.header("webhook-signature"),
                                    r.body(),
                                    Instant.now(),
                                    StandardWebhooks.DEFAULT_TOLERANCE))
                    .isNull();
        }
        assertThat(value("clearwatch_notify_pushes_retried_total")).isEqualTo(2);
        assertThat(value("clearwatch_notify_pushes_sent_total")).isEqualTo(1);
        assertThat(ledger.deadLetters()).isEmpty();
    }

    @Test
    void aThrottlingReceiverIsLeftAloneForAsLongAsItsRetryAfterSays() throws Exception {
        receiver = new ScriptedReceiver(Answer.throttle("1"), Answer.ok());
        send("d-429", FAST_RETRIES, "allowed");

        awaitStatus("d-429", Status.DELIVERED);
        List<ScriptedReceiver.Request> requests = receiver.requests();
        assertThat(requests).hasSize(2);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2025-09-18T16:00:00Z");
        assertThat(HttpPush.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(HttpPush.retryAfter("Thu, 18 Sep 2025 16:00:30 GMT", now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(HttpPush.retryAfter("Thu, 18 Sep 2025 15:00:00 GMT", now)).isZero();
        assertThat(HttpPush.retryAfter("soon", now)).isNull();
    }

    @Test
    void aHangingReceiverIsCutByTheRequestTimeoutAndTriedAgain() throws Exception {
        receiver = new ScriptedReceiver(Answer.hang(3_000), Answer.ok());
        long start = System.nanoTime();
        send("d-hang", FAST_RETRIES, "allowed");

        awaitStatus("d-hang", Status.DELIVERED);
        assertThat(receiver.requests()).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(Duration.ofMillis(2_500));
        assertThat(value("clearwatch_notify_pushes_failed_total")).isEqualTo(1);
    }

    @Test
    void aBadRequestIsNotRetriedButDeadLetteredWithItsReason() throws Exception {
        receiver = new ScriptedReceiver(Answer.status(400), Answer.ok());
        send("d-400", FAST_RETRIES, "allowed");

        awaitStatus("d-400", Status.DEAD);
        assertThat(receiver.requests()).hasSize(1);
        assertThat(ledger.deadLetters())
                .singleElement()
                .satisfies(
                        letter -> {
                            assertThat(letter.deliveryId()).isEqualTo("d-400");
                            assertThat(letter.reason()).isEqualTo("HTTP 400");
                            assertThat(letter.channel()).isEqualTo("WEBHOOK");
                            assertThat(letter.destination()).isEqualTo("t103-office");
                        });
        assertThat(value("clearwatch_notify_pushes_dead_lettered_total")).isEqualTo(1);
    }

    @Test
    void aReceiverThatNeverRecoversIsGivenUpAfterTheLastAttempt() throws Exception {
        receiver = new ScriptedReceiver(Answer.status(502));
        send(
                "d-502",
                new RetryPolicy(
                        3, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(10)),
                "allowed");

        awaitStatus("d-502", Status.DEAD);
        assertThat(receiver.requests()).hasSize(3);
        assertThat(ledger.deadLetters().get(0).reason())
                .isEqualTo("gave up after 3 attempts: HTTP 502");
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        try (ScriptedReceiver elsewhere = new ScriptedReceiver(Answer.ok())) {
            receiver = new ScriptedReceiver(Answer.redirect(elsewhere.url("/stolen")));
            send("d-302", FAST_RETRIES, "allowed");

            awaitStatus("d-302", Status.DEAD);
            assertThat(elsewhere.requests()).isEmpty();
            assertThat(ledger.deadLetters().get(0).reason()).contains("302 redirect, not followed");
        }
    }

    @Test
    void anAddressOutsideTheAllowListIsNeverRequested() throws Exception {
        receiver = new ScriptedReceiver(Answer.ok());
        send("d-outside", FAST_RETRIES, "blocked");

        awaitStatus("d-outside", Status.DEAD);
        assertThat(receiver.requests()).isEmpty();
        assertThat(ledger.deadLetters().get(0).reason())
                .startsWith("address outside the allow-list");
    }

    @Test
    void httpPushRefusesAnAddressOutsideTheAllowListItself() {
        HttpPush http =
                new HttpPush(
                        AllowList.of(List.of("hooks.example.org"), "allow-list"),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1));

        Outcome outcome =
                http.post(
                        java.net.URI.create("http://127.0.0.1:9/hook"),
                        "application/json",
                        Map.of(),
                        new byte[0]);

        assertThat(outcome).isInstanceOf(Outcome.Permanent.class);
    }

    private void send(String id, RetryPolicy retry, String allow) {
        AllowList allowList =
                AllowList.of(
                        List.of(allow.equals("allowed") ? "127.0.0.1:*" : "hooks.example.org"),
                        "allow-list");
        MessageText text =
                new MessageText(new Links("https://w.example/a/", "https://n.example/", "ack"));
        HttpPush http = new HttpPush(allowList, Duration.ofSeconds(1), REQUEST_TIMEOUT);
        deliverer =
                new Deliverer(
                        ledger,
                        ledger,
                        Map.of(Channel.WEBHOOK, new WebhookSender(http, text, Clock.systemUTC())),
                        retry,
                        RateLimiter.NONE,
                        new NotifierMetrics(registry),
                        Clock.systemUTC(),
                        4,
                        null);
        Destination to = TestAlerts.webhook("t103-office", receiver.url("/hook"), SECRET);
        deliverer.submit(
                TestAlerts.delivery(id, to, TestAlerts.lateDeposit("A-" + id), Instant.now()),
                Instant.now());
    }

    private void awaitStatus(String id, Status status) throws InterruptedException {
        await(() -> ledger.latest().get(id) == status, Duration.ofSeconds(10));
        assertThat(ledger.latest()).containsEntry(id, status);
    }

    static void await(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private double value(String name) {
        return registry.scrape().stream()
                .filter(
                        s ->
                                (s.getMetadata().getPrometheusName() + "_total").equals(name)
                                        || s.getMetadata().getPrometheusName().equals(name))
                .flatMap(s -> s.getDataPoints().stream())
                .mapToDouble(
                        p ->
                                p
                                                instanceof
                                                io.prometheus.metrics.model.snapshots
                                                                .CounterSnapshot
                                                                .CounterDataPointSnapshot
                                                        c
                                        ? c.getValue()
                                        : 0)
                .sum();
    }
}
