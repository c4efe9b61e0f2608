package org.clearwatch.notifier.channels;

import java.time.Duration;

/** What became of one attempt to push a message. */
public sealed interface Outcome {

    /** The receiver took it. */
    record Delivered(String detail) implements Outcome {}

    /**
     * Worth trying again: a timeout, a refused connection, 408, 429, 5xx, a robot saying "too
     * fast".
     *
     * @param retryAfter what the receiver asked for ({@code Retry-After}), or null
     */
    record Transient(String reason, Duration retryAfter) implements Outcome {}

    /** Trying again will not help: a 4xx, a redirect, an address outside the allow-list. */
    record Permanent(String reason) implements Outcome {}
}
