package org.clearwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.feeds.KafkaClients;
import org.junit.jupiter.api.Test;

/** Kafka over SASL_SSL with secrets from Secrets, Flink REST inside the cluster, quiet logs. */
class SecurityTest {

    private static final Map<String, String> SECRETS_IN_ENVIRONMENT =
            KafkaTest.SECRETS_IN_ENVIRONMENT;

    private static Manifests.Result all() {
        Manifests.Result result = Manifests.kubernetes();
        assertThat(result.problems()).isEmpty();
        return result;
    }

    private static Manifests.Result examples() {
        Manifests.Result examples = Manifests.read(Repo.KUBERNETES.resolve("secrets.example.yaml"));
        assertThat(examples.problems()).isEmpty();
        return examples;
    }

    @Test
    void theDeployedJobTalksToKafkaOverSaslSslWithItsPasswordsFromTheEnvironment() {
        Properties kafka = KafkaClients.security(KafkaTest.deployedJobConfig());

        assertThat(kafka.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(kafka.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(kafka.getProperty("sasl.jaas.config"))
                .contains("username=\"clearwatch-job\"", "password=\"scram-password\"");
        assertThat(kafka.getProperty("ssl.truststore.password")).isEqualTo("ca-password");
    }

    @Test
    void theTruststoreTheJobReadsIsTheClusterCaMountedFromItsSecret() {
        String truststore = KafkaTest.deployedJobConfig().get(ClearwatchConfig.TRUSTSTORE);
        FlinkDeployment flink = all().all(FlinkDeployment.class).get(0);
        Container main = FlinkChecks.mainContainer(flink.getSpec()).orElseThrow();
        VolumeMount mount =
                main.getVolumeMounts().stream()
                        .filter(m -> truststore.startsWith(m.getMountPath() + "/"))
                        .findFirst()
                        .orElseThrow();

        assertThat(flink.getSpec().getPodTemplate().getSpec().getVolumes())
                .anySatisfy(
                        v -> {
                            assertThat(v.getName()).isEqualTo(mount.getName());
                            assertThat(v.getSecret().getSecretName())
                                    .isEqualTo("clearwatch-kafka-cluster-ca-cert");
                            assertThat(v.getSecret().getItems())
                                    .anySatisfy(
                                            item ->
                                                    assertThat(
                                                                    mount.getMountPath()
                                                                            + "/"
                                                                            + item.getPath())
                                                            .isEqualTo(truststore));
                        });
    }

    @Test
    void theRunExampleUsesSaslSslAndRefusesToStartWithoutThePasswordInTheEnvironment() {
        Path example = Repo.ROOT.resolve("deploy/local/clearwatch-sasl.properties");
        ClearwatchConfig config = ClearwatchConfig.load(example, SECRETS_IN_ENVIRONMENT);

        assertThat(KafkaClients.security(config).getProperty("security.protocol"))
                .isEqualTo("SASL_SSL");
        ClearwatchConfig withoutPassword = ClearwatchConfig.load(example, Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> KafkaClients.security(withoutPassword))
                .hasMessageContaining("kafka.sasl-password must be set");
    }

    @Test
    void everySecretAPodReadsIsWrittenByStrimziOrListedInTheExample() {
        assertThat(SecurityChecks.secretProblems(all(), examples())).isEmpty();
    }

    @Test
    void aPodReadingAnUnknownSecretOrCarryingAPasswordInClearIsRejected() {
        Manifests.Result broken =
                Manifests.read(Repo.FIXTURES.resolve("deployment-secrets-bad.yaml"));
        assertThat(broken.problems()).isEmpty();

        assertThat(SecurityChecks.secretProblems(broken, examples()))
                .containsExactlyInAnyOrder(
                        "clearwatch-notifier: CLEARWATCH_KAFKA_PASSWORD reads clearwatch-notifier/password, which neither Strimzi nor secrets.example.yaml provides",
                        "clearwatch-notifier: CLEARWATCH_SMTP_PASSWORD is written in clear",
                        "clearwatch-notifier: volume ca mounts Secret kafka-ca, which nobody provides",
                        "Secret leaked is in the manifests: secrets are created apart");
    }

    @Test
    void noConfigurationFileHoldsASecretInClear() throws Exception {
        List<String> problems = new ArrayList<>(SecurityChecks.secretsInConfigMaps(all()));
        // Outside the manifests (whose pods and ConfigMaps are checked above): run and compose
        // files.
        try (Stream<Path> files = Files.walk(Repo.ROOT.resolve("deploy"))) {
            for (Path file :
                    files.filter(Files::isRegularFile)
                            .filter(f -> !f.startsWith(Repo.KUBERNETES))
                            .filter(f -> f.toString().matches(".*\\.(properties|ya?ml)$"))
                            .toList()) {
                problems.addAll(
                        SecurityChecks.secretsInText(
                                Repo.ROOT.relativize(file).toString(), Repo.read(file)));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aPasswordWrittenIntoAConfigurationFileIsFound() {
        assertThat(
                        SecurityChecks.secretsInText(
                                "clearwatch.properties",
                                "kafka.sasl-username = job\nkafka.sasl-password = hunter2\n# kafka.ssl-truststore-password = x\n"))
                .containsExactly("clearwatch.properties: kafka.sasl-password is written in clear");
        assertThat(
                        SecurityChecks.secretsInText(
                                "notify.yaml",
                                "destinations:\n  - secret-env: HOOK_SECRET\n    secret: abc123\n"))
                .containsExactly("notify.yaml: secret is written in clear");
    }

    @Test
    void flinksRestEndpointStaysInsideTheClusterBehindANetworkPolicy() {
        assertThat(SecurityChecks.restProblems(all())).isEmpty();
    }

    @Test
    void anExposedRestEndpointIsRejected() {
        Manifests.Result broken = Manifests.read(Repo.FIXTURES.resolve("flink-rest-exposed.yaml"));
        assertThat(broken.problems()).isEmpty();

        assertThat(SecurityChecks.restProblems(broken))
                .containsExactlyInAnyOrder(
                        "clearwatch: kubernetes.rest-service.exposed.type must be ClusterIP, got LoadBalancer",
                        "clearwatch: spec.ingress exposes the REST endpoint outside the cluster",
                        "clearwatch: NetworkPolicy clearwatch-flink lets anyone reach the REST port 8081",
                        "Service flink-ui is NodePort, reachable outside the cluster");
    }

    @Test
    void noDeploymentRaisesLogLevelsThatWouldPrintRecords() {
        assertThat(SecurityChecks.logProblems(all())).isEmpty();
        assertThat(
                        SecurityChecks.logProblems(
                                Manifests.read(Repo.FIXTURES.resolve("flink-rest-exposed.yaml"))))
                .containsExactly("clearwatch log4j-console.properties: logger.kafka.level = DEBUG");
    }
}
