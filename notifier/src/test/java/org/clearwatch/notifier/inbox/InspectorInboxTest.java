package org.clearwatch.notifier.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.clearwatch.notifier.channels.Links;
import org.clearwatch.notifier.channels.MessageText;
import org.clearwatch.notifier.channels.Push;
import org.clearwatch.notifier.channels.StandardWebhooks;
import org.clearwatch.notifier.testing.TestAlerts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InspectorInboxTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<InspectorInbox.Receipt> printed = new CopyOnWriteArrayList<>();
    private InspectorInbox inbox;
    private byte[] body;

    @BeforeEach
    void start() throws Exception {
        inbox =
                new InspectorInbox(
                        0,
                        SECRET,
                        StandardWebhooks.DEFAULT_TOLERANCE,
                        Clock.systemUTC(),
                        printed::add);
        MessageText text =
                new MessageText(new Links("https://w.example/a/", "https://n.example/", "k"));
        body =
                text.json(
                        new Push(
                                "msg_1",
                                TestAlerts.webhook("t103", inbox.webhookUrl(), SECRET),
                                List.of(
                                        new Push.Item(
                                                TestAlerts.lateDeposit("A-1"),
                                                Instant.now(),
                                                false)),
                                false));
    }

    @AfterEach
    void stop() {
        inbox.close();
    }

    @Test
    void anAuthenticPushIsShownOnceAndARedeliveryIsOnlyCounted() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertThat(post("msg_1", now, StandardWebhooks.sign(SECRET, "msg_1", now, body), body))
                .isEqualTo(200);
        assertThat(
                        post(
                                "msg_1",
                                now + 1,
                                StandardWebhooks.sign(SECRET, "msg_1", now + 1, body),
                                body))
                .isEqualTo(200);

        assertThat(printed)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.alertIds()).containsExactly("A-1");
                            assertThat(r.text()).contains("34,945.00 元");
                        });
        assertThat(inbox.redeliveries()).isEqualTo(1);
    }

    @Test
    void aTamperedBodyIsRefusedWith401() throws Exception {
        long now = Instant.now().getEpochSecond();
        byte[] tampered =
                new String(body, StandardCharsets.UTF_8)
                        .replace("34,945.00", "3,494.50")
                        .getBytes(StandardCharsets.UTF_8);

        assertThat(post("msg_1", now, StandardWebhooks.sign(SECRET, "msg_1", now, body), tampered))
                .isEqualTo(401);
        assertThat(printed).isEmpty();
    }

    @Test
    void aStaleTimestampIsRefusedWith401() throws Exception {
        long tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond();

        assertThat(
                        post(
                                "msg_1",
                                tenMinutesAgo,
                                StandardWebhooks.sign(SECRET, "msg_1", tenMinutesAgo, body),
                                body))
                .isEqualTo(401);
        assertThat(printed).isEmpty();
    }

    @Test
    void aWrongKeyIsRefusedWith401() throws Exception {
        long now = Instant.now().getEpochSecond();

        assertThat(
                        post(
                                "msg_1",
                                now,
                                StandardWebhooks.sign(
                                        "whsec_QUJDREVGR0hJSktMTU5PUA==", "msg_1", now, body),
                                body))
                .isEqualTo(401);
        assertThat(printed).isEmpty();
        assertThat(inbox.rejected()).isEqualTo(1);
    }

    private int post(String id, long timestamp, String signature, byte[] payload) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(inbox.webhookUrl()))
                        .header(StandardWebhooks.ID, id)
                        .header(StandardWebhooks.TIMESTAMP, Long.toString(timestamp))
                        .header(StandardWebhooks.SIGNATURE, signature)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                        .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
