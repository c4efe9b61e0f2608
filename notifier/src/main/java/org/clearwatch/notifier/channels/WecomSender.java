package org.clearwatch.notifier.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * A WeCom (企业微信) group robot: {@code {"msgtype":"markdown","markdown":{"content":...}}} to its
 * webhook URL (the key is in the URL).
 */
public final class WecomSender implements Sender {

    /** -1 system busy, 45009 API frequency limit. */
    static final Set<Integer> TRANSIENT_CODES = Set.of(-1, 45009);

    /** The robot refuses markdown content over 4096 bytes. */
    static final int MAX_CONTENT_BYTES = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPush http;
    private final MessageText text;

    public WecomSender(HttpPush http, MessageText text) {
        this.http = http;
        this.text = text;
    }

    @Override
    public Outcome send(Push push) {
        ObjectNode body = JSON.createObjectNode();
        body.put("msgtype", "markdown");
        body.putObject("markdown")
                .put("content", Truncate.utf8(text.markdown(push), MAX_CONTENT_BYTES));
        Outcome outcome =
                http.post(
                        URI.create(push.destination().address()),
                        "application/json",
                        Map.of(),
                        Truncate.bytes(body));
        return RobotReply.judge(outcome, "WeCom", TRANSIENT_CODES);
    }
}
