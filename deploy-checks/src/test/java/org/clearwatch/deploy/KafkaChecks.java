package org.clearwatch.deploy;

import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The Strimzi resources against what each Clearwatch process reads and writes. */
final class KafkaChecks {

    /**
     * What a topic must be for its readers: compacted or not, kept at least how long, and settings
     * that must have a given value.
     */
    record TopicNeed(
            String topic,
            boolean compacted,
            Duration minRetention,
            int minReplicas,
            Map<String, String> settings) {

        static TopicNeed feed(String topic) {
            return new TopicNeed(topic, false, Duration.ofDays(1), 3, Map.of());
        }

        static TopicNeed reference(String topic) {
            return new TopicNeed(topic, true, null, 3, Map.of());
        }
    }

    /** One permission: on a resource (topic, group, transactionalId) named so, an operation. */
    record Access(String type, String name, String operation) {

        @Override
        public String toString() {
            return operation + " on " + type + " " + name;
        }
    }

    private KafkaChecks() {}

    /** Every needed topic is declared with the cleanup, retention and replication it needs. */
    static List<String> topicProblems(Manifests.Result manifests, List<TopicNeed> needs) {
        List<String> problems = new ArrayList<>();
        String cluster = clusterName(manifests);
        Map<String, KafkaTopic> topics = new LinkedHashMap<>();
        for (KafkaTopic topic : manifests.all(KafkaTopic.class)) {
            String name =
                    topic.getSpec().getTopicName() != null
                            ? topic.getSpec().getTopicName()
                            : topic.getMetadata().getName();
            if (topics.put(name, topic) != null) {
                problems.add("topic " + name + " is declared twice");
            }
            String label =
                    topic.getMetadata().getLabels() == null
                            ? null
                            : topic.getMetadata().getLabels().get("strimzi.io/cluster");
            if (!Objects.equals(label, cluster)) {
                problems.add("topic " + name + " belongs to cluster " + label + ", not " + cluster);
            }
        }
        for (TopicNeed need : needs) {
            KafkaTopic topic = topics.get(need.topic());
            if (topic == null) {
                problems.add("topic " + need.topic() + " is not declared as a KafkaTopic");
                continue;
            }
            Map<String, Object> config =
                    topic.getSpec().getConfig() == null ? Map.of() : topic.getSpec().getConfig();
            String policy = String.valueOf(config.getOrDefault("cleanup.policy", "delete"));
            if (need.compacted() && !policy.contains("compact")) {
                problems.add(
                        "topic "
                                + need.topic()
                                + " must be compacted (cleanup.policy: compact), got "
                                + policy);
            }
            if (!need.compacted() && policy.contains("compact")) {
                problems.add(
                        "topic "
                                + need.topic()
                                + " must not be compacted: its records are events, not the latest state of a key");
            }
            if (need.minRetention() != null) {
                long retention =
                        Long.parseLong(
                                String.valueOf(config.getOrDefault("retention.ms", "604800000")));
                if (retention >= 0 && retention < need.minRetention().toMillis()) {
                    problems.add(
                            "topic "
                                    + need.topic()
                                    + " keeps records "
                                    + Duration.ofMillis(retention).toDays()
                                    + " days, less than the "
                                    + need.minRetention().toDays()
                                    + " its readers need");
                }
            }
            Integer replicas = topic.getSpec().getReplicas();
            if (replicas == null || replicas < need.minReplicas()) {
                problems.add(
                        "topic "
                                + need.topic()
                                + " has "
                                + replicas
                                + " replicas, fewer than "
                                + need.minReplicas());
            }
            need.settings()
                    .forEach(
                            (key, value) -> {
                                Object declared = config.get(key);
                                if (declared == null || !value.equals(String.valueOf(declared))) {
                                    problems.add(
                                            "topic "
                                                    + need.topic()
                                                    + " must set "
                                                    + key
                                                    + ": "
                                                    + value
                                                    + ", got "
                                                    + declared);
                                }
                            });
            Object minIsr = config.get("min.insync.replicas");
            if (minIsr == null || Integer.parseInt(String.valueOf(minIsr)) < 2) {
                problems.add(
                        "topic "
                                + need.topic()
                                + " must have min.insync.replicas of at least 2, got "
                                + minIsr);
            }
        }
        return problems;
    }

