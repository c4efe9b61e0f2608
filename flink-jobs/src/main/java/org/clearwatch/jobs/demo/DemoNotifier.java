package org.clearwatch.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.clearwatch.notifier.Notifier;
import org.clearwatch.notifier.channels.StandardWebhooks;
import org.clearwatch.notifier.config.NotifierConfig;
import org.clearwatch.notifier.inbox.InspectorInbox;
import org.clearwatch.schema.alert.Alert;

/**
 * The demo's notifier: an inspector inbox on loopback and the notifier, in this process, with a
 * configuration that routes every township to the inbox over a signed webhook. Each push is shown
 * as the inbox took it (the first one whole, as a phone shows it, the others as one line), and at
 * the end the delay from the alert's publication to the inbox. The demo creates the alerts topic
 * with the broker's append time ({@code ClearwatchConfig.ALERTS_TOPIC_CONFIGS}), the publication
 * that delay counts from.
 */
final class DemoNotifier {

    private static final String SECRET_VARIABLE = "CLEARWATCH_DEMO_INBOX_SECRET";
    private static final int METRICS_PORT = 9262;

    /** The county of every simulated township (see the simulations in {@code jobs.sim}). */
    static final String COUNTY = "330299";

    private final InspectorInbox inbox;
    private final Notifier notifier;

    private DemoNotifier(InspectorInbox inbox, Notifier notifier) {
        this.inbox = inbox;
        this.notifier = notifier;
    }

    static DemoNotifier start(String bootstrap, String alertsTopic, PrintStream out)
            throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[24];
        random.nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        AtomicBoolean first = new AtomicBoolean(true);
        var whole = InspectorInbox.printTo(out, false);
        var line = InspectorInbox.printTo(out, true);
        InspectorInbox inbox =
                new InspectorInbox(
                        0,
                        secret,
                        StandardWebhooks.DEFAULT_TOLERANCE,
                        Clock.systemUTC(),
                        r -> (first.getAndSet(false) ? whole : line).accept(r));
        Map<String, String> env =
                Map.of(
                        SECRET_VARIABLE,
                        secret,
                        "CLEARWATCH_ACK_SECRET",
                        Base64.getEncoder().encodeToString(key).substring(0, 16) + "-ack");
        Notifier notifier =
                Notifier.start(
                        config(
                                bootstrap,
                                inbox.webhookUrl(),
                                free(METRICS_PORT) ? METRICS_PORT : 0,
                                env),
                        null);
        out.println(
                "Notifier reading alerts (read_committed) and pushing signed webhooks to the"
                        + " inspector inbox "
                        + inbox.webhookUrl()
                        + "; metrics and acknowledgements on port "
                        + notifier.httpPort());
        return new DemoNotifier(inbox, notifier);
    }

    static NotifierConfig config(
            String bootstrap, String inboxUrl, int metricsPort, Map<String, String> env)
            throws IOException {
        StringBuilder yaml = new StringBuilder();
        yaml.append("kafka:\n  bootstrap-servers: ").append(bootstrap).append('\n');
        yaml.append("  instance-id: clearwatch-demo-notifier\n");
        yaml.append("delivery:\n  initial-backoff: 200ms\n  request-timeout: 5s\n");
        yaml.append("allow-list:\n  - 127.0.0.1:*\n");
        yaml.append("metrics:\n  port: ").append(metricsPort).append('\n');
        yaml.append("links:\n  ack-base-url: http://localhost:")
                .append(metricsPort == 0 ? METRICS_PORT : metricsPort)
                .append("/\n");
        yaml.append("recipients:\n  - id: inspector-inbox\n    destinations:\n");
        yaml.append("      - name: demo-inbox\n        channel: webhook\n        url: ")
                .append(inboxUrl)
                .append("\n        secret-env: ")
                .append(SECRET_VARIABLE)
                .append('\n');
        // The simulated townships all lie in county 330299: one subscription takes them all.
        yaml.append("subscriptions:\n");
        yaml.append("  - id: all-townships\n    recipient: inspector-inbox\n    division: \"")
                .append(COUNTY)
                .append("\"\n");
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml.toString());
        return NotifierConfig.parse(root, env);
    }

    /**
     * Waits (at most {@code atMost}) for the pushes still under way, prints what the inbox took and
     * the delays, and stops. Two delays, for pushes that needed no retry: from the alert's
     * publication (the broker's append time, inside the job's transaction) to the inbox, and from
     * the alert becoming readable (its checkpoint committed, as {@code readable} saw it) to the
     * inbox, which is the notifier's own part. The first is also given apart for the alerts that
     * catch up on the backlog the demo publishes at once at its start ({@code catchUp}): they come
     * in a burst, while the job works through months of payouts at once.
     */
    void finish(
            PrintStream out,
            Duration atMost,
            List<AlertPrinter.Received> readable,
            Predicate<Alert> catchUp)
            throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (notifier.pendingCount() > 0 && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        notifier.close();
        inbox.close();
        Map<String, AlertPrinter.Received> read = new HashMap<>();
        for (AlertPrinter.Received r : readable) {
            read.putIfAbsent(
                    r.alert().getAlertId()
                            + "/"
                            + r.alert().getKind().name().toLowerCase(Locale.ROOT),
                    r);
        }
        Map<String, Integer> raw = inbox.rawCounts();
        List<Long> fromPublished = new ArrayList<>();
        List<Long> live = new ArrayList<>();
        List<Long> caughtUp = new ArrayList<>();
        List<Long> fromReadable = new ArrayList<>();
        for (InspectorInbox.Receipt r : inbox.accepted()) {
            if (r.publishedAt() == null || raw.getOrDefault(r.webhookId(), 0) != 1) {
                continue;
            }
            long delay = Duration.between(r.publishedAt(), r.receivedAt()).toMillis();
            fromPublished.add(delay);
            AlertPrinter.Received at =
                    read.get(r.alertIds().get(0) + "/" + r.type().replace("alert.", ""));
            if (at != null) {
                fromReadable.add(Math.max(0, r.receivedAt().toEpochMilli() - at.atMillis()));
                (catchUp.test(at.alert()) ? caughtUp : live).add(delay);
            }
        }
        out.println();
        out.printf(
                "Pushes: %d taken by the inspector inbox (signature and timestamp verified),"
                        + " %d refused, %d redeliveries of an id already taken%n",
                inbox.accepted().size(), inbox.rejected(), inbox.redeliveries());
        out.println(
                "  alert published (broker append time) -> push in the inbox: "
                        + delays(fromPublished));
        out.println("    alerts reacting to live records or deadlines:            " + delays(live));
        out.println(
                "    catch-up of the backlog published at the start:          " + delays(caughtUp));
        out.println(
                "  alert readable (read_committed) -> push in the inbox:      "
                        + delays(fromReadable));
        out.println("  (pushes that needed no retry)");
    }

    private static String delays(List<Long> millis) {
        if (millis.isEmpty()) {
            return "no push measured";
        }
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return String.format(
                Locale.ROOT,
                "p50 %.2f s, p99 %.2f s over %d pushes",
                percentile(sorted, 50) / 1000.0,
                percentile(sorted, 99) / 1000.0,
                sorted.size());
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
