package org.clearwatch.notifier.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;

/**
 * The WeCom and DingTalk robots answer HTTP 200 with {@code {"errcode":0,"errmsg":"ok"}}; a
 * non-zero errcode is a failure, transient for "busy" and "too fast", permanent otherwise.
 */
final class RobotReply {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RobotReply() {}

    static Outcome judge(Outcome http, String robot, Set<Integer> transientCodes) {
        if (!(http instanceof Outcome.Delivered delivered)) {
            return http;
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(delivered.detail() == null ? "" : delivered.detail());
        } catch (java.io.IOException e) {
            return new Outcome.Permanent(robot + " answered something that is not JSON");
        }
        if (reply == null || !reply.has("errcode")) {
            return new Outcome.Permanent(robot + " answered without an errcode");
        }
        int code = reply.get("errcode").asInt();
        if (code == 0) {
            return delivered;
        }
        // errmsg is the robot's own text about the request, never the message content.
        String reason = robot + " errcode " + code + " " + reply.path("errmsg").asText("");
        return transientCodes.contains(code)
                ? new Outcome.Transient(reason, null)
                : new Outcome.Permanent(reason);
    }
}
