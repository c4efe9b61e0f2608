package org.clearwatch.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.feeds.Feed;
import org.clearwatch.jobs.pipeline.ClearwatchJob;
import org.clearwatch.jobs.pipeline.JobEnvironment;
import org.clearwatch.jobs.sim.Scenario;
import org.clearwatch.localkafka.LocalKafka;
import org.clearwatch.patterns.Models;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.alert.Alert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every model at once on the real stack: the scenario of every feed published to a KRaft broker,
 * the job with all models on a MiniCluster with RocksDB and the transactional sink, and the alerts
 * read back with read_committed, compared id by id with the simulations' ground truth.
 */
class AllModelsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static LocalKafka kafka;
    private static KafkaTopics topics;

    @TempDir Path checkpoints;

    @BeforeAll
    static void startBroker() {
        kafka = LocalKafka.start();
        topics = new KafkaTopics(kafka);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void everyModelGivesExactlyTheGroundTruthOverKafka() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        settings.put("kafka.group-id", "it-" + UUID.randomUUID());
        settings.put("kafka.transactional-id-prefix", "it-" + UUID.randomUUID());
        settings.put("checkpoint.interval", "1s");
        settings.put("checkpoint.dir", checkpoints.toUri().toString());
        Map<Feed<?>, String> topicOf = new LinkedHashMap<>();
        for (Feed<?> feed : Feed.ALL) {
            String key = ClearwatchConfig.FEED_TOPICS.get(feed.feed()).key();
            String topic = topics.create(feed.name().replace('.', '-'), feed.isReference() ? 1 : 2);
            settings.put(key, topic);
            topicOf.put(feed, topic);
        }
        String alerts = topics.create("alerts", 2);
        settings.put("topics.alerts", alerts);
        settings.put("topics.rejects", topics.create("feed-rejects", 1));
        ClearwatchConfig config = ClearwatchConfig.defaults(settings);

        Scenario scenario =
                Scenario.generate(
                        new Scenario.Options(21L, LocalDate.of(2025, 9, 15), 30),
                        config.models(),
                        WorkingCalendar.china());
        Map<String, List<byte[][]>> byTopic = new LinkedHashMap<>();
        for (Scenario.Publication p : scenario.publications()) {
            byTopic.computeIfAbsent(topicOf.get(p.feed()), t -> new ArrayList<>())
                    .add(
                            new byte[][] {
                                p.key().getBytes(StandardCharsets.UTF_8),
                                Records.toBytes(p.record())
                            });
        }
        for (Map.Entry<String, List<byte[][]>> e : byTopic.entrySet()) {
            topics.send(e.getKey(), e.getValue());
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobEnvironment.configure(env, config);
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(noRestarts);
        ClearwatchJob.build(env, config, true);
        env.execute("it-all-models");

        // At the end of bounded feeds event time runs out and every deadline fires; the scenario
        // promises alerts up to its last day only.
        List<String> got =
                topics.readCommitted(alerts, AllModelsITCase::alert).stream()
                        .filter(a -> a.getEventTime().isBefore(scenario.end()))
                        .map(a -> a.getAlertId() + " " + a.getKind() + " " + a.getEventTime())
                        .sorted()
                        .toList();
        List<String> expected =
                scenario.expected().stream()
                        .map(e -> e.alertId() + " " + e.kind() + " " + e.eventTime())
                        .sorted()
                        .toList();

        assertThat(got).containsExactlyElementsOf(expected);
        Map<String, Long> plantedPerModel = new TreeMap<>();
        scenario.expected().forEach(e -> plantedPerModel.merge(e.modelId(), 1L, Long::sum));
        List<String> shipped = Models.ALL.stream().map(m -> m.spec().id()).sorted().toList();
        assertThat(plantedPerModel.keySet())
                .as("every shipped model has planted cases")
                .containsExactlyElementsOf(shipped);
    }

    private static Alert alert(ConsumerRecord<byte[], byte[]> r) {
        try {
            return Records.<Alert>decoder(Alert.getClassSchema()).decode(r.value());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
