package org.clearwatch.jobs.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One key of the configuration file: its type, default and accepted values, declared once.
 *
 * @param <T> the value type
 */
public final class Setting<T> {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String key;
    private final String accepted;
    private final T defaultValue;
    private final boolean secret;
    private final String description;
    private final Function<String, T> parser;

    private Setting(
            String key,
            String accepted,
            T defaultValue,
            boolean secret,
            String description,
            Function<String, T> parser) {
        this.key = key;
        this.accepted = accepted;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
        this.parser = parser;
    }

    public static Setting<String> text(String key, String defaultValue, String description) {
        return new Setting<>(key, "text", defaultValue, false, description, Setting::nonBlank);
    }

    public static Setting<String> required(String key, String description) {
        return new Setting<>(key, "text", null, false, description, Setting::nonBlank);
    }

    public static Setting<String> secret(String key, String description) {
        return new Setting<>(key, "text", null, true, description, Setting::nonBlank);
    }

    public static Setting<Integer> integer(
            String key, int defaultValue, int min, int max, String description) {
        String accepted = "a whole number from " + min + " to " + max;
        return new Setting<>(
                key,
                accepted,
                defaultValue,
                false,
                description,
                raw -> {
                    int value = Integer.parseInt(raw);
                    if (value < min || value > max) {
                        throw new IllegalArgumentException();
                    }
                    return value;
                });
    }

    public static Setting<Boolean> flag(String key, boolean defaultValue, String description) {
        return new Setting<>(
                key,
                "true or false",
                defaultValue,
                false,
                description,
                raw -> {
                    if (!raw.equals("true") && !raw.equals("false")) {
                        throw new IllegalArgumentException();
                    }
                    return Boolean.valueOf(raw);
                });
    }

    public static Setting<Duration> duration(
            String key, Duration defaultValue, Duration min, Duration max, String description) {
        String accepted =
                "a duration from " + format(min) + " to " + format(max) + " (e.g. 30s, 10m, 2h)";
        return new Setting<>(
                key,
                accepted,
                defaultValue,
                false,
                description,
                raw -> {
                    Duration value = parseDuration(raw);
                    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                        throw new IllegalArgumentException();
                    }
                    return value;
                });
    }

    public static <E extends Enum<E>> Setting<E> choice(
            String key, Class<E> type, E defaultValue, String description) {
        String names =
                String.join(
                        ", ",
                        Arrays.stream(type.getEnumConstants())
                                .map(e -> e.name().toLowerCase(Locale.ROOT))
                                .toList());
        return new Setting<>(
                key,
                "one of " + names,
                defaultValue,
                false,
                description,
                raw -> Enum.valueOf(type, raw.toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    public String key() {
        return key;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public boolean isRequired() {
        return defaultValue == null;
    }

    public boolean isSecret() {
        return secret;
    }

    public String accepted() {
        return accepted;
    }

    public String description() {
        return description;
    }

    /**
     * @throws ConfigException naming the key, what it accepts and (unless secret) what it got
     */
    T parse(String raw) {
        String trimmed = raw.trim();
        try {
            return parser.apply(trimmed);
        } catch (RuntimeException e) {
            String got = secret ? "" : ", got '" + trimmed + "'";
            throw new ConfigException(key + " must be " + accepted + got + ".");
        }
    }

    private static String nonBlank(String raw) {
        if (raw.isBlank()) {
            throw new IllegalArgumentException();
        }
        return raw;
    }

    /** 500ms, 30s, 10m, 2h, 3d, or ISO-8601 (PT10M). */
    public static Duration parseDuration(String raw) {
        String text = raw.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + raw);
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            default:
                return Duration.ofDays(n);
        }
    }

    public static String format(Duration d) {
        if (d.toMillis() % 86_400_000L == 0) {
            return d.toDays() + "d";
        }
        if (d.toMillis() % 3_600_000L == 0) {
            return d.toHours() + "h";
        }
        if (d.toMillis() % 60_000L == 0) {
            return d.toMinutes() + "m";
        }
        if (d.toMillis() % 1000L == 0) {
            return d.toSeconds() + "s";
        }
        return d.toMillis() + "ms";
    }
}
