package org.clearwatch.notifier.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.clearwatch.notifier.plan.RateLimiter;

/**
 * One token bucket per limited route, on the caller's clock: nothing sleeps and nothing reads the
 * wall clock, so the same calls give the same answers. Routes it does not know are not limited.
 * Safe for concurrent senders: each bucket takes its own lock.
 */
final class TokenBuckets implements RateLimiter {

    private final Map<String, Bucket> buckets;

    TokenBuckets(Map<String, RateLimit> limits) {
        Map<String, Bucket> byRoute = new HashMap<>();
        limits.forEach((route, limit) -> byRoute.put(route, new Bucket(limit)));
        this.buckets = Map.copyOf(byRoute);
    }

    @Override
    public Instant tryAcquire(String routeId, Instant now) {
        Bucket bucket = buckets.get(routeId);
        return bucket == null ? now : bucket.tryAcquire(now);
    }

    /**
     * A token bucket kept as the instant it will next be full ("theoretical arrival time"): a send
     * moves that instant one interval later; a send may go while it lies no further ahead than
     * {@code burst - 1} intervals. The same as counting tokens, without fractions.
     */
    private static final class Bucket {
        private final Duration interval;
        private final Duration tolerance;
        private Instant full = Instant.MIN;

        Bucket(RateLimit limit) {
            this.interval = limit.interval();
            this.tolerance = interval.multipliedBy(limit.burst() - 1L);
        }

        synchronized Instant tryAcquire(Instant now) {
            Instant from = full.isAfter(now) ? full : now;
            Instant nextToken = from.minus(tolerance);
            if (nextToken.isAfter(now)) {
                return nextToken;
            }
            full = from.plus(interval);
            return now;
        }
    }
}
