package org.clearwatch.notifier.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.notifier.testing.ScriptedReceiver.Answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.clearwatch.notifier.plan.Channel;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.notifier.testing.ScriptedReceiver;
import org.clearwatch.notifier.testing.TestAlerts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The WeCom and DingTalk robot formats against a real HTTP receiver answering like the robots. */
class RobotSendersTest {

    private static final MessageText TEXT =
            new MessageText(new Links("https://w.example/alerts/", "https://n.example/", "ack"));
    private static final HttpPush HTTP =
            new HttpPush(
                    AllowList.of(List.of("127.0.0.1:*"), "allow-list"),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2025-09-18T16:00:05Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptedReceiver robot;

    @AfterEach
    void stop() {
        robot.close();
    }

    @Test
    void weComGetsAMarkdownMessageAndErrcodeZeroIsDelivered() throws Exception {
        robot = new ScriptedReceiver(Answer.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        Outcome outcome =
                new WecomSender(HTTP, TEXT)
                        .send(push(Channel.WECOM, "/cgi-bin/webhook/send?key=k1", null));

        assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
        JsonNode body = JSON.readTree(robot.requests().get(0).body());
        assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("content").asText())
                .startsWith("### 【高】现金收入逾期未存（新告警）")
                .contains("34,945.00 元");
        assertThat(robot.requests().get(0).query()).isEqualTo("key=k1");
    }

    @Test
    void weComRateLimitIsTransientAndAnInvalidRobotIsPermanent() throws Exception {
        robot =
                new ScriptedReceiver(
                        Answer.json("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"),
                        Answer.json("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"));
        WecomSender sender = new WecomSender(HTTP, TEXT);

        assertThat(sender.send(push(Channel.WECOM, "/send?key=k", null)))
                .isInstanceOf(Outcome.Transient.class);
        assertThat(sender.send(push(Channel.WECOM, "/send?key=k", null)))
                .isEqualTo(new Outcome.Permanent("WeCom errcode 93000 invalid webhook url"));
    }

    @Test
    void dingTalkUrlIsSignedWithTimestampAndSecret() throws Exception {
        robot = new ScriptedReceiver(Answer.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));
        String secret = "SEC-clearwatch-test";

        Outcome outcome =
                new DingTalkSender(HTTP, TEXT, Clock.fixed(NOW, ZoneOffset.UTC))
                        .send(push(Channel.DINGTALK, "/robot/send?access_token=t1", secret));

        assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
        ScriptedReceiver.Request request = robot.requests().get(0);
        String query = request.query();
        assertThat(query).startsWith("access_token=t1&timestamp=" + NOW.toEpochMilli() + "&sign=");
        String sign =
                URLDecoder.decode(
                        query.substring(query.indexOf("sign=") + 5), StandardCharsets.UTF_8);
        assertThat(sign)
                .isEqualTo(
                        URLDecoder.decode(
                                DingTalkSender.sign(secret, NOW.toEpochMilli()),
                                StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("title").asText()).isEqualTo("【高】现金收入逾期未存（新告警）");
        assertThat(body.get("markdown").get("text").asText())
                .contains("[查看告警](https://w.example/alerts/A-robot)");
    }

    @Test
    void dingTalkRefusingTheSignatureIsPermanent() throws Exception {
        robot =
                new ScriptedReceiver(
                        Answer.json("{\"errcode\":310000,\"errmsg\":\"sign not match\"}"));

        Outcome outcome =
                new DingTalkSender(HTTP, TEXT, Clock.systemUTC())
                        .send(push(Channel.DINGTALK, "/robot/send?access_token=t1", "SEC-x"));

        assertThat(outcome)
                .isEqualTo(new Outcome.Permanent("DingTalk errcode 310000 sign not match"));
    }

    @Test
    void aLongDigestIsCutToWhatTheRobotAccepts() throws Exception {
        robot = new ScriptedReceiver(Answer.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));
        List<Push.Item> many =
                java.util.stream.IntStream.range(0, 40)
                        .mapToObj(i -> new Push.Item(TestAlerts.lateDeposit("A-" + i), NOW, false))
                        .toList();
        Destination to =
                new Destination("t103-wecom", Channel.WECOM, robot.url("/send?key=k"), null);

        new WecomSender(HTTP, TEXT).send(new Push("digest-1", to, many, true));

        String content =
                JSON.readTree(robot.requests().get(0).body())
                        .get("markdown")
                        .get("content")
                        .asText();
        assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(content).endsWith("已截断，请查看告警链接）");
    }

    private Push push(Channel channel, String path, String secret) {
        Destination to = new Destination("robot", channel, robot.url(path), secret);
        return new Push(
                "d-robot",
                to,
                List.of(new Push.Item(TestAlerts.lateDeposit("A-robot"), NOW, false)),
                false);
    }
}