    /**
     * The cluster: KRaft, every listener TLS with SCRAM-SHA-512, ACLs enforced, long enough
     * transactions.
     */
    static List<String> clusterProblems(Manifests.Result manifests, Duration transactionTimeout) {
        List<String> problems = new ArrayList<>();
        List<Kafka> clusters = manifests.all(Kafka.class);
        if (clusters.size() != 1) {
            problems.add("expected one Kafka, found " + clusters.size());
            return problems;
        }
        Kafka kafka = clusters.get(0);
        String version = kafka.getSpec().getKafka().getVersion();
        if (!Repo.rootProperty("kafka.version").equals(version)) {
            problems.add(
                    "Kafka version "
                            + version
                            + " is not the build's kafka.version "
                            + Repo.rootProperty("kafka.version"));
        }
        for (GenericKafkaListener listener : kafka.getSpec().getKafka().getListeners()) {
            if (!listener.isTls()) {
                problems.add("listener " + listener.getName() + " is not TLS");
            }
            if (!(listener.getAuth() instanceof KafkaListenerAuthenticationScramSha512)) {
                problems.add(
                        "listener "
                                + listener.getName()
                                + " does not authenticate with SCRAM-SHA-512");
            }
        }
        if (kafka.getSpec().getKafka().getAuthorization() == null) {
            problems.add("Kafka has no authorization: KafkaUser ACLs would not be enforced");
        }
        Map<String, Object> config =
                kafka.getSpec().getKafka().getConfig() == null
                        ? Map.of()
                        : kafka.getSpec().getKafka().getConfig();
        long maxTimeout =
                Long.parseLong(
                        String.valueOf(
                                config.getOrDefault("transaction.max.timeout.ms", "900000")));
        if (transactionTimeout.toMillis() > maxTimeout) {
            problems.add(
                    "the job's kafka.transaction-timeout "
                            + transactionTimeout
                            + " exceeds the brokers' transaction.max.timeout.ms "
                            + maxTimeout);
        }
        if (!"false".equals(String.valueOf(config.get("auto.create.topics.enable")))) {
            problems.add(
                    "auto.create.topics.enable must be false: a misspelled topic must fail, not appear");
        }
        return problems;
    }

    /**
     * A user's ACLs allow every access it needs and nothing else (Describe comes with any operation
     * on the same resource, as Kafka grants it).
     */
    static List<String> aclProblems(Manifests.Result manifests, String user, List<Access> needs) {
        List<String> problems = new ArrayList<>();
        KafkaUser kafkaUser =
                manifests.all(KafkaUser.class).stream()
                        .filter(u -> u.getMetadata().getName().equals(user))
                        .findFirst()
                        .orElse(null);
        if (kafkaUser == null) {
            return List.of("no KafkaUser " + user);
        }
        if (!(kafkaUser.getSpec().getAuthorization()
                instanceof KafkaUserAuthorizationSimple simple)) {
            return List.of("KafkaUser " + user + " has no simple authorization");
        }
        for (AclRule rule : simple.getAcls()) {
            if (rule.getOperation() != null || rule.getOperations() == null) {
                problems.add(
                        "KafkaUser "
                                + user
                                + ": an ACL on "
                                + describe(rule)
                                + " must list operations (kafka.strimzi.io/v1 has no single operation)");
                return problems;
            }
        }
        for (Access need : needs) {
            boolean allowed = simple.getAcls().stream().anyMatch(rule -> allows(rule, need));
            if (!allowed) {
                problems.add("KafkaUser " + user + " may not " + need);
            }
        }
        for (AclRule rule : simple.getAcls()) {
            if (rule.getType() == AclRuleType.DENY) {
                continue;
            }
            for (AclOperation operation : rule.getOperations()) {
                boolean needed =
                        needs.stream()
                                .anyMatch(
                                        n ->
                                                covers(rule, n)
                                                        && (n.operation()
                                                                        .equalsIgnoreCase(
                                                                                operation.toValue())
                                                                || operation
                                                                        == AclOperation.DESCRIBE));
                if (!needed) {
                    problems.add(
                            "KafkaUser "
                                    + user
                                    + " is allowed more than it needs: "
                                    + operation.toValue()
                                    + " on "
                                    + describe(rule));
                }
            }
        }
        return problems;
    }

    private static boolean allows(AclRule rule, Access need) {
        if (rule.getType() == AclRuleType.DENY || !covers(rule, need)) {
            return false;
        }
        return rule.getOperations().stream()
                .anyMatch(
                        op ->
                                op == AclOperation.ALL
                                        || op.toValue().equalsIgnoreCase(need.operation()));
    }

    /** Whether the rule's resource is the needed one (literal) or a prefix of it. */
    private static boolean covers(AclRule rule, Access need) {
        String type;
        String name;
        AclResourcePatternType pattern;
        if (rule.getResource() instanceof AclRuleTopicResource topic) {
            type = "topic";
            name = topic.getName();
            pattern = topic.getPatternType();
        } else if (rule.getResource() instanceof AclRuleGroupResource group) {
            type = "group";
            name = group.getName();
            pattern = group.getPatternType();
        } else if (rule.getResource() instanceof AclRuleTransactionalIdResource transactionalId) {
            type = "transactionalId";
            name = transactionalId.getName();
            pattern = transactionalId.getPatternType();
        } else {
            return false; // cluster rights: Clearwatch needs none
        }
        if (!type.equals(need.type())) {
            return false;
        }
        return pattern == AclResourcePatternType.PREFIX
                ? need.name().startsWith(name)
                : name.equals(need.name());
    }

    private static String describe(AclRule rule) {
        return rule.getResource().getType().toLowerCase(Locale.ROOT)
                + " "
                + (rule.getResource() instanceof AclRuleTopicResource t
                        ? t.getName()
                        : rule.getResource() instanceof AclRuleGroupResource g
                                ? g.getName()
                                : rule.getResource() instanceof AclRuleTransactionalIdResource x
                                        ? x.getName()
                                        : "(cluster)");
    }

    private static String clusterName(Manifests.Result manifests) {
        List<Kafka> clusters = manifests.all(Kafka.class);
        return clusters.isEmpty() ? null : clusters.get(0).getMetadata().getName();
    }

    /** Read (and with it Describe) on each topic. */
    static List<Access> reads(String type, Set<String> names) {
        return names.stream().map(n -> new Access(type, n, "Read")).toList();
    }
}
