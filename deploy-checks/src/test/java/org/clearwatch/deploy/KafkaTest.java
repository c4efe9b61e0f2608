package org.clearwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.clearwatch.deploy.KafkaChecks.Access;
import org.clearwatch.deploy.KafkaChecks.TopicNeed;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.junit.jupiter.api.Test;

/**
 * The Strimzi cluster, topics and users against what the job (its configuration as deployed), the
 * notifier and the alert-history writer read and write.
 */
class KafkaTest {

    private static final Duration ALERTS_KEPT_AT_LEAST = Duration.ofDays(30);

    private static Manifests.Result kubernetes() {
        Manifests.Result result =
                Manifests.read(Manifests.yamlFiles(Repo.KUBERNETES.resolve("kafka")));
        assertThat(result.problems()).isEmpty();
        return result;
    }

    private static Manifests.Result fixture(String file) {
        Manifests.Result result = Manifests.read(Repo.FIXTURES.resolve(file));
        assertThat(result.problems()).isEmpty();
        return result;
    }

    /** What the FlinkDeployment's environment gives from Secrets. */
    static final Map<String, String> SECRETS_IN_ENVIRONMENT =
            Map.of(
                    "CLEARWATCH_KAFKA_PASSWORD",
                    "scram-password",
                    "CLEARWATCH_TRUSTSTORE_PASSWORD",
                    "ca-password");

    /** The job's configuration as the FlinkDeployment mounts it. */
    static ClearwatchConfig deployedJobConfig() {
        return ClearwatchConfig.of(
                ConfigMaps.properties(
                        Repo.KUBERNETES.resolve("flink/job-config.yaml"),
                        "clearwatch-job-config",
                        "clearwatch.properties"),
                SECRETS_IN_ENVIRONMENT);
    }

    private static Set<String> sourceTopics(ClearwatchConfig config) {
        Set<String> topics = new TreeSet<>();
        ClearwatchConfig.FEED_TOPICS.values().forEach(setting -> topics.add(config.get(setting)));
        return topics;
    }

    static List<TopicNeed> topicNeeds(ClearwatchConfig config) {
        List<TopicNeed> needs = new ArrayList<>();
        for (String topic : sourceTopics(config)) {
            needs.add(
                    topic.startsWith("ref-") ? TopicNeed.reference(topic) : TopicNeed.feed(topic));
        }
        needs.add(
                new TopicNeed(
                        config.get(ClearwatchConfig.ALERTS_TOPIC),
                        false,
                        ALERTS_KEPT_AT_LEAST,
                        3,
                        ClearwatchConfig.ALERTS_TOPIC_CONFIGS));
        needs.add(TopicNeed.feed(config.get(ClearwatchConfig.REJECTS_TOPIC)));
        needs.add(TopicNeed.reference("notify-ledger"));
        needs.add(TopicNeed.feed("notify-dead-letters"));
        return needs;
    }

    static List<Access> jobAccess(ClearwatchConfig config) {
        List<Access> needs = new ArrayList<>(KafkaChecks.reads("topic", sourceTopics(config)));
        needs.add(new Access("topic", config.get(ClearwatchConfig.ALERTS_TOPIC), "Write"));
        needs.add(new Access("topic", config.get(ClearwatchConfig.REJECTS_TOPIC), "Write"));
        needs.add(new Access("group", config.get(ClearwatchConfig.GROUP_ID), "Read"));
        // The sinks' transactional ids: PREFIX-alerts-<subtask>-<n> and PREFIX-rejects-...
        String prefix = config.get(ClearwatchConfig.TRANSACTIONAL_ID_PREFIX);
        for (String sink : List.of("-alerts-0-1", "-rejects-0-1")) {
            needs.add(new Access("transactionalId", prefix + sink, "Write"));
            needs.add(new Access("transactionalId", prefix + sink, "Describe"));
        }
        return needs;
    }

    @Test
    void theJobUsesEveryTopicOfTheDesign() {
        assertThat(sourceTopics(deployedJobConfig()))
                .containsExactlyInAnyOrder(
                        "ledger-entries",
                        "bank-payouts",
                        "gps-pings",
                        "ref-deaths",
                        "ref-officials",
                        "ref-vehicles",
                        "ref-dispatches",
                        "ref-zones",
                        "ref-calendar");
    }

    @Test
    void everyTopicIsDeclaredCompactedOrKeptAsItsReadersNeed() {
        assertThat(KafkaChecks.topicProblems(kubernetes(), topicNeeds(deployedJobConfig())))
                .isEmpty();
    }

