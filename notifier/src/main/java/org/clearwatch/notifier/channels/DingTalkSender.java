package org.clearwatch.notifier.channels;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A DingTalk (钉钉) custom robot with signing on: {@code &timestamp=<ms>&sign=<sign>} is appended to
 * its webhook URL, where sign is the URL-encoded base64 HMAC-SHA256 of {@code timestamp + "\n" +
 * secret} keyed with the secret; the message is {@code {"msgtype":"markdown","markdown":{"title",
 * "text"}}}.
 */
public final class DingTalkSender implements Sender {

    /** -1 system busy, 130101 sending too fast. */
    static final Set<Integer> TRANSIENT_CODES = Set.of(-1, 130101);

    static final int MAX_TEXT_BYTES = 5000;

    private final HttpPush http;
    private final MessageText text;
    private final Clock clock;

    public DingTalkSender(HttpPush http, MessageText text, Clock clock) {
        this.http = http;
        this.text = text;
        this.clock = clock;
    }

    @Override
    public Outcome send(Push push) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("msgtype", "markdown");
        ObjectNode markdown = body.putObject("markdown");
        markdown.put("title", text.title(push));
        markdown.put("text", Truncate.utf8(text.markdown(push), MAX_TEXT_BYTES));
        String address = push.destination().address();
        long timestamp = clock.millis();
        String url =
                address
                        + (address.contains("?") ? "&" : "?")
                        + "timestamp="
                        + timestamp
                        + "&sign="
                        + sign(push.destination().secret(), timestamp);
        Outcome outcome =
                http.post(URI.create(url), "application/json", Map.of(), Truncate.bytes(body));
        return RobotReply.judge(outcome, "DingTalk", TRANSIENT_CODES);
    }

    /** URL-encoded base64 of HMAC-SHA256(secret, timestamp + "\n" + secret). */
    public static String sign(String secret, long timestampMillis) {
        byte[] mac =
                StandardWebhooks.hmac(secret.getBytes(StandardCharsets.UTF_8))
                        .doFinal(
                                (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
        return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
    }
}
