package org.clearwatch.notifier.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.alert.Alert;

/** A notifier configuration for loopback receivers, and alerts published the way the job does. */
public final class NotifierFixture {

    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public static final String ACK_SECRET = "ack-secret-for-tests";
    public static final Map<String, String> ENV =
            Map.of("INBOX_SECRET", SECRET, "CLEARWATCH_ACK_SECRET", ACK_SECRET);

    private NotifierFixture() {}

    /**
     * Township 330299103 goes to {@code inboxUrl}; township 330299101 to {@code otherUrl}, if
     * given.
     */
    public static Path writeConfig(
            Path dir, String bootstrap, String inboxUrl, String otherUrl, int concurrency)
            throws IOException {
        String yaml =
                "kafka:\n"
                        + "  bootstrap-servers: "
                        + bootstrap
                        + "\n"
                        + "delivery:\n"
                        + "  initial-backoff: 100ms\n"
                        + "  max-backoff: 1s\n"
                        + "  request-timeout: 2s\n"
                        + "  concurrency: "
                        + concurrency
                        + "\n"
                        + "allow-list:\n"
                        + "  - 127.0.0.1:*\n"
                        + "metrics:\n"
                        + "  port: 0\n"
                        + "  host: 127.0.0.1\n"
                        + "recipients:\n"
                        + "  - id: township-103\n"
                        + "    destinations:\n"
                        + "      - name: t103-inbox\n"
                        + "        channel: webhook\n"
                        + "        url: "
                        + inboxUrl
                        + "\n"
                        + "        secret-env: INBOX_SECRET\n"
                        + (otherUrl == null
                                ? ""
                                : "  - id: township-101\n"
                                        + "    destinations:\n"
                                        + "      - name: t101-office\n"
                                        + "        channel: webhook\n"
                                        + "        url: "
                                        + otherUrl
                                        + "\n"
                                        + "        secret-env: INBOX_SECRET\n")
                        + "subscriptions:\n"
                        + "  - id: t103\n"
                        + "    recipient: township-103\n"
                        + "    division: \"330299103\"\n"
                        + (otherUrl == null
                                ? ""
                                : "  - id: t101\n"
                                        + "    recipient: township-101\n"
                                        + "    division: \"330299101\"\n");
        Path file = dir.resolve("notify.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Publishes alerts to the topic, each as the job writes it (single-object Avro). */
    public static void publish(String bootstrap, String topic, List<Alert> alerts) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (Alert alert : alerts) {
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                null,
                                Instant.now().toEpochMilli(),
                                alert.getAlertId(),
                                Records.toBytes(alert)));
            }
            producer.flush();
        }
    }

    /** A late-deposit alert in a village of the township. */
    public static Alert alert(String alertId, String township) {
        return Alert.newBuilder(TestAlerts.lateDeposit(alertId))
                .setTownshipCode(township)
                .setVillageCode(township + "002")
                .build();
    }
}
