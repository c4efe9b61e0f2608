package org.clearwatch.jobs.replay;

import java.util.Objects;

/**
 * A line of a JSON Lines input that could not be used.
 *
 * <p>The message never holds the values of string fields: they may be ID numbers, names or account
 * numbers.
 *
 * @param file the input as the user named it, so the message points where they can look
 * @param line 1-based line number
 * @param message what is wrong, without the file and line prefix
 */
public record LineError(String file, long line, String message) {

    public LineError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** The compiler-style form, {@code scenario.jsonl:12: field "x" ...}. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