    @Test
    void aMissingTopicAnUncompactedReferenceTopicAndShortLivedAlertsAreRejected() {
        assertThat(
                        KafkaChecks.topicProblems(
                                fixture("kafka-topics-bad.yaml"), topicNeeds(deployedJobConfig())))
                .contains(
                        "topic ref-zones must be compacted (cleanup.policy: compact), got delete",
                        "topic alerts keeps records 7 days, less than the 30 its readers need",
                        "topic alerts must set message.timestamp.type: LogAppendTime, got null",
                        "topic ledger-entries must not be compacted: its records are events, not the latest state of a key",
                        "topic gps-pings has 1 replicas, fewer than 3",
                        "topic feed-rejects must have min.insync.replicas of at least 2, got null",
                        "topic gps-pings belongs to cluster other, not clearwatch-kafka",
                        "topic bank-payouts is not declared as a KafkaTopic");
    }

    @Test
    void theClusterTalksOnlyTlsWithScramAndEnforcesAcls() {
        Duration timeout = deployedJobConfig().get(ClearwatchConfig.TRANSACTION_TIMEOUT);

        assertThat(KafkaChecks.clusterProblems(kubernetes(), timeout)).isEmpty();
    }

    @Test
    void aPlaintextListenerOpenTopicCreationOrShortTransactionsAreRejected() {
        assertThat(
                        KafkaChecks.clusterProblems(
                                fixture("kafka-cluster-bad.yaml"), Duration.ofMinutes(10)))
                .containsExactlyInAnyOrder(
                        "Kafka version 3.9.0 is not the build's kafka.version "
                                + Repo.rootProperty("kafka.version"),
                        "listener plain is not TLS",
                        "listener plain does not authenticate with SCRAM-SHA-512",
                        "Kafka has no authorization: KafkaUser ACLs would not be enforced",
                        "the job's kafka.transaction-timeout PT10M exceeds the brokers' transaction.max.timeout.ms 300000",
                        "auto.create.topics.enable must be false: a misspelled topic must fail, not appear");
    }

    @Test
    void theJobMayReadItsFeedsWriteAlertsInTransactionsAndNothingMore() {
        assertThat(
                        KafkaChecks.aclProblems(
                                kubernetes(), "clearwatch-job", jobAccess(deployedJobConfig())))
                .isEmpty();
    }

    @Test
    void theNotifierAndTheHistoryWriterMayDoWhatTheyNeedAndNothingMore() {
        List<Access> notifier =
                List.of(
                        new Access("topic", "alerts", "Read"),
                        new Access("topic", "notify-ledger", "Read"),
                        new Access("topic", "notify-ledger", "Write"),
                        new Access("topic", "notify-dead-letters", "Write"),
                        new Access("group", "clearwatch-notifier", "Read"));
        List<Access> history =
                List.of(
                        new Access("topic", "alerts", "Read"),
                        new Access("group", "clearwatch-alert-history", "Read"));

        assertThat(KafkaChecks.aclProblems(kubernetes(), "clearwatch-notifier", notifier))
                .isEmpty();
        assertThat(KafkaChecks.aclProblems(kubernetes(), "clearwatch-alert-history", history))
                .isEmpty();
    }

    @Test
    void aJobUserWithoutTransactionalIdsOrWithWildcardRightsIsRejected() {
        assertThat(
                        KafkaChecks.aclProblems(
                                fixture("kafka-users-bad.yaml"),
                                "clearwatch-job",
                                jobAccess(deployedJobConfig())))
                .contains(
                        "KafkaUser clearwatch-job may not Write on transactionalId clearwatch-alerts-0-1",
                        "KafkaUser clearwatch-job may not Describe on transactionalId clearwatch-rejects-0-1",
                        "KafkaUser clearwatch-job may not Read on group clearwatch",
                        "KafkaUser clearwatch-job is allowed more than it needs: Write on topic ledger-entries",
                        "KafkaUser clearwatch-job is allowed more than it needs: Read on topic c");
    }

    @Test
    void aTransactionalIdPrefixOtherThanTheJobsIsNotEnough() {
        ClearwatchConfig renamed =
                ClearwatchConfig.of(
                        Map.of(
                                "kafka.bootstrap-servers",
                                "k:9093",
                                "kafka.transactional-id-prefix",
                                "supervision"),
                        Map.of());

        assertThat(KafkaChecks.aclProblems(kubernetes(), "clearwatch-job", jobAccess(renamed)))
                .contains(
                        "KafkaUser clearwatch-job may not Write on transactionalId supervision-alerts-0-1");
    }
}
