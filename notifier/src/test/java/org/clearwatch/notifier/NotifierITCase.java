package org.clearwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.clearwatch.localkafka.LocalKafka;
import org.clearwatch.notifier.channels.Links;
import org.clearwatch.notifier.channels.StandardWebhooks;
import org.clearwatch.notifier.config.NotifierConfig;
import org.clearwatch.notifier.inbox.InspectorInbox;
import org.clearwatch.notifier.ledger.KafkaLedger;
import org.clearwatch.notifier.ledger.LedgerEntry;
import org.clearwatch.notifier.testing.NotifierFixture;
import org.clearwatch.notifier.testing.ScriptedReceiver;
import org.clearwatch.schema.alert.Alert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier against a real broker: committed alerts become signed pushes, the ledger records
 * them, a refused push lands in the dead letters with its reason, the acknowledgement link and the
 * metrics endpoint answer, and a clean restart sends nothing again.
 */
class NotifierITCase {

    private static LocalKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = LocalKafka.start();
        kafka.createTopic("alerts", 2, Map.of());
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void pushesLedgerDeadLettersAcknowledgementsAndMetrics(@TempDir Path dir) throws Exception {
        try (InspectorInbox inbox =
                        new InspectorInbox(
                                0,
                                NotifierFixture.SECRET,
                                StandardWebhooks.DEFAULT_TOLERANCE,
                                Clock.systemUTC(),
                                r -> {});
                ScriptedReceiver refusing =
                        new ScriptedReceiver(ScriptedReceiver.Answer.status(400))) {
            Path file =
                    NotifierFixture.writeConfig(
                            dir,
                            kafka.bootstrapServers(),
                            inbox.webhookUrl(),
                            refusing.url("/hooks"),
                            4);
            NotifierConfig config = NotifierConfig.load(file, NotifierFixture.ENV);
            List<Alert> alerts = new ArrayList<>();
            IntStream.rangeClosed(1, 5)
                    .forEach(i -> alerts.add(NotifierFixture.alert("A-it-" + i, "330299103")));
            alerts.add(NotifierFixture.alert("A-it-refused", "330299101"));

            try (Notifier notifier = Notifier.start(config, null)) {
                NotifierFixture.publish(kafka.bootstrapServers(), "alerts", alerts);

                await(() -> inbox.accepted().size() == 5, Duration.ofSeconds(30));
                assertThat(inbox.accepted())
                        .flatExtracting(InspectorInbox.Receipt::alertIds)
                        .containsExactlyInAnyOrder(
                                "A-it-1", "A-it-2", "A-it-3", "A-it-4", "A-it-5");
                await(
                        () -> statuses().containsValue(LedgerEntry.Status.DEAD),
                        Duration.ofSeconds(15));
                await(
                        () -> count(statuses(), LedgerEntry.Status.DELIVERED) == 5,
                        Duration.ofSeconds(15));
                assertThat(count(statuses(), LedgerEntry.Status.DEAD)).isEqualTo(1);

                List<JsonNode> letters = readAll("notify-dead-letters");
                assertThat(letters).hasSize(1);
                assertThat(letters.get(0).get("alertId").asText()).isEqualTo("A-it-refused");
                assertThat(letters.get(0).get("reason").asText()).isEqualTo("HTTP 400");
                assertThat(letters.get(0).toString())
                        .doesNotContain("收据")
                        .doesNotContain("330299101002-01");

                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + notifier.httpPort();
                Links links = config.links();
                assertThat(get(http, base + "/ack/A-it-1?sig=forged")).isEqualTo(403);
                assertThat(get(http, base + "/ack/A-it-1?sig=" + links.sign("A-it-1")))
                        .isEqualTo(200);
                await(() -> statuses().containsKey("ack:A-it-1"), Duration.ofSeconds(10));

                HttpResponse<String> metrics =
                        http.send(
                                HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body())
                        .contains("clearwatch_notify_pushes_sent_total{channel=\"webhook\"} 5.0")
                        .contains(
                                "clearwatch_notify_pushes_dead_lettered_total{channel=\"webhook\"} 1.0")
                        .contains(
                                "clearwatch_notify_delivery_delay_seconds_count{channel=\"webhook\"} 5")
                        .contains("clearwatch_notify_pending_deliveries 0.0");
            }

            // A clean restart reads the ledger and the committed offsets: nothing is sent again.
            try (Notifier again = Notifier.start(config, null)) {
                assertThat(again.restoredPending()).isZero();
                Thread.sleep(2_000);
                assertThat(inbox.redeliveries()).isZero();
                assertThat(refusing.requests()).hasSize(1);
            }
        }
    }

    private static int get(HttpClient http, String url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static Map<String, LedgerEntry.Status> statuses() {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        Map<String, LedgerEntry.Status> out = new java.util.HashMap<>();
        KafkaLedger.readAll(props, "notify-ledger").forEach((k, v) -> out.put(k, v.status()));
        return out;
    }

    private static long count(Map<String, LedgerEntry.Status> statuses, LedgerEntry.Status status) {
        return statuses.values().stream().filter(s -> s == status).count();
    }

    private static List<JsonNode> readAll(String topic) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(json.readTree(r.value()));
                }
            }
        }
        return out;
    }

    static void await(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + atMost).isTrue();
    }
}
