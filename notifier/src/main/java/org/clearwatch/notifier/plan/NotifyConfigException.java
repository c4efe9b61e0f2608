package org.clearwatch.notifier.plan;

/** A notifier configuration that cannot be used; the message is one sentence naming the key. */
public final class NotifyConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotifyConfigException(String message) {
        super(message);
    }
}
