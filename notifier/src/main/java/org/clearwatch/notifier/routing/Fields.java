package org.clearwatch.notifier.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearwatch.notifier.plan.NotifyConfigException;
import org.clearwatch.schema.alert.Severity;

/**
 * Reading typed values out of the configuration tree, each failure one sentence naming the key.
 * {@code at} is always the path of the node being read, e.g. {@code subscriptions[2].escalation}.
 */
final class Fields {

    private static final Pattern SHORT_DURATION =
            Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final Pattern CLOCK_TIME = Pattern.compile("\\d{2}:\\d{2}");

    private Fields() {}

    /** Refuses keys outside {@code allowed}: a misspelt key must not silently switch a rule off. */
    static void onlyKeys(JsonNode node, String at, List<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new NotifyConfigException(
                        at
                                + "."
                                + name
                                + ": unknown key; expected one of "
                                + String.join(", ", allowed)
                                + ".");
            }
        }
    }

    static JsonNode mapping(JsonNode node, String at, String example) {
        if (node == null || !node.isObject()) {
            throw new NotifyConfigException(at + ": must be a mapping such as " + example + ".");
        }
        return node;
    }

    /** {@code off} or {@code false}: a default from the top of the file does not apply here. */
    static boolean isOff(JsonNode node) {
        return node != null
                && ((node.isBoolean() && !node.booleanValue())
                        || (node.isTextual() && node.textValue().equalsIgnoreCase("off")));
    }

    static String text(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new NotifyConfigException(at + "." + key + ": missing.");
        }
        if (!value.isValueNode()) {
            throw new NotifyConfigException(at + "." + key + ": must be a single value.");
        }
        return value.asText();
    }

    static Severity severity(JsonNode node, String key, String at, Severity absent) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return absent;
        }
        String text = value.asText().toUpperCase(Locale.ROOT);
        try {
            return Severity.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new NotifyConfigException(
                    at + "." + key + ": " + text + " is not one of LOW, MEDIUM, HIGH, CRITICAL.");
        }
    }

    /**
     * {@code 30m}, {@code 1h30m}, {@code 45s}, {@code 2d} or ISO-8601 {@code PT30M}; above zero.
     */
    static Duration duration(JsonNode node, String key, String at) {
        String text = text(node, key, at).trim();
        Duration duration = null;
        Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!text.isEmpty() && m.matches()) {
            try {
                duration =
                        Duration.ofDays(part(m.group(1)))
                                .plusHours(part(m.group(2)))
                                .plusMinutes(part(m.group(3)))
                                .plusSeconds(part(m.group(4)));
            } catch (ArithmeticException | NumberFormatException e) {
                duration = null;
            }
        } else {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                duration = null;
            }
        }
        if (duration == null) {
            throw new NotifyConfigException(
                    at
                            + "."
                            + key
                            + ": "
                            + text
                            + " is not a duration such as 30m, 1h30m, 45s or PT30M.");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new NotifyConfigException(at + "." + key + ": must be longer than zero.");
        }
        return duration;
    }

    private static long part(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /** A wall-clock time {@code HH:mm}, 00:00 to 23:59. */
    static LocalTime clockTime(JsonNode node, String key, String at) {
        String text = text(node, key, at).trim();
        if (CLOCK_TIME.matcher(text).matches()) {
            try {
                return LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                // falls through to the sentence below
            }
        }
        throw new NotifyConfigException(
                at + "." + key + ": " + text + " is not a time of day such as \"22:00\" (HH:mm).");
    }

    /** A whole number of at least 1. */
    static int positiveInt(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new NotifyConfigException(at + "." + key + ": missing.");
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw new NotifyConfigException(
                    at + "." + key + ": " + value.asText() + " is not a whole number above zero.");
        }
        return value.intValue();
    }
}
