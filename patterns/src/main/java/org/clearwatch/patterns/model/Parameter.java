package org.clearwatch.patterns.model;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.Function;

/**
 * One tunable parameter of a supervision model: its name, type, default and accepted range.
 *
 * <p>Models declare their parameters here, in plain Java; how values reach them (a file, the
 * command line) is the job's business.
 *
 * @param <T> the value type
 */
public final class Parameter<T extends Comparable<T>> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String kind;
    private final T defaultValue;
    private final T min;
    private final T max;
    private final String description;
    private final transient Function<String, T> parser;

    private Parameter(
            String name,
            String kind,
            T defaultValue,
            T min,
            T max,
            String description,
            Function<String, T> parser) {
        this.name = Objects.requireNonNull(name);
        this.kind = kind;
        this.defaultValue = Objects.requireNonNull(defaultValue);
        this.min = min;
        this.max = max;
        this.description = description;
        this.parser = parser;
        if (!accepts(defaultValue)) {
            throw new IllegalArgumentException("default of " + name + " is outside its range");
        }
    }

    /** A whole number in [min, max]. */
    public static Parameter<Integer> integer(
            String name, int defaultValue, int min, int max, String description) {
        return new Parameter<>(
                name, "whole number", defaultValue, min, max, description, Integer::valueOf);
    }

    /** An amount of money in fen (1/100 yuan) in [min, max]. */
    public static Parameter<Long> fen(
            String name, long defaultValue, long min, long max, String description) {
        return new Parameter<>(
                name, "amount in fen", defaultValue, min, max, description, Long::valueOf);
    }

    /** true or false. */
    public static Parameter<Boolean> flag(String name, boolean defaultValue, String description) {
        return new Parameter<>(
                name, "true or false", defaultValue, null, null, description, Parameter::bool);
    }

    /**
     * A comma-separated list of codes (programme codes, unit codes, ...), each matching {@code
     * codePattern}; written without spaces. Read it with {@link #codes(String)}.
     */
    public static Parameter<String> codeList(
            String name, String defaultValue, String codePattern, String description) {
        java.util.regex.Pattern item = java.util.regex.Pattern.compile(codePattern);
        return new Parameter<>(
                name,
                "comma-separated list of codes",
                defaultValue,
                null,
                null,
                description,
                raw -> {
                    String compact = raw.replace(" ", "");
                    for (String code : codes(compact)) {
                        if (!item.matcher(code).matches()) {
                            throw new IllegalArgumentException(code);
                        }
                    }
                    return compact;
                });
    }

    /** The codes of a {@link #codeList} value; an empty value is an empty list. */
    public static java.util.List<String> codes(String value) {
        if (value == null || value.isBlank()) {
            return java.util.List.of();
        }
        return java.util.List.of(value.split(","));
    }

    private static Boolean bool(String raw) {
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        throw new IllegalArgumentException(raw);
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** What a value must be, e.g. "a whole number from 1 to 60". */
    public String accepted() {
        if (min == null) {
            return kind;
        }
        String article = "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
        if (max instanceof Long big && big >= Long.MAX_VALUE / 2) {
            return article + kind + " of at least " + min;
        }
        return article + kind + " from " + min + " to " + max;
    }

    public boolean accepts(T value) {
        return value != null
                && (min == null || value.compareTo(min) >= 0)
                && (max == null || value.compareTo(max) <= 0);
    }

    /**
     * Reads a value from text.
     *
     * @throws IllegalArgumentException with a message naming what was expected and what came
     */
    public T parse(String raw) {
        String trimmed = raw == null ? "" : raw.trim();
        T value;
        try {
            value = parser.apply(trimmed);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "must be " + accepted() + ", got '" + trimmed + "'", e);
        }
        if (!accepts(value)) {
            throw new IllegalArgumentException("must be " + accepted() + ", got '" + trimmed + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return name + "=" + defaultValue;
    }
}
