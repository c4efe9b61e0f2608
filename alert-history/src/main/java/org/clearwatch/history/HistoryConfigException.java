package org.clearwatch.history;

/** A configuration the writer cannot start with; the message is for the user, one sentence. */
public final class HistoryConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HistoryConfigException(String message) {
        super(message);
    }
}
