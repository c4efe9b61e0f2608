package org.clearwatch.notifier.plan;

import java.time.Instant;

/** Per-route sending budgets. */
public interface RateLimiter {

    /**
     * Takes one send from the route's budget.
     *
     * @return {@code now} if the send may go now (the budget is then spent), or the earliest
     *     instant at which to ask again (nothing is spent)
     */
    Instant tryAcquire(String routeId, Instant now);

    /** No limits. */
    RateLimiter NONE = (routeId, now) -> now;
}
