package org.clearwatch.notifier.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.clearwatch.notifier.DaemonThreads;
import org.clearwatch.notifier.channels.StandardWebhooks;

/**
 * A township inspector's inbox on loopback, for the demo and the tests: a small HTTP receiver that
 * takes signed webhooks on {@code /webhook}, verifies their Standard Webhooks signature and
 * timestamp (401 otherwise), takes each {@code webhook-id} once (a redelivery is answered 200 and
 * counted, not shown again) and prints each message as an inspector would read it. {@code /wecom}
 * and {@code /dingtalk} take robot-shaped posts and answer like the robots.
 */
public final class InspectorInbox implements AutoCloseable {

    /**
     * A message the inbox took.
     *
     * @param type {@code alert.raised}, {@code alert.updated}, {@code alert.resolved}, {@code
     *     alert.digest}; {@code robot} for a robot-shaped post
     */
    public record Receipt(
            String webhookId,
            String type,
            Instant receivedAt,
            Instant publishedAt,
            List<String> alertIds,
            String title,
            String text) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String secret;
    private final Duration tolerance;
    private final Clock clock;
    private final Consumer<Receipt> printer;
    private final Map<String, AtomicInteger> rawById = new ConcurrentHashMap<>();
    private final List<Receipt> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger rejected = new AtomicInteger();
    private volatile Consumer<String> beforeAnswer = id -> {};

    /**
     * @param port 0 for any free port
     * @param printer shown each accepted message once, e.g. {@link #printTo(PrintStream, boolean)}
     */
    public InspectorInbox(
            int port, String secret, Duration tolerance, Clock clock, Consumer<Receipt> printer)
            throws IOException {
        this.secret = secret;
        this.tolerance = tolerance;
        this.clock = clock;
        this.printer = printer;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/webhook", this::webhook);
        server.createContext("/wecom", exchange -> robot(exchange, "content"));
        server.createContext("/dingtalk", exchange -> robot(exchange, "text"));
        server.setExecutor(DaemonThreads.pool(4, "inspector-inbox"));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String webhookUrl() {
        return "http://127.0.0.1:" + port() + "/webhook";
    }

    /** Accepted messages, each webhook-id once, in arrival order. */
    public List<Receipt> accepted() {
        return List.copyOf(accepted);
    }

    /** Authentic requests per webhook-id, redeliveries included. */
    public Map<String, Integer> rawCounts() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        rawById.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    /** Authentic requests for an id already accepted. */
    public int redeliveries() {
        return rawById.values().stream().mapToInt(v -> v.get() - 1).sum();
    }

    /** Requests refused with 401. */
    public int rejected() {
        return rejected.get();
    }

    /**
     * Runs after an authentic request is taken and before it is answered (the kill test stops the
     * sender here).
     */
    public void beforeAnswer(Consumer<String> hook) {
        this.beforeAnswer = hook;
    }

    private void webhook(HttpExchange exchange) throws IOException {
        byte[] body = read(exchange);
        String id = exchange.getRequestHeaders().getFirst(StandardWebhooks.ID);
        StandardWebhooks.Rejection rejection =
                StandardWebhooks.verify(
                        secret,
                        id,
                        exchange.getRequestHeaders().getFirst(StandardWebhooks.TIMESTAMP),
                        exchange.getRequestHeaders().getFirst(StandardWebhooks.SIGNATURE),
                        body,
                        clock.instant(),
                        tolerance);
        if (rejection != null) {
            rejected.incrementAndGet();
            respond(exchange, 401, rejection.name() + "\n");
            return;
        }
        int seen = rawById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (seen == 1) {
            Receipt receipt = fromWebhook(id, body);
            accepted.add(receipt);
            printer.accept(receipt);
        }
        // Taken (and shown) before the answer, as a real receiver does: a sender dying now
        // never hears that it was.
        beforeAnswer.accept(id);
        respond(exchange, 200, "ok\n");
    }

    private Receipt fromWebhook(String id, byte[] body) {
        Instant now = clock.instant();
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode data = root.path("data");
            List<String> alertIds = new ArrayList<>();
            Instant published = null;
            List<JsonNode> alerts = new ArrayList<>();
            if (data.has("alerts")) {
                data.get("alerts").forEach(alerts::add);
            } else {
                alerts.add(data);
            }
            for (JsonNode a : alerts) {
                alertIds.add(a.path("alert_id").asText());
                Instant p = Instant.parse(a.path("published_at").asText());
                published = published == null || p.isAfter(published) ? p : published;
            }
            return new Receipt(
                    id,
                    root.path("type").asText(),
                    now,
                    published,
                    alertIds,
                    data.path("title").asText(),
                    data.path("text").asText());
        } catch (Exception e) {
            return new Receipt(id, "", now, null, List.of(), "(unreadable body)", "");
        }
    }

    private void robot(HttpExchange exchange, String textField) throws IOException {
        byte[] body = read(exchange);
        String id = "robot-" + rawById.size();
        try {
            JsonNode md = JSON.readTree(body).path("markdown");
            rawById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            Receipt receipt =
                    new Receipt(
                            id,
                            "robot",
                            clock.instant(),
                            null,
                            List.of(),
                            md.path("title").asText(""),
                            md.path(textField).asText());
            accepted.add(receipt);
            printer.accept(receipt);
            respond(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        } catch (IOException e) {
            respond(exchange, 200, "{\"errcode\":40008,\"errmsg\":\"invalid message type\"}");
        }
    }

    /**
     * Prints each message: the whole text as a phone shows it, or one line (title and delay) when
     * {@code compact}.
     */
    public static Consumer<Receipt> printTo(PrintStream out, boolean compact) {
        return r -> {
            String delay =
                    r.publishedAt() == null
                            ? ""
                            : String.format(
                                    java.util.Locale.ROOT,
                                    "  (%.2f s after publication)",
                                    Duration.between(r.publishedAt(), r.receivedAt()).toMillis()
                                            / 1000.0);
            if (compact) {
                out.println("  收件箱 ← " + r.title() + delay);
                return;
            }
            StringBuilder s = new StringBuilder();
            s.append("┌─ 收件箱 ").append(r.webhookId()).append(delay).append('\n');
            r.text().lines().forEach(line -> s.append("│ ").append(line).append('\n'));
            s.append("└─");
            out.println(s);
        };
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
