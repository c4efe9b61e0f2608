package org.clearwatch.notifier.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.clearwatch.notifier.DaemonThreads;
import org.clearwatch.notifier.channels.Links;

/**
 * The notifier's own HTTP server: {@code /metrics} for Prometheus and {@code /ack/<alertId>?sig=}
 * for the acknowledgement links in the messages (GET or POST).
 */
public final class NotifierHttp implements AutoCloseable {

    private final HttpServer server;

    public NotifierHttp(
            String host,
            int port,
            PrometheusRegistry registry,
            Links links,
            Consumer<String> acknowledge)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/ack/", exchange -> ack(exchange, links, acknowledge));
        server.createContext("/healthz", exchange -> respond(exchange, 200, "text/plain", "ok\n"));
        server.setExecutor(DaemonThreads.pool(2, "notify-http"));
        server.start();
    }

    /** Where this server answers {@code path}: on loopback when it listens on every interface. */
    public URI uri(String path) {
        InetSocketAddress bound = server.getAddress();
        InetAddress address =
                bound.getAddress().isAnyLocalAddress()
                        ? InetAddress.getLoopbackAddress()
                        : bound.getAddress();
        String host = address.getHostAddress();
        if (address instanceof Inet6Address) {
            host = "[" + host.replaceFirst("%.*$", "") + "]";
        }
        return URI.create("http://" + host + ":" + bound.getPort() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void ack(HttpExchange exchange, Links links, Consumer<String> acknowledge)
            throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("POST")) {
            respond(exchange, 405, "text/plain", "GET or POST\n");
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        String alertId =
                URLDecoder.decode(path.substring("/ack/".length()), StandardCharsets.UTF_8);
        String sig = null;
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("sig=")) {
                    sig = URLDecoder.decode(part.substring(4), StandardCharsets.UTF_8);
                }
            }
        }
        if (alertId.isEmpty() || !links.verify(alertId, sig)) {
            respond(exchange, 403, "text/plain; charset=utf-8", "确认链接无效。\n");
            return;
        }
        try {
            acknowledge.accept(alertId);
        } catch (RuntimeException e) {
            respond(exchange, 503, "text/plain; charset=utf-8", "暂时无法记录确认，请稍后重试。\n");
            return;
        }
        respond(
                exchange,
                200,
                "text/html; charset=utf-8",
                "<!doctype html><meta charset=utf-8><title>已确认</title><p>已确认收到告警 "
                        + alertId.replace("&", "&amp;").replace("<", "&lt;")
                        + "，不再升级报送。</p>\n");
    }

    private static void respond(HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
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
