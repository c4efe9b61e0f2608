package org.clearwatch.notifier.channels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One HTTP POST as the notifier makes them: only to allowed addresses, redirects never followed (a
 * 3xx is a failure), cut after the request timeout, the status sorted into delivered, transient
 * (408, 429, 5xx, timeouts, connection errors) and permanent (any other 4xx and 3xx).
 */
public final class HttpPush {

    /** A response the caller may look into further (the robots answer 200 with an errcode). */
    public record Response(int status, String body) {}

    private final HttpClient client;
    private final AllowList allowList;
    private final Duration requestTimeout;

    public HttpPush(AllowList allowList, Duration connectTimeout, Duration requestTimeout) {
        this.allowList = allowList;
        this.requestTimeout = requestTimeout;
        this.client =
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(connectTimeout)
                        .build();
    }

    /**
     * Asks the notifier's own endpoint ({@code /healthz}) through the client that carries the
     * pushes, at start: it checks that the endpoint answers, and sets the client up before an alert
     * waits for it (a client's first request in a fresh JVM takes several hundred milliseconds).
     * For the notifier's own address only, never a destination: nothing is posted.
     */
    public boolean answers(URI own) {
        try {
            HttpResponse<Void> response =
                    client.send(
                            HttpRequest.newBuilder(own).timeout(requestTimeout).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Posts the body. Returns {@link Outcome.Delivered} with the response body as detail on 2xx,
     * otherwise why not.
     */
    public Outcome post(URI uri, String contentType, Map<String, String> headers, byte[] body) {
        if (!allowList.allows(uri)) {
            return new Outcome.Permanent(
                    "address outside the allow-list: " + uri.getHost() + ":" + uri.getPort());
        }
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(requestTimeout)
                        .header("Content-Type", contentType)
                        .header("User-Agent", "clearwatch-notifier")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Outcome.Transient(
                    "timed out after " + requestTimeout.toMillis() + " ms", null);
        } catch (IOException e) {
            return new Outcome.Transient(
                    "connection failed: " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Transient("interrupted", null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Outcome.Delivered(response.body());
        }
        if (status == 408 || status == 429 || status >= 500) {
            Duration retryAfter =
                    response.headers()
                            .firstValue("Retry-After")
                            .map(v -> retryAfter(v, Instant.now()))
                            .orElse(null);
            return new Outcome.Transient("HTTP " + status, retryAfter);
        }
        if (status >= 300 && status < 400) {
            return new Outcome.Permanent("HTTP " + status + " redirect, not followed");
        }
        return new Outcome.Permanent("HTTP " + status);
    }

    /**
     * {@code Retry-After} as delay-seconds or an HTTP date; null if unreadable. A date in the past
     * is zero.
     */
    public static Duration retryAfter(String value, Instant now) {
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            // an HTTP date
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
