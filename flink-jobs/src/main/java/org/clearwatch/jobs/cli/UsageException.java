package org.clearwatch.jobs.cli;

/** A command line the user must correct; the message is one sentence. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
