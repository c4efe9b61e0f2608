package org.clearwatch.notifier.channels;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

/** A generic HTTPS endpoint, signed the Standard Webhooks way. */
public final class WebhookSender implements Sender {

    private final HttpPush http;
    private final MessageText text;
    private final Clock clock;

    public WebhookSender(HttpPush http, MessageText text, Clock clock) {
        this.http = http;
        this.text = text;
        this.clock = clock;
    }

    @Override
    public Outcome send(Push push) {
        byte[] body = text.json(push);
        // A fresh timestamp on every attempt (receivers reject stale ones); the id stays.
        long timestamp = clock.instant().getEpochSecond();
        String secret = push.destination().secret();
        return http.post(
                URI.create(push.destination().address()),
                "application/json",
                Map.of(
                        StandardWebhooks.ID,
                        push.id(),
                        StandardWebhooks.TIMESTAMP,
                        Long.toString(timestamp),
                        StandardWebhooks.SIGNATURE,
                        StandardWebhooks.sign(secret, push.id(), timestamp, body)),
                body);
    }
}
