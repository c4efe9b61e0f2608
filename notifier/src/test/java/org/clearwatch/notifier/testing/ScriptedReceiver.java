package org.clearwatch.notifier.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver on loopback that answers from a script: fail with 500, throttle with 429 and
 * Retry-After, hang beyond the sender's timeout, refuse with 400, redirect, then recover.
 */
public final class ScriptedReceiver implements AutoCloseable {

    /** One answer: a status, headers, a body, and how long to wait before answering. */
    public record Answer(int status, Map<String, String> headers, String body, long delayMillis) {
        public static Answer ok() {
            return new Answer(200, Map.of(), "ok", 0);
        }

        public static Answer status(int status) {
            return new Answer(status, Map.of(), "", 0);
        }

        public static Answer throttle(String retryAfter) {
            return new Answer(429, Map.of("Retry-After", retryAfter), "", 0);
        }

        public static Answer hang(long millis) {
            return new Answer(200, Map.of(), "late", millis);
        }

        public static Answer redirect(String location) {
            return new Answer(302, Map.of("Location", location), "", 0);
        }

        public static Answer json(String body) {
            return new Answer(200, Map.of("Content-Type", "application/json"), body, 0);
        }
    }

    /** A request as received. */
    public record Request(
            Instant at, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            if (values == null) {
                // the JDK server capitalises header names
                values = headers.get(Character.toUpperCase(name.charAt(0)) + name.substring(1));
            }
            return values == null ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public ScriptedReceiver(Answer... answers) throws IOException {
        script.addAll(List.of(answers));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(
                new Request(
                        Instant.now(),
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        body));
        Answer answer;
        synchronized (script) {
            answer = script.size() > 1 ? script.poll() : script.peek();
        }
        if (answer == null) {
            answer = Answer.ok();
        }
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the sender gave up waiting
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
