package org.clearwatch.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before attempt n+1, wait a random time between zero and
 * {@code min(maxBackoff, initialBackoff * 2^(n-1))}, or what the receiver asked for ({@code
 * Retry-After}) if that is longer. A delivery is given up after {@code maxAttempts} attempts, or
 * when the next attempt would start after {@code giveUpAfter} from the first.
 */
public record RetryPolicy(
        int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter) {

    /** The wait after the {@code attempt}-th failed attempt (1-based). */
    public Duration backoff(int attempt, Duration retryAfter) {
        long ceiling = initialBackoff.toMillis();
        for (int i = 1; i < attempt && ceiling < maxBackoff.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxBackoff.toMillis());
        long jittered = ThreadLocalRandom.current().nextLong(ceiling + 1);
        Duration wait = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
