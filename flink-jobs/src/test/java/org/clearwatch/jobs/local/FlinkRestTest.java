package org.clearwatch.jobs.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FlinkRestTest {

    private static final String JOB = "8effbd5e45795425b9fbe641eb73a895";

    @Test
    void countsTheJobsCompletedCheckpoints() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/jobs/" + JOB + "/checkpoints",
                exchange -> {
                    byte[] body =
                            "{\"counts\":{\"restored\":0,\"total\":4,\"in_progress\":1,\"completed\":3,\"failed\":0}}"
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        try {
            FlinkRest rest = new FlinkRest(server.getAddress().getPort());

            assertThat(rest.completedCheckpoints(JOB)).isEqualTo(3);
            assertThat(rest.completedCheckpoints("0123456789abcdef0123456789abcdef"))
                    .as("no such job: 404")
                    .isZero();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void nothingListeningIsNoCheckpointYet() {
        assertThat(new FlinkRest(FlinkRest.freePort()).completedCheckpoints(JOB)).isZero();
    }
}
