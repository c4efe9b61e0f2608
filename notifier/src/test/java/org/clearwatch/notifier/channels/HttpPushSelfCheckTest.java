package org.clearwatch.notifier.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.clearwatch.notifier.http.NotifierHttp;
import org.clearwatch.notifier.testing.ScriptedReceiver;
import org.clearwatch.notifier.testing.ScriptedReceiver.Answer;
import org.junit.jupiter.api.Test;

/** The start check of the push client against the notifier's own endpoint. */
class HttpPushSelfCheckTest {

    /** An allow-list that allows nothing: the self check is not a push to a destination. */
    private final HttpPush push =
            new HttpPush(
                    AllowList.of(List.of(), "allow-list"),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(2));

    @Test
    void theNotifiersOwnEndpointAnswersOnEveryInterfaceItListensOn() throws Exception {
        for (String host : List.of("127.0.0.1", "0.0.0.0")) {
            try (NotifierHttp http = endpoint(host)) {
                URI health = http.uri("/healthz");

                assertThat(health.getHost()).isEqualTo("127.0.0.1");
                assertThat(health.getPort()).isEqualTo(http.port());
                assertThat(push.answers(health)).as("answers on %s", host).isTrue();
            }
        }
    }

    @Test
    void anEndpointThatFailsOrIsNotThereDoesNotAnswer() throws Exception {
        try (ScriptedReceiver failing = new ScriptedReceiver(Answer.status(503))) {
            assertThat(push.answers(URI.create(failing.url("/healthz")))).isFalse();
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(push.answers(URI.create("http://127.0.0.1:" + closed + "/healthz"))).isFalse();
    }

    private static NotifierHttp endpoint(String host) throws Exception {
        return new NotifierHttp(
                host,
                0,
                new PrometheusRegistry(),
                new Links("https://watch.example.org/alerts/", "https://notify.example.org/", "s"),
                alertId -> {});
    }
}
