package org.clearwatch.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clearwatch.jobs.config.Setting;
import org.clearwatch.patterns.calendar.WorkingCalendar;

/** A command's arguments: positional ones, and {@code --name value} or {@code --name=value}. */
public final class Args {

    private final String command;
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    private Args(String command) {
        this.command = command;
    }

    /**
     * @param allowed the option names this command takes (without dashes)
     * @param flags the allowed options that take no value
     */
    public static Args parse(
            String command, String[] argv, Set<String> allowed, Set<String> flags) {
        Args args = new Args(command);
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("--")) {
                args.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!allowed.contains(name) && !flags.contains(name)) {
                throw new UsageException(
                        "'" + command + "' has no option --" + name + known(allowed, flags) + ".");
            }
            if (flags.contains(name)) {
                args.options.put(name, value == null ? "true" : value);
                continue;
            }
            if (value == null) {
                if (i + 1 >= argv.length) {
                    throw new UsageException("--" + name + " needs a value.");
                }
                value = argv[++i];
            }
            args.options.put(name, value);
        }
        return args;
    }

    private static String known(Set<String> allowed, Set<String> flags) {
        List<String> all = new ArrayList<>(allowed);
        all.addAll(flags);
        if (all.isEmpty()) {
            return " (it takes none)";
        }
        return " (it takes --" + String.join(", --", all) + ")";
    }

    public List<String> positional() {
        return positional;
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    public String string(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public boolean flag(String name) {
        return "true".equals(options.get(name));
    }

    public long number(String name, long fallback, long min, long max) {
        String raw = options.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.replace("_", ""));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new UsageException(
                "--"
                        + name
                        + " must be a whole number from "
                        + min
                        + " to "
                        + max
                        + ", got '"
                        + raw
                        + "'.");
    }

    public Duration duration(String name, Duration fallback) {
        String raw = options.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Setting.parseDuration(raw);
        } catch (RuntimeException e) {
            throw new UsageException(
                    "--" + name + " must be a duration such as 120s, 5m or 1h, got '" + raw + "'.");
        }
    }

    /** An ISO-8601 instant with offset, or a date meaning its start in Asia/Shanghai. */
    public Instant instant(String name) {
        String raw = options.get(name);
        if (raw == null) {
            return null;
        }
        try {
            if (raw.length() == 10) {
                return WorkingCalendar.startOf(LocalDate.parse(raw));
            }
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    "--"
                            + name
                            + " must be a time with offset (2025-10-01T21:14:00+08:00) or a date"
                            + " (2025-10-01), got '"
                            + raw
                            + "'.");
        }
    }

    /** A file that must exist and be readable. */
    public static Path existingFile(String raw, String what) {
        Path path = Path.of(raw);
        if (!Files.exists(path)) {
            throw new UsageException(what + " " + raw + " does not exist.");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UsageException(what + " " + raw + " is not a readable file.");
        }
        return path;
    }
}
