package org.clearwatch.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clearwatch.jobs.local.FlinkRest;

/**
 * A real Prometheus server (Debian's package, as {@code .ci/run} installs it) as a child process on
 * a free port, with its own configuration and data directory: never the system service.
 */
final class PrometheusServer implements AutoCloseable {

    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Fails, saying how to get them, when the binaries are not installed. */
    static void requireBinaries() {
        if (!Files.isExecutable(PROMETHEUS) || !Files.isExecutable(PROMTOOL)) {
            throw new AssertionError(
                    PROMETHEUS
                            + " and "
                            + PROMTOOL
                            + " are needed by this test and are not installed: run .ci/run, or"
                            + " apt-get install -y prometheus");
        }
    }

    /** Starts Prometheus with {@code config}, its data in {@code work}, and waits until ready. */
    static PrometheusServer start(Path config, Path work) throws Exception {
        requireBinaries();
        int port = FlinkRest.freePort();
        Path log = work.resolve("prometheus.log");
        Process process =
                new ProcessBuilder(
                                PROMETHEUS.toString(),
                                "--config.file=" + config,
                                "--storage.tsdb.path=" + work.resolve("data"),
                                "--web.listen-address=127.0.0.1:" + port,
                                "--log.level=warn")
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        PrometheusServer server =
                new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
        long end = System.currentTimeMillis() + 30_000;
        while (!server.ready()) {
            if (!process.isAlive() || System.currentTimeMillis() > end) {
                server.close();
                throw new AssertionError(
                        "Prometheus did not start: " + Files.readString(log).strip());
            }
            Thread.sleep(200);
        }
        return server;
    }

    private boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * An instant query; the {@code data} node of the answer, or an error with Prometheus' words.
     */
    JsonNode query(String promql) throws Exception {
        HttpResponse<String> response =
                get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new AssertionError(
                    "Prometheus refused " + promql + ": " + body.path("error").asText());
        }
        return body.path("data");
    }

    /** How many series (or 1 for a scalar) an instant query returns. */
    int resultCount(String promql) throws Exception {
        JsonNode data = query(promql);
        if (!"vector".equals(data.path("resultType").asText())
                && !"matrix".equals(data.path("resultType").asText())) {
            return 1;
        }
        return data.path("result").size();
    }

    /** The health of each scrape target, as {@code url health lastError}. */
    List<String> targets() throws Exception {
        JsonNode body = JSON.readTree(get("/api/v1/targets").body());
        List<String> out = new ArrayList<>();
        for (JsonNode t : body.path("data").path("activeTargets")) {
            out.add(
                    t.path("scrapeUrl").asText()
                            + " "
                            + t.path("health").asText()
                            + " "
                            + t.path("lastError").asText());
        }
        return out;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
