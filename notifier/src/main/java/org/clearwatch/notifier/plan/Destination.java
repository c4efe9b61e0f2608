package org.clearwatch.notifier.plan;

import java.util.Objects;

/**
 * One place a recipient reads pushes: a robot, an endpoint or a mailbox.
 *
 * @param name unique in the configuration; part of every delivery id, so renaming it resends
 * @param channel how to reach it
 * @param address the URL (webhook, WeCom, DingTalk) or the e-mail address
 * @param secret the signing secret (webhook, DingTalk), read from the environment; null if none
 */
public record Destination(String name, Channel channel, String address, String secret) {

    public Destination {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return name + " (" + channel + ")";
    }
}
