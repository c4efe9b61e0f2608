package org.clearwatch.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/** The security defaults that a manifest can break: secrets, the REST endpoint, log levels. */
final class SecurityChecks {

    /** A key whose value is a secret; *-env keys name an environment variable instead. */
    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i)^[\\w.-]*(password|secret|token)[\\w.-]*$");

    private SecurityChecks() {}

    /** Pod specs of the Deployments and of the FlinkDeployment, by owner name. */
    static Map<String, PodSpec> podSpecs(Manifests.Result manifests) {
        Map<String, PodSpec> pods = new LinkedHashMap<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            pods.put(
                    deployment.getMetadata().getName(),
                    deployment.getSpec().getTemplate().getSpec());
        }
        for (FlinkDeployment flink : manifests.all(FlinkDeployment.class)) {
            if (flink.getSpec().getPodTemplate() != null) {
                pods.put(flink.getMetadata().getName(), flink.getSpec().getPodTemplate().getSpec());
            }
        }
        return pods;
    }

    /**
     * Every Secret a pod reads is one Strimzi writes (a KafkaUser's password, the cluster CA) or
     * one the example lists with that key; no container carries a secret value in clear.
     */
    static List<String> secretProblems(Manifests.Result manifests, Manifests.Result examples) {
        Map<String, Set<String>> known = new LinkedHashMap<>();
        for (KafkaUser user : manifests.all(KafkaUser.class)) {
            known.put(user.getMetadata().getName(), Set.of("password", "sasl.jaas.config"));
        }
        for (Kafka kafka : manifests.all(Kafka.class)) {
            known.put(
                    kafka.getMetadata().getName() + "-cluster-ca-cert",
                    Set.of("ca.crt", "ca.p12", "ca.password"));
        }
        for (Secret secret : examples.all(Secret.class)) {
            Set<String> keys = new TreeSet<>();
            if (secret.getStringData() != null) {
                keys.addAll(secret.getStringData().keySet());
            }
            if (secret.getData() != null) {
                keys.addAll(secret.getData().keySet());
            }
            known.put(secret.getMetadata().getName(), keys);
        }
        List<String> problems = new ArrayList<>();
        for (Secret secret : manifests.all(Secret.class)) {
            problems.add(
                    "Secret "
                            + secret.getMetadata().getName()
                            + " is in the manifests: secrets are created apart");
        }
        podSpecs(manifests)
                .forEach(
                        (owner, pod) -> {
                            for (Container container : pod.getContainers()) {
                                for (EnvVar env : container.getEnv()) {
                                    if (env.getValueFrom() != null
                                            && env.getValueFrom().getSecretKeyRef() != null) {
                                        String name =
                                                env.getValueFrom().getSecretKeyRef().getName();
                                        String key = env.getValueFrom().getSecretKeyRef().getKey();
                                        if (!known.getOrDefault(name, Set.of()).contains(key)) {
                                            problems.add(
                                                    owner
                                                            + ": "
                                                            + env.getName()
                                                            + " reads "
                                                            + name
                                                            + "/"
                                                            + key
                                                            + ", which neither Strimzi nor secrets.example.yaml provides");
                                        }
                                    } else if (SECRET_KEY.matcher(env.getName()).matches()
                                            && env.getValue() != null
                                            && !env.getValue().isEmpty()) {
                                        problems.add(
                                                owner
                                                        + ": "
                                                        + env.getName()
                                                        + " is written in clear");
                                    }
                                }
                            }
                            for (Volume volume : pod.getVolumes()) {
                                if (volume.getSecret() != null
                                        && !known.containsKey(volume.getSecret().getSecretName())) {
                                    problems.add(
                                            owner
                                                    + ": volume "
                                                    + volume.getName()
                                                    + " mounts Secret "
                                                    + volume.getSecret().getSecretName()
                                                    + ", which nobody provides");
                                }
                            }
                        });
        return problems;
    }

    /** Keys of configuration files in ConfigMaps that hold a secret value in clear. */
    static List<String> secretsInConfigMaps(Manifests.Result manifests) {
        List<String> problems = new ArrayList<>();
        for (ConfigMap map : manifests.all(ConfigMap.class)) {
            if (map.getData() == null
                    || map.getMetadata().getLabels() != null
                            && map.getMetadata().getLabels().containsKey("grafana_dashboard")) {
                continue;
            }
            map.getData()
                    .forEach(
                            (file, content) ->
                                    problems.addAll(
                                            secretsInText(
                                                    "ConfigMap "
                                                            + map.getMetadata().getName()
                                                            + " "
                                                            + file,
                                                    content)));
        }
        return problems;
    }

    /** Lines "key = value" or "key: value" whose key names a secret and whose value is given. */
    static List<String> secretsInText(String where, String content) {
        List<String> problems = new ArrayList<>();
        for (String line : content.split("\n")) {
            String trimmed = line.trim().replaceFirst("^-\\s+", "");
            if (trimmed.startsWith("#")) {
                continue;
            }
            String[] pair = trimmed.split("\\s*[=:]\\s*", 2);
            if (pair.length == 2
                    && !pair[1].isEmpty()
                    && SECRET_KEY.matcher(pair[0]).matches()
                    && !pair[0].endsWith("-env")
                    && !pair[1].startsWith("${")) {
                problems.add(where + ": " + pair[0] + " is written in clear");
            }
        }
        return problems;
    }

    /** The REST endpoint: a ClusterIP service, no Ingress, a NetworkPolicy in front of it. */
    static List<String> restProblems(Manifests.Result manifests) {
        List<String> problems = new ArrayList<>();
        for (FlinkDeployment flink : manifests.all(FlinkDeployment.class)) {
            String name = flink.getMetadata().getName();
            Map<String, String> conf = flink.getSpec().getFlinkConfiguration();
            String exposed = conf == null ? null : conf.get("kubernetes.rest-service.exposed.type");
            if (!"ClusterIP".equals(exposed)) {
                problems.add(
                        name
                                + ": kubernetes.rest-service.exposed.type must be ClusterIP, got "
                                + exposed);
            }
            if (flink.getSpec().getIngress() != null) {
                problems.add(name + ": spec.ingress exposes the REST endpoint outside the cluster");
            }
            Map<String, String> podLabels = Map.of("type", "flink-native-kubernetes", "app", name);
            List<NetworkPolicy> policies =
                    manifests.all(NetworkPolicy.class).stream()
                            .filter(
                                    p ->
                                            Generated.selects(
                                                    p.getSpec().getPodSelector().getMatchLabels(),
                                                    podLabels))
                            .toList();
            if (policies.isEmpty()) {
                problems.add(name + ": no NetworkPolicy selects the Flink pods");
            }
            for (NetworkPolicy policy : policies) {
                for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                    boolean anyone = rule.getFrom() == null || rule.getFrom().isEmpty();
                    boolean rest =
                            rule.getPorts() == null
                                    || rule.getPorts().isEmpty()
                                    || rule.getPorts().stream()
                                            .map(NetworkPolicyPort::getPort)
                                            .anyMatch(
                                                    p ->
                                                            p != null
                                                                    && Integer.valueOf(8081)
                                                                            .equals(p.getIntVal()));
                    if (anyone && rest) {
                        problems.add(
                                name
                                        + ": NetworkPolicy "
                                        + policy.getMetadata().getName()
                                        + " lets anyone reach the REST port 8081");
                    }
                }
            }
        }
        for (Service service : manifests.all(Service.class)) {
            String type = service.getSpec().getType();
            if (type != null && !type.equals("ClusterIP")) {
                problems.add(
                        "Service "
                                + service.getMetadata().getName()
                                + " is "
                                + type
                                + ", reachable outside the cluster");
            }
        }
        return problems;
    }

    /** Logs at DEBUG or TRACE print records (and so personal data) from clients and operators. */
    static List<String> logProblems(Manifests.Result manifests) {
        List<String> problems = new ArrayList<>();
        for (FlinkDeployment flink : manifests.all(FlinkDeployment.class)) {
            Map<String, String> logs = flink.getSpec().getLogConfiguration();
            if (logs == null) {
                continue;
            }
            logs.forEach(
                    (file, content) -> {
                        for (String line : content.split("\n")) {
                            if (!line.trim().startsWith("#")
                                    && line.matches("(?i).*level\\s*=\\s*(debug|trace|all).*")) {
                                problems.add(
                                        flink.getMetadata().getName()
                                                + " "
                                                + file
                                                + ": "
                                                + line.trim());
                            }
                        }
                    });
        }
        return problems;
    }
}
