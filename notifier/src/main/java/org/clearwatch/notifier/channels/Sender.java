package org.clearwatch.notifier.channels;

/** Sends a push over one channel. Implementations are thread-safe and never throw. */
public interface Sender {

    Outcome send(Push push);
}
