package org.clearwatch.notifier.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.notifier.routing.RoutingFixtures.COUNTY;
import static org.clearwatch.notifier.routing.RoutingFixtures.config;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.clearwatch.notifier.plan.RateLimiter;
import org.junit.jupiter.api.Test;

/** A route sends no faster than its budget; the sender is told when to ask again. */
class RateLimitTest {

    private static final String LIMITED =
            COUNTY.replace(
                    "{id: t103, recipient: township-103, division: \"330299103\"}",
                    "{id: t103, recipient: township-103, division: \"330299103\","
                            + " rate-limit: {per-minute: 20}}");
    private static final Instant NOW = Instant.parse("2025-09-19T02:00:00Z");

    @Test
    void twentyFiveAlertsAtOnceOnATwentyAMinuteRouteSendTwentyNow() {
        RateLimiter limiter = config(LIMITED).rateLimiter();

        List<Instant> answers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            answers.add(limiter.tryAcquire("t103", NOW));
        }

        assertThat(answers.subList(0, 20)).containsOnly(NOW);
        assertThat(answers.subList(20, 25)).containsOnly(NOW.plusSeconds(3));
    }

    @Test
    void theRestGoAtTheRefillInstants() {
        RateLimiter limiter = config(LIMITED).rateLimiter();

        assertThat(sendTimes(limiter, "t103", 25, NOW).subList(19, 25))
                .containsExactly(
                        NOW,
                        NOW.plusSeconds(3),
                        NOW.plusSeconds(6),
                        NOW.plusSeconds(9),
                        NOW.plusSeconds(12),
                        NOW.plusSeconds(15));
    }

    @Test
    void anotherRouteIsNotSlowedDown() {
        RateLimiter limiter =
                config(
                                LIMITED
                                        + "  - {id: t103-b, recipient: township-103,"
                                        + " division: \"330299103\", rate-limit: {per-minute: 20}}\n")
                        .rateLimiter();
        sendTimes(limiter, "t103", 25, NOW);

        assertThat(limiter.tryAcquire("t103-b", NOW)).isEqualTo(NOW);
    }

    @Test
    void aRouteWithoutALimitIsNeverHeldBack() {
        RateLimiter limiter = config(LIMITED).rateLimiter();

        assertThat(sendTimes(limiter, "t101", 100, NOW)).containsOnly(NOW);
    }

    @Test
    void aBurstOfFiveSendsFiveAtOnceThenOneEveryThreeSeconds() {
        RateLimiter limiter =
                config(LIMITED.replace("{per-minute: 20}", "{per-minute: 20, burst: 5}"))
                        .rateLimiter();

        assertThat(sendTimes(limiter, "t103", 8, NOW))
                .containsExactly(
                        NOW,
                        NOW,
                        NOW,
                        NOW,
                        NOW,
                        NOW.plusSeconds(3),
                        NOW.plusSeconds(6),
                        NOW.plusSeconds(9));
    }

    @Test
    void askingAgainTooEarlySpendsNothing() {
        RateLimiter limiter =
                config(LIMITED.replace("{per-minute: 20}", "{per-minute: 20, burst: 1}"))
                        .rateLimiter();
        limiter.tryAcquire("t103", NOW);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("t103", NOW.plusMillis(100L * i));
        }

        assertThat(limiter.tryAcquire("t103", NOW.plusSeconds(3))).isEqualTo(NOW.plusSeconds(3));
    }

    @Test
    void anIdleRouteRefillsOnlyUpToItsBurst() {
        RateLimiter limiter =
                config(LIMITED.replace("{per-minute: 20}", "{per-minute: 20, burst: 5}"))
                        .rateLimiter();
        Instant later = NOW.plus(Duration.ofHours(1));
        sendTimes(limiter, "t103", 5, NOW);

        assertThat(sendTimes(limiter, "t103", 6, later))
                .containsExactly(later, later, later, later, later, later.plusSeconds(3));
    }

    @Test
    void theLimitOfTheFileIsTheDefaultOfEveryRoute() {
        RateLimiter limiter =
                config("rate-limit: {per-minute: 2, burst: 1}\n" + COUNTY).rateLimiter();

        assertThat(limiter.tryAcquire("t101", NOW)).isEqualTo(NOW);
        assertThat(limiter.tryAcquire("t101", NOW)).isEqualTo(NOW.plusSeconds(30));
        assertThat(limiter.tryAcquire("v103002", NOW)).isEqualTo(NOW);
    }

    @Test
    void aSubscriptionMayTurnTheDefaultLimitOff() {
        RateLimiter limiter =
                config(
                                "rate-limit: {per-minute: 2, burst: 1}\n"
                                        + COUNTY.replace(
                                                "division: \"330299101\"}",
                                                "division: \"330299101\", rate-limit: off}"))
                        .rateLimiter();

        assertThat(sendTimes(limiter, "t101", 10, NOW)).containsOnly(NOW);
    }

    @Test
    void escalationsOfARouteHaveABudgetOfTheirOwn() {
        RateLimiter limiter = config(LIMITED).rateLimiter();
        sendTimes(limiter, "t103", 25, NOW);

        assertThat(sendTimes(limiter, "t103/escalation", 21, NOW).get(20))
                .isEqualTo(NOW.plusSeconds(3));
    }

    @Test
    void theBudgetLastsAcrossCallsForTheLimiter() {
        RoutingConfig config = config(LIMITED);
        for (int i = 0; i < 20; i++) {
            config.rateLimiter().tryAcquire("t103", NOW);
        }

        assertThat(config.rateLimiter().tryAcquire("t103", NOW)).isEqualTo(NOW.plusSeconds(3));
    }

    @Test
    void concurrentSendersTogetherGetExactlyTheBurst() throws Exception {
        RateLimiter limiter = config(LIMITED).rateLimiter();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> senders = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                senders.add(
                        () -> {
                            int granted = 0;
                            for (int i = 0; i < 50; i++) {
                                if (limiter.tryAcquire("t103", NOW).equals(NOW)) {
                                    granted++;
                                }
                            }
                            return granted;
                        });
            }
            int total = 0;
            for (Future<Integer> granted : pool.invokeAll(senders)) {
                total += granted.get();
            }

            assertThat(total).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A sender that waits as told: the instants at which {@code count} sends go out. */
    private static List<Instant> sendTimes(
            RateLimiter limiter, String route, int count, Instant start) {
        List<Instant> sent = new ArrayList<>();
        Instant clock = start;
        while (sent.size() < count) {
            Instant answer = limiter.tryAcquire(route, clock);
            if (answer.equals(clock)) {
                sent.add(clock);
            } else {
                assertThat(answer).isAfter(clock);
                clock = answer;
            }
        }
        return sent;
    }
}
