package org.clearwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.clearwatch.notifier.channels.StandardWebhooks;
import org.clearwatch.notifier.config.NotifierConfig;
import org.clearwatch.notifier.delivery.Deliverer;
import org.clearwatch.notifier.http.NotifierHttp;
import org.clearwatch.notifier.inbox.InspectorInbox;
import org.clearwatch.notifier.inbox.InspectorInbox.Receipt;
import org.clearwatch.notifier.ledger.LedgerEntry;
import org.clearwatch.notifier.ledger.LedgerEntry.Status;
import org.clearwatch.notifier.metrics.NotifierMetrics;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.notifier.testing.MemoryLedger;
import org.clearwatch.notifier.testing.TestAlerts;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routing read from YAML and the real delivery, told as stories: the notifier's {@link Intake}
 * (plan, record PENDING, hand over), the {@link Deliverer} with the real signed-webhook sender, the
 * acknowledgement endpoint, and three inspector inboxes on loopback (county, township 103, township
 * 101) that verify every signature. No broker: alerts go in as the consumer would hand them over.
 *
 * <p>The clock of the notifier and the inboxes is the wall clock moved to a chosen Shanghai time (a
 * few seconds before the quiet hours end, say), so the stories run in seconds. Escalation waits
 * {@code 2s} here instead of half an hour.
 */
class RoutedDeliveryStoriesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Duration ACK_WITHIN = Duration.ofSeconds(2);
    private static final int PER_MINUTE = 30;

    private static final String YAML =
            """
            kafka:
              bootstrap-servers: 127.0.0.1:9
            delivery:
              initial-backoff: 100ms
              max-backoff: 1s
              request-timeout: 2s
            allow-list:
              - 127.0.0.1:*
            links:
              alert-base-url: https://watch.county.example.org/alerts/
              ack-base-url: https://notify.county.example.org/
            escalation: {min-severity: HIGH, ack-within: 2s}
            quiet-hours: {from: "22:00", to: "07:30", zone: Asia/Shanghai, below: MEDIUM}
            recipients:
              - id: county-330299
                level: county
                division: "330299"
                quiet-hours: off
                destinations:
                  - {name: county-office, channel: webhook, url: "%s", secret-env: INBOX_SECRET}
              - id: township-330299103
                level: township
                division: "330299103"
                destinations:
                  - {name: t103-office, channel: webhook, url: "%s", secret-env: INBOX_SECRET}
              - id: township-330299101
                level: township
                division: "330299101"
                destinations:
                  - {name: t101-office, channel: webhook, url: "%s", secret-env: INBOX_SECRET}
            subscriptions:
              - id: t103
                recipient: township-330299103
                division: "330299103"
                rate-limit: {per-minute: %d}
              - id: t101-money
                recipient: township-330299101
                division: "330299101"
                models: [late-deposit, rent-arrears]
                min-severity: MEDIUM
              - id: county-critical
                recipient: county-330299
                division: "330299"
                min-severity: CRITICAL
                rate-limit: off
            """;

    private final MemoryLedger ledger = new MemoryLedger();
    private final List<AutoCloseable> open = new ArrayList<>();
    private Clock clock;
    private InspectorInbox county;
    private InspectorInbox township;
    private InspectorInbox other;
    private Deliverer deliverer;
    private Intake intake;
    private NotifierHttp http;
    private NotifierConfig router;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void aHighAlertNobodyAcknowledgesWithinTheTimeIsPushedToTheCounty() throws Exception {
        start("2025-09-19T10:00:00");
        Instant published = clock.instant();

        publish(TestAlerts.lateDeposit("A-esc"), published);

        await(() -> county.accepted().size() == 1, Duration.ofSeconds(10));
        Receipt toTownship = township.accepted().get(0);
        Receipt toCounty = county.accepted().get(0);
        assertThat(toTownship.alertIds()).containsExactly("A-esc");
        assertThat(toTownship.receivedAt()).isBefore(published.plus(ACK_WITHIN));
        assertThat(toCounty.alertIds()).containsExactly("A-esc");
        assertThat(toCounty.title()).startsWith("【升级】");
        assertThat(toCounty.receivedAt()).isAfterOrEqualTo(published.plus(ACK_WITHIN));
        await(() -> statuses(true).equals(List.of(Status.DELIVERED)), Duration.ofSeconds(5));
    }

    @Test
    void aHighAlertAcknowledgedThroughItsSignedLinkInTimeIsNotPushedToTheCounty() throws Exception {
        start("2025-09-19T10:00:00");
        Instant published = clock.instant();

        publish(TestAlerts.lateDeposit("A-ack"), published);
        await(() -> township.accepted().size() == 1, Duration.ofSeconds(5));
        int answer = open(ackLink(township.accepted().get(0)));

        assertThat(answer).isEqualTo(200);
        sleepUntil(published.plus(ACK_WITHIN).plusMillis(1500));
        assertThat(county.accepted()).isEmpty();
        assertThat(statuses(true)).containsOnly(Status.CANCELLED).hasSize(1);
        assertThat(ledger.latest()).containsEntry(LedgerEntry.ackKey("A-ack"), Status.ACK);
    }

    @Test
    void aForgedAcknowledgementLinkIsRefusedAndTheCountyIsStillTold() throws Exception {
        start("2025-09-19T10:00:00");

        publish(TestAlerts.lateDeposit("A-forged"), clock.instant());
        await(() -> township.accepted().size() == 1, Duration.ofSeconds(5));
        String link = ackLink(township.accepted().get(0));
        int answer = open(link.replaceAll("sig=[A-Za-z0-9_-]+", "sig=AAAA"));

        assertThat(answer).isEqualTo(403);
        await(() -> county.accepted().size() == 1, Duration.ofSeconds(10));
        assertThat(ledger.latest()).doesNotContainKey(LedgerEntry.ackKey("A-forged"));
    }

    @Test
    void lowAlertsInTheQuietHoursGoOutAsOneDigestWhenTheyEndAndAHighOneGoesAtOnce()
            throws Exception {
        start("2025-09-19T07:29:57");
        Instant endOfQuiet = shanghai("2025-09-19T07:30:00");

        for (int i = 1; i <= 3; i++) {
            publish(alert("A-night-" + i, Severity.LOW), clock.instant());
        }
        publish(TestAlerts.lateDeposit("A-night-high"), clock.instant());

        await(() -> township.accepted().size() == 2, Duration.ofSeconds(10));
        Receipt high = township.accepted().get(0);
        Receipt digest = township.accepted().get(1);
        assertThat(high.alertIds()).containsExactly("A-night-high");
        assertThat(high.receivedAt()).isBefore(endOfQuiet);
        assertThat(digest.type()).isEqualTo("alert.digest");
        assertThat(digest.alertIds())
                .containsExactlyInAnyOrder("A-night-1", "A-night-2", "A-night-3");
        assertThat(digest.receivedAt()).isAfterOrEqualTo(endOfQuiet);
        Thread.sleep(500);
        assertThat(township.accepted()).hasSize(2);
        assertThat(township.redeliveries()).isZero();
    }

    @Test
    void aLowAlertPublishedBeforeTheEndOfTheQuietHoursButReadAfterItsDigestWentIsSentOnItsOwn()
            throws Exception {
        start("2025-09-19T07:29:58");
        Instant beforeTheEnd = shanghai("2025-09-19T07:29:59");
        publish(alert("A-in-digest", Severity.LOW), clock.instant());
        await(() -> township.accepted().size() == 1, Duration.ofSeconds(10));
        Alert late = alert("A-read-late", Severity.LOW);
        List<PlannedDelivery> planned = plan(late, beforeTheEnd);

        publish(late, beforeTheEnd);

        assertThat(planned)
                .singleElement()
                .extracting(PlannedDelivery::digestKey)
                .isEqualTo(township.accepted().get(0).webhookId());
        await(() -> township.accepted().size() == 2, Duration.ofSeconds(5));
        Receipt alone = township.accepted().get(1);
        assertThat(alone.alertIds()).containsExactly("A-read-late");
        assertThat(alone.type()).isEqualTo("alert.raised");
        assertThat(alone.webhookId()).isEqualTo(planned.get(0).deliveryId());
        assertThat(township.redeliveries()).isZero();
        await(
                () -> ledger.latest().get(planned.get(0).deliveryId()) == Status.DELIVERED,
                Duration.ofSeconds(5));
    }

    @Test
    void aRouteLimitedToNPerMinuteSendsNAtOnceAndTheRestAsTheBudgetRefillsLosingNone()
            throws Exception {
        start("2025-09-19T10:00:00");
        Instant t0 = clock.instant();
        Duration refill = Duration.ofMinutes(1).dividedBy(PER_MINUTE);

        for (int i = 1; i <= PER_MINUTE + 5; i++) {
            publish(alert("A-burst-" + i, Severity.MEDIUM), t0);
        }

        await(() -> township.accepted().size() == PER_MINUTE + 5, Duration.ofSeconds(30));
        List<Instant> times =
                township.accepted().stream().map(Receipt::receivedAt).sorted().toList();
        assertThat(times.stream().filter(t -> t.isBefore(t0.plus(refill))).count())
                .isEqualTo(PER_MINUTE);
        for (int k = 1; k <= 5; k++) {
            assertThat(times.get(PER_MINUTE + k - 1))
                    .as("send %d over the budget", k)
                    .isAfterOrEqualTo(t0.plus(refill.multipliedBy(k)));
        }
        assertThat(township.accepted())
                .flatExtracting(Receipt::alertIds)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, PER_MINUTE + 5)
                                .mapToObj(i -> "A-burst-" + i)
                                .toList());
        assertThat(ledger.latest().values()).hasSize(PER_MINUTE + 5).containsOnly(Status.DELIVERED);
        assertThat(ledger.deadLetters()).isEmpty();
    }

    @Test
    void aSubscriptionWhoseModelOrSeverityDoesNotMatchSendsNothing() throws Exception {
        start("2025-09-19T10:00:00");
        Instant now = clock.instant();
        Alert car =
                Alert.newBuilder(alertIn101("A-car", Severity.HIGH))
                        .setModelId("off-hours-vehicle")
                        .build();

        publish(car, now);
        publish(alertIn101("A-small", Severity.LOW), now);
        publish(alertIn101("A-money", Severity.MEDIUM), now);

        await(() -> other.accepted().size() == 1, Duration.ofSeconds(5));
        Thread.sleep(500);
        assertThat(other.accepted()).flatExtracting(Receipt::alertIds).containsExactly("A-money");
        assertThat(township.accepted()).isEmpty();
        assertThat(county.accepted()).isEmpty();
        assertThat(ledger.latest()).hasSize(1);
    }

    private void start(String shanghaiTime) throws Exception {
        SetClock setClock = new SetClock();
        clock = setClock;
        county = inbox();
        township = inbox();
        other = inbox();
        NotifierConfig config =
                NotifierConfig.parse(
                        new ObjectMapper(new YAMLFactory())
                                .readTree(
                                        YAML.formatted(
                                                county.webhookUrl(),
                                                township.webhookUrl(),
                                                other.webhookUrl(),
                                                PER_MINUTE)),
                        Map.of("INBOX_SECRET", SECRET, "CLEARWATCH_ACK_SECRET", "ack-secret"));
        deliverer =
                new Deliverer(
                        ledger,
                        ledger,
                        Notifier.senders(config, clock),
                        config.delivery().retry(),
                        config.routing().rateLimiter(),
                        new NotifierMetrics(new PrometheusRegistry()),
                        clock,
                        config.delivery().concurrency(),
                        null);
        open.add(deliverer);
        intake = new Intake(config.routing().router(), ledger, deliverer, clock);
        router = config;
        http =
                new NotifierHttp(
                        "127.0.0.1",
                        0,
                        new PrometheusRegistry(),
                        config.links(),
                        intake::acknowledge);
        open.add(http);
        // Set last, so that a slow start does not eat into the seconds a story has.
        setClock.set(shanghai(shanghaiTime));
    }

    /** The wall clock, moved so that it reads a chosen instant now; it runs on from there. */
    private static final class SetClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void set(Instant now) {
            offset = Duration.between(Instant.now(), now);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private List<PlannedDelivery> plan(Alert alert, Instant publishedAt) {
        return router.routing().router().plan(alert, publishedAt);
    }

    private InspectorInbox inbox() throws Exception {
        InspectorInbox inbox =
                new InspectorInbox(0, SECRET, StandardWebhooks.DEFAULT_TOLERANCE, clock, r -> {});
        open.add(inbox);
        return inbox;
    }

    private void publish(Alert alert, Instant publishedAt) {
        intake.take(List.of(new Intake.Published(alert, publishedAt)));
    }

    /** The latest statuses of the escalations ({@code true}) or of the direct pushes. */
    private List<Status> statuses(boolean escalations) {
        List<String> ids =
                ledger.entries().stream()
                        .filter(e -> e.status() == Status.PENDING)
                        .filter(e -> Boolean.TRUE.equals(e.unlessAcknowledged()) == escalations)
                        .map(LedgerEntry::deliveryId)
                        .toList();
        Map<String, Status> latest = ledger.latest();
        return ids.stream().map(latest::get).toList();
    }

    /** The path and signature of the acknowledgement link in a message, on this notifier. */
    private String ackLink(Receipt receipt) {
        Matcher m = Pattern.compile("/ack/[^?\\s)]+\\?sig=[A-Za-z0-9_-]+").matcher(receipt.text());
        assertThat(m.find()).as("an acknowledgement link in %s", receipt.text()).isTrue();
        return "http://127.0.0.1:" + http.port() + m.group();
    }

    private static int open(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** An alert of township 330299103's village 002. */
    private static Alert alert(String id, Severity severity) {
        return Alert.newBuilder(TestAlerts.lateDeposit(id)).setSeverity(severity).build();
    }

    private static Alert alertIn101(String id, Severity severity) {
        return Alert.newBuilder(alert(id, severity))
                .setTownshipCode("330299101")
                .setVillageCode("330299101004")
                .build();
    }

    private static Instant shanghai(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private void sleepUntil(Instant at) throws InterruptedException {
        long millis = Duration.between(clock.instant(), at).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static void await(BooleanSupplier condition, Duration atMost)
            throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + atMost);
            }
            Thread.sleep(20);
        }
    }
}
