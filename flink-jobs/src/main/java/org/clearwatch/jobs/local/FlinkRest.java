package org.clearwatch.jobs.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads from the REST API of a local Flink (a MiniCluster given a known port). */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    public FlinkRest(int port) {
        this.port = port;
    }

    /** A port nobody listens on right now, for a MiniCluster's REST endpoint. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The answer to a GET of {@code path}; empty on any error (not up yet, no such job). */
    public Optional<JsonNode> get(String path) {
        return text(path)
                .flatMap(
                        body -> {
                            try {
                                return Optional.of(JSON.readTree(body));
                            } catch (IOException e) {
                                return Optional.empty();
                            }
                        });
    }

    /** The body of the answer to a GET of {@code path}; empty on any error. */
    public Optional<String> text(String path) {
        try {
            HttpURLConnection http =
                    (HttpURLConnection)
                            URI.create("http://localhost:" + port + path).toURL().openConnection();
            http.setConnectTimeout(2_000);
            http.setReadTimeout(5_000);
            try (InputStream in = http.getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } finally {
                http.disconnect();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** How many checkpoints of the job have completed so far; 0 when unknown. */
    public long completedCheckpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints")
                .map(answer -> answer.path("counts").path("completed").asLong(0))
                .orElse(0L);
    }
}
