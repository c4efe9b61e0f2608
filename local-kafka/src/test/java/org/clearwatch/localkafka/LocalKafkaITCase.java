package org.clearwatch.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs against a real broker in a child JVM; nothing here is mocked. */
class LocalKafkaITCase {

    private static final String TOPIC = "local-kafka-it";

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void transactionsAreIsolatedAndCloseLeavesNothingBehind() throws Exception {
        ProcessHandle broker;
        Path dataDir;
        try (LocalKafka kafka = LocalKafka.start()) {
            broker = kafka.process();
            dataDir = kafka.dataDir();
            assertThat(broker.isAlive()).isTrue();
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(kafka.logFile()).startsWith(dataDir).exists();

            kafka.createTopic(TOPIC, 2, Map.of("retention.ms", "-1"));
            // Idempotent: the demo and tests create their topics unconditionally.
            kafka.createTopic(TOPIC, 2, Map.of());

            try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
                producer.initTransactions();

                producer.beginTransaction();
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "k" + i, "committed-" + i));
                }
                producer.commitTransaction();

                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, "k0", "aborted-0"));
                producer.send(new ProducerRecord<>(TOPIC, "k1", "aborted-1"));
                // Flushed so the aborted records really reach the log before the abort.
                producer.flush();
                producer.abortTransaction();

                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, "k2", "after-abort"));
                producer.commitTransaction();
            }

            assertThat(readAll(kafka, "read_committed", 4))
                    .containsExactlyInAnyOrder(
                            "committed-0", "committed-1", "committed-2", "after-abort");
            // Proves the aborted records were written at all, so the check above means something.
            assertThat(readAll(kafka, "read_uncommitted", 6)).contains("aborted-0", "aborted-1");

            assertThat(Files.readString(kafka.logFile()))
                    .contains(LocalKafkaMain.READY_MARKER)
                    // WARN level: the chatty INFO startup lines must not be there.
                    .doesNotContain("KafkaConfig values");
        }

        assertThat(broker.isAlive()).isFalse();
        assertThat(dataDir).doesNotExist();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void givenDataDirIsKeptAndReusedOnOtherPorts(@TempDir Path tempDir) throws Exception {
        Path dataDir = tempDir.resolve("kafka data");
        int firstPort;
        try (LocalKafka kafka = LocalKafka.start(LocalKafka.Options.defaults().dataDir(dataDir))) {
            firstPort = kafka.brokerPort();
            kafka.createTopic(TOPIC, 3, Map.of());
        }
        assertThat(dataDir.resolve("server.properties")).exists();

        try (LocalKafka kafka = LocalKafka.start(LocalKafka.Options.defaults().dataDir(dataDir))) {
            assertThat(kafka.brokerPort()).isNotEqualTo(firstPort);
            try (Admin admin = admin(kafka)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(TOPIC);
            }
        }
        assertThat(dataDir).exists();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void startupFailureReportsTheTailOfTheBrokerLog() {
        assertThatThrownBy(
                        () ->
                                LocalKafka.start(
                                        LocalKafka.Options.defaults()
                                                .brokerProperty("num.io.threads", "lots")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("num.io.threads");
    }

    private static KafkaProducer<String, String> transactionalProducer(LocalKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-kafka-it-" + UUID.randomUUID());
        // What the Flink transactional sink of the project asks for; must be within the cap.
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 600_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(props);
    }

    /** Reads from the beginning until {@code expected} values arrived or 30 s passed. */
    private static List<String> readAll(LocalKafka kafka, String isolationLevel, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions =
                    List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // One more poll so that unexpected extra records would show up in the assertion.
            consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
        }
        return values;
    }

    private static Admin admin(LocalKafka kafka) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(props);
    }
}
