package org.clearwatch.notifier.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * A route's sending budget: {@code burst} sends at once, refilled at {@code perMinute} a minute.
 * Over any minute a route sends at most {@code burst + perMinute} messages.
 */
record RateLimit(int perMinute, int burst) {

    static final String EXAMPLE = "{per-minute: 20, burst: 5}";

    private static final List<String> KEYS = List.of("per-minute", "burst");

    static RateLimit parse(JsonNode node, String at) {
        Fields.mapping(node, at, EXAMPLE + ", or off");
        Fields.onlyKeys(node, at, KEYS);
        int perMinute = Fields.positiveInt(node, "per-minute", at);
        int burst = node.has("burst") ? Fields.positiveInt(node, "burst", at) : perMinute;
        return new RateLimit(perMinute, burst);
    }

    /** The time one send's token takes to come back. */
    Duration interval() {
        return Duration.ofMinutes(1).dividedBy(perMinute);
    }
}
