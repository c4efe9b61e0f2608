package org.clearwatch.notifier.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.clearwatch.notifier.plan.NotifyConfigException;
import org.clearwatch.schema.alert.Severity;

/**
 * A daily period in which alerts below a severity wait, to go out together at its end.
 *
 * <p>The period starts at {@code from} (included) and ends at {@code to} (excluded) on the wall
 * clock of {@code zone}; when {@code to} is not after {@code from} it ends on the next day. On a
 * day where the zone moves its clocks forward, a time inside the gap is moved later by the length
 * of the gap; on a day it moves them back, a time that happens twice is taken the first time.
 */
record QuietHours(LocalTime from, LocalTime to, ZoneId zone, Severity below) {

    static final String EXAMPLE =
            "{from: \"22:00\", to: \"07:30\", zone: Asia/Shanghai, below: MEDIUM}";
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    static final Severity DEFAULT_BELOW = Severity.MEDIUM;

    private static final List<String> KEYS = List.of("from", "to", "zone", "below");

    static QuietHours parse(JsonNode node, String at) {
        Fields.mapping(node, at, EXAMPLE);
        Fields.onlyKeys(node, at, KEYS);
        LocalTime from = Fields.clockTime(node, "from", at);
        LocalTime to = Fields.clockTime(node, "to", at);
        if (from.equals(to)) {
            throw new NotifyConfigException(
                    at + ".to: the quiet period from " + from + " to " + to + " has no length.");
        }
        ZoneId zone = DEFAULT_ZONE;
        if (node.has("zone")) {
            String text = Fields.text(node, "zone", at);
            try {
                zone = ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new NotifyConfigException(
                        at + ".zone: " + text + " is not a time zone such as Asia/Shanghai.");
            }
        }
        Severity below = Fields.severity(node, "below", at, DEFAULT_BELOW);
        if (below == Severity.LOW) {
            throw new NotifyConfigException(
                    at + ".below: no alert is below LOW, so these quiet hours would hold nothing.");
        }
        return new QuietHours(from, to, zone, below);
    }

    /** Alerts of this severity wait for the end of the period. */
    boolean holds(Severity severity) {
        return severity.compareTo(below) < 0;
    }

    /** The end of the quiet period that {@code instant} falls in, if it falls in one. */
    Optional<Instant> endOfPeriodContaining(Instant instant) {
        LocalDate today = instant.atZone(zone).toLocalDate();
        // A period that crosses midnight may have started yesterday.
        for (LocalDate startDay : List.of(today.minusDays(1), today)) {
            Instant start = ZonedDateTime.of(startDay, from, zone).toInstant();
            LocalDate endDay = to.isAfter(from) ? startDay : startDay.plusDays(1);
            Instant end = ZonedDateTime.of(endDay, to, zone).toInstant();
            if (!instant.isBefore(start) && instant.isBefore(end)) {
                return Optional.of(end);
            }
        }
        return Optional.empty();
    }
}
