package org.clearwatch.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.clearwatch.notifier.DaemonThreads;
import org.clearwatch.notifier.channels.Outcome;
import org.clearwatch.notifier.channels.Push;
import org.clearwatch.notifier.channels.Sender;
import org.clearwatch.notifier.ledger.Ledger;
import org.clearwatch.notifier.ledger.LedgerEntry;
import org.clearwatch.notifier.ledger.LedgerEntry.Status;
import org.clearwatch.notifier.metrics.NotifierMetrics;
import org.clearwatch.notifier.plan.Channel;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.notifier.plan.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends planned deliveries that the ledger holds, or is writing, as PENDING, and records how each
 * ends (after the PENDING record: the ledger keeps the order of its writes).
 *
 * <ul>
 *   <li>A delivery waits for its {@code notBefore}; deliveries with the same digest key,
 *       destination and {@code notBefore} go out as one digest message under the key.
 *   <li>An escalation ({@code unlessAcknowledged}) is dropped (CANCELLED) if its alert is
 *       acknowledged before it goes out, also between retries.
 *   <li>The route's rate limiter is asked before every attempt; "later" reschedules the attempt.
 *   <li>Sends run concurrently on a pool; a transient failure is retried with backoff (and {@code
 *       Retry-After}), a permanent one or running out of attempts is DEAD and dead-lettered.
 *   <li>DELIVERED is recorded after the receiver took the push. A crash in between leaves the
 *       delivery PENDING: it is sent again after the restart under the same id (at least once).
 * </ul>
 */
