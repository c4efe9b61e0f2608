package org.clearwatch.jobs.config;

/** A configuration the job cannot start with; the message is one sentence for the user. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
