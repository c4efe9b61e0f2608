package org.clearwatch.notifier.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;

/**
 * A raised alert at or above {@code minSeverity} that nobody acknowledges within {@code ackWithin}
 * of its publication is pushed to the level above as well.
 */
record Escalation(Severity minSeverity, Duration ackWithin) {

    static final String EXAMPLE = "{min-severity: HIGH, ack-within: 30m}";
    static final Severity DEFAULT_MIN_SEVERITY = Severity.HIGH;

    private static final List<String> KEYS = List.of("min-severity", "ack-within");

    static Escalation parse(JsonNode node, String at) {
        Fields.mapping(node, at, EXAMPLE + ", or off");
        Fields.onlyKeys(node, at, KEYS);
        return new Escalation(
                Fields.severity(node, "min-severity", at, DEFAULT_MIN_SEVERITY),
                Fields.duration(node, "ack-within", at));
    }

    /** Only the first step of a case escalates: an update or a resolution needs no answer. */
    boolean applies(Alert alert) {
        return alert.getKind() == AlertKind.RAISED
                && alert.getSeverity().compareTo(minSeverity) >= 0;
    }
}