public final class Deliverer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

    /** Told when a push ends; for the demo and tests. */
    public interface Listener {
        default void delivered(Push push, int attempts) {}

        default void dead(Push push, String reason) {}
    }

    private record Tracked(PlannedDelivery delivery, Instant publishedAt) {}

    /** One message in the making: a single delivery or a digest. */
    private static final class Unit {
        final String id;
        final PlannedDelivery first;
        final boolean digest;
        final String groupKey;
        List<Tracked> members = new ArrayList<>();
        int attempts;
        Instant firstAttempt;
        boolean fired;

        Unit(String id, PlannedDelivery first, boolean digest, String groupKey) {
            this.id = id;
            this.first = first;
            this.digest = digest;
            this.groupKey = groupKey;
        }
    }

    private final Ledger ledger;
    private final DeadLetters deadLetters;
    private final Map<Channel, Sender> senders;
    private final RetryPolicy retry;
    private final RateLimiter rateLimiter;
    private final NotifierMetrics metrics;
    private final Clock clock;
    private final Listener listener;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;

    private final Object lock = new Object();
    private final Map<String, Tracked> pending = new HashMap<>();
    private final Set<String> acknowledged = new HashSet<>();
    private final Map<String, Unit> openDigests = new HashMap<>();
    private final Set<String> firedDigests = new HashSet<>();

    public Deliverer(
            Ledger ledger,
            DeadLetters deadLetters,
            Map<Channel, Sender> senders,
            RetryPolicy retry,
            RateLimiter rateLimiter,
            NotifierMetrics metrics,
            Clock clock,
            int concurrency,
            Listener listener) {
        this.ledger = ledger;
        this.deadLetters = deadLetters;
        this.senders = Map.copyOf(senders);
        this.retry = retry;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.clock = clock;
        this.listener = listener == null ? new Listener() {} : listener;
        AtomicInteger n = new AtomicInteger();
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> DaemonThreads.daemon(r, "notify-timer"));
        this.workers =
                Executors.newFixedThreadPool(
                        concurrency,
                        r -> DaemonThreads.daemon(r, "notify-send-" + n.incrementAndGet()));
        metrics.pending(this::pendingCount);
    }

    /** Deliveries planned and not finished. */
    public int pendingCount() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** After a restart: an acknowledgement read from the ledger. */
    public void restoreAcknowledged(String alertId) {
        synchronized (lock) {
            acknowledged.add(alertId);
        }
    }

    /** After a restart: a digest that went out already; later members go on their own. */
    public void restoreSentDigest(String digestKey, String destination) {
        synchronized (lock) {
            firedDigests.add(digestKey + "|" + destination);
        }
    }

    /**
     * Takes over a delivery recorded as PENDING. Idempotent: a delivery already held is ignored.
     */
    public void submit(PlannedDelivery d, Instant publishedAt) {
        Unit toSchedule = null;
        boolean cancel = false;
        synchronized (lock) {
            if (pending.containsKey(d.deliveryId())) {
                return;
            }
            if (d.unlessAcknowledged() && acknowledged.contains(d.alert().getAlertId())) {
                cancel = true;
            } else {
                Tracked tracked = new Tracked(d, publishedAt);
                pending.put(d.deliveryId(), tracked);
                String digest =
                        d.digestKey() == null ? null : d.digestKey() + "|" + d.destination().name();
                if (digest != null && !firedDigests.contains(digest)) {
                    String groupKey = digest + "|" + d.notBefore().toEpochMilli();
                    Unit unit = openDigests.get(groupKey);
                    if (unit == null) {
                        unit = new Unit(d.digestKey(), d, true, groupKey);
                        openDigests.put(groupKey, unit);
                        toSchedule = unit;
                    }
                    unit.members.add(tracked);
                } else {
                    toSchedule = new Unit(d.deliveryId(), d, false, null);
                    toSchedule.members.add(tracked);
                }
            }
        }
        if (cancel) {
            recordQuietly(
                    List.of(
                            LedgerEntry.finished(
                                    Status.CANCELLED, d, clock.instant(), 0, "acknowledged")));
        } else if (toSchedule != null) {
            Unit unit = toSchedule;
            schedule(unit, Duration.between(clock.instant(), d.notBefore()));
        }
    }

    /**
     * An inspector acknowledged the alert: its pending escalations are dropped.
     *
     * @return how many deliveries were cancelled
     */
    public int acknowledge(String alertId) {
        List<PlannedDelivery> cancelled = new ArrayList<>();
        synchronized (lock) {
            acknowledged.add(alertId);
            pending.values()
                    .removeIf(
                            t -> {
                                PlannedDelivery d = t.delivery();
                                if (d.unlessAcknowledged()
                                        && d.alert().getAlertId().equals(alertId)) {
                                    cancelled.add(d);
                                    return true;
                                }
                                return false;
                            });
        }
        Instant now = clock.instant();
        recordQuietly(
                cancelled.stream()
                        .map(d -> LedgerEntry.finished(Status.CANCELLED, d, now, 0, "acknowledged"))
                        .toList());
        return cancelled.size();
    }

    private void schedule(Unit unit, Duration wait) {
        long millis = Math.max(0, wait.toMillis());
        try {
            timer.schedule(() -> fire(unit), millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: the ledger still holds it as PENDING
        }
    }

    private void fire(Unit unit) {
        // The timer's clock and the wall clock differ by a little: never send before notBefore.
        Duration early = Duration.between(clock.instant(), unit.first.notBefore());
        if (!early.isNegative() && !early.isZero()) {
            schedule(unit, early.plusMillis(1));
            return;
        }
        List<PlannedDelivery> cancelled = new ArrayList<>();
        List<Tracked> live = new ArrayList<>();
        synchronized (lock) {
            if (unit.digest && !unit.fired) {
                openDigests.remove(unit.groupKey);
                firedDigests.add(unit.first.digestKey() + "|" + unit.first.destination().name());
            }
            unit.fired = true;
            for (Tracked t : unit.members) {
                if (!pending.containsKey(t.delivery().deliveryId())) {
                    continue;
                }
                PlannedDelivery d = t.delivery();
                if (d.unlessAcknowledged() && acknowledged.contains(d.alert().getAlertId())) {
                    pending.remove(d.deliveryId());
                    cancelled.add(d);
                } else {
                    live.add(t);
                }
            }
            unit.members = live;
        }
        Instant now = clock.instant();
        recordQuietly(
                cancelled.stream()
                        .map(d -> LedgerEntry.finished(Status.CANCELLED, d, now, 0, "acknowledged"))
                        .toList());
        if (live.isEmpty()) {
            return;
        }
        Instant allowed = rateLimiter.tryAcquire(unit.first.routeId(), now);
        if (allowed.isAfter(now)) {
            schedule(unit, Duration.between(now, allowed));
            return;
        }
        try {
            workers.execute(() -> attempt(unit));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void attempt(Unit unit) {
        Instant start = clock.instant();
        unit.attempts++;
        if (unit.firstAttempt == null) {
            unit.firstAttempt = start;
        }
        List<Push.Item> items = new ArrayList<>();
        for (Tracked t : unit.members) {
            items.add(
                    new Push.Item(
                            t.delivery().alert(),
                            t.publishedAt(),
                            t.delivery().unlessAcknowledged()));
        }
        Push push = new Push(unit.id, unit.first.destination(), items, unit.digest);
        Channel channel = push.destination().channel();
        Sender sender = senders.get(channel);
        Outcome outcome;
        try {
            outcome =
                    sender == null
                            ? new Outcome.Permanent("no sender for channel " + channel)
                            : sender.send(push);
        } catch (RuntimeException e) {
            outcome = new Outcome.Transient("unexpected " + e.getClass().getSimpleName(), null);
        }
        Instant now = clock.instant();
        if (outcome instanceof Outcome.Delivered) {
            recordQuietly(
                    unit.members.stream()
                            .map(
                                    t ->
                                            LedgerEntry.finished(
                                                    Status.DELIVERED,
                                                    t.delivery(),
                                                    now,
                                                    unit.attempts,
                                                    null))
                            .toList());
            forget(unit);
            for (Tracked t : unit.members) {
                metrics.sent(channel, Duration.between(t.publishedAt(), now));
            }
            listener.delivered(push, unit.attempts);
        } else if (outcome instanceof Outcome.Transient t) {
            metrics.failed(channel, false);
            Duration wait = retry.backoff(unit.attempts, t.retryAfter());
            boolean outOfTime = now.plus(wait).isAfter(unit.firstAttempt.plus(retry.giveUpAfter()));
            if (unit.attempts >= retry.maxAttempts() || outOfTime) {
                dead(unit, push, "gave up after " + unit.attempts + " attempts: " + t.reason());
            } else {
                metrics.retried(channel);
                LOG.info(
                        "push {} to {} failed ({}), retrying in {} ms",
                        unit.id,
                        push.destination(),
                        t.reason(),
                        wait.toMillis());
                schedule(unit, wait);
            }
        } else {
            metrics.failed(channel, true);
            dead(unit, push, ((Outcome.Permanent) outcome).reason());
        }
    }

    private void dead(Unit unit, Push push, String reason) {
        Instant now = clock.instant();
        LOG.warn("push {} to {} dead: {}", unit.id, push.destination(), reason);
        recordQuietly(
                unit.members.stream()
                        .map(
                                t ->
                                        LedgerEntry.finished(
                                                Status.DEAD,
                                                t.delivery(),
                                                now,
                                                unit.attempts,
                                                reason))
                        .toList());
        for (Tracked t : unit.members) {
            PlannedDelivery d = t.delivery();
            try {
                deadLetters.publish(
                        new DeadLetters.DeadLetter(
                                d.deliveryId(),
                                d.alert().getAlertId(),
                                d.routeId(),
                                d.destination().name(),
                                d.destination().channel().name(),
                                unit.attempts,
                                reason,
                                now.toEpochMilli()));
            } catch (RuntimeException e) {
                LOG.error("cannot publish dead letter {}", d.deliveryId(), e);
            }
            metrics.deadLettered(d.destination().channel());
        }
        forget(unit);
        listener.dead(push, reason);
    }

    private void forget(Unit unit) {
        synchronized (lock) {
            unit.members.forEach(t -> pending.remove(t.delivery().deliveryId()));
        }
    }

    /**
     * A finishing record that cannot be written leaves the delivery PENDING in the ledger: after a
     * restart it is sent again (delivered) or tried again (dead), never lost.
     */
    private void recordQuietly(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            ledger.record(entries);
        } catch (RuntimeException e) {
            LOG.error("cannot record {} ledger entries; they stay PENDING", entries.size(), e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
