package org.clearwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.clearwatch.history.AlertHistoryMain;
import org.clearwatch.history.HistoryConfig;
import org.clearwatch.history.HistoryConfigException;
import org.clearwatch.notifier.NotifierMain;
import org.clearwatch.notifier.config.NotifierConfig;
import org.clearwatch.notifier.plan.NotifyConfigException;
import org.junit.jupiter.api.Test;

/**
 * The notifier's and the history writer's configurations, as Kubernetes and compose deploy them,
 * load with the processes' own readers, in an environment holding exactly the variables the
 * Deployment or the compose service sets; every secret they read is among those; the container runs
 * the right main class on the file where its configuration is mounted.
 */
class AppConfigsTest {

    private static final Path NOTIFIER = Repo.KUBERNETES.resolve("apps/notifier.yaml");
    private static final Path HISTORY = Repo.KUBERNETES.resolve("apps/alert-history.yaml");

    /** What a container is started with: its config file's text and its environment. */
    private record Started(String mainClass, String config, Map<String, String> env) {}

    @Test
    void theNotifierDeploymentLoadsItsConfigMapWithEverySecretItReadsFromItsEnvironment() {
        Started notifier =
                kubernetes(NOTIFIER, "clearwatch-notifier", NotifierMain.class.getName());
        Reads env = new Reads(notifier.env());

        NotifierConfig config = NotifierConfig.parse(yaml(notifier.config()), env);

        assertThat(env.read()).isSubsetOf(notifier.env().keySet());
        assertThat(notifier.env().keySet()).as("set and never read").isSubsetOf(env.read());
        assertThat(config.kafka())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.location", "/opt/clearwatch/kafka-ca/ca.p12")
                .containsEntry("ssl.truststore.password", "dummy-CLEARWATCH_TRUSTSTORE_PASSWORD");
        assertThat(config.kafka().getProperty("sasl.jaas.config"))
                .contains("password=\"dummy-CLEARWATCH_KAFKA_PASSWORD\"");
        assertThat(config.smtp().user()).isEqualTo("dummy-CLEARWATCH_SMTP_USER");
        assertThat(config.metricsPort()).isEqualTo(9262);
    }

    @Test
    void theComposeNotifierLoadsItsFileWithTheEnvironmentComposePassesOn() {
        Started notifier = compose("notifier", NotifierMain.class.getName());
        Reads env = new Reads(notifier.env());

        NotifierConfig config = NotifierConfig.parse(yaml(notifier.config()), env);

        assertThat(env.read()).isSubsetOf(notifier.env().keySet());
        assertThat(notifier.env().keySet()).as("set and never read").isSubsetOf(env.read());
        assertThat(config.kafka()).containsEntry("bootstrap.servers", "kafka:9092");
    }

    @Test
    void theHistoryDeploymentLoadsItsConfigMapAndGetsEveryPasswordItUses() {
        Started history =
                kubernetes(HISTORY, "clearwatch-alert-history", AlertHistoryMain.class.getName());

        HistoryConfig config =
                HistoryConfig.of(FlinkConfigFiles.properties(history.config()), history.env());

        assertThat(config.dbPassword()).isEqualTo("dummy-" + HistoryConfig.DB_PASSWORD_ENV);
        Properties kafka = config.consumerProperties();
        assertThat(kafka.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(kafka.getProperty("sasl.jaas.config"))
                .contains("password=\"dummy-" + HistoryConfig.KAFKA_PASSWORD_ENV + "\"");
        assertThat(kafka.getProperty("ssl.truststore.password"))
                .isEqualTo("dummy-" + HistoryConfig.TRUSTSTORE_PASSWORD_ENV);
        assertThat(history.env().keySet())
                .as("set and never read")
                .isSubsetOf(
                        HistoryConfig.DB_PASSWORD_ENV,
                        HistoryConfig.KAFKA_PASSWORD_ENV,
                        HistoryConfig.TRUSTSTORE_PASSWORD_ENV);
    }

    @Test
    void theComposeHistoryWriterLoadsItsFileWithTheDatabasePassword() {
        Started history = compose("alert-history", AlertHistoryMain.class.getName());

        HistoryConfig config =
                HistoryConfig.of(FlinkConfigFiles.properties(history.config()), history.env());

        assertThat(config.dbPassword()).isEqualTo("dummy-" + HistoryConfig.DB_PASSWORD_ENV);
        assertThat(config.consumerProperties().getProperty("security.protocol"))
                .isEqualTo("PLAINTEXT");
    }

    @Test
    void aDeploymentMissingASecretTheConfigurationNamesIsRefused() {
        Started notifier =
                kubernetes(NOTIFIER, "clearwatch-notifier", NotifierMain.class.getName());
        Map<String, String> env = new HashMap<>(notifier.env());
        env.remove("CLEARWATCH_T103_WEBHOOK_SECRET");

        assertThatThrownBy(() -> NotifierConfig.parse(yaml(notifier.config()), env))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessageContaining("CLEARWATCH_T103_WEBHOOK_SECRET is not set");
    }

    @Test
    void configurationsWrittenBeforeTheirReadersAreRefused() {
        // What the manifests held before the readers existed.
        String notifierBefore =
                """
                kafka:
                  bootstrap-servers: clearwatch-kafka-kafka-bootstrap.clearwatch.svc:9093
                  security-protocol: SASL_SSL
                  sasl-username: clearwatch-notifier
                  sasl-password-env: CLEARWATCH_KAFKA_PASSWORD
                  ssl-truststore: /opt/clearwatch/kafka-ca/ca.p12
                allow-list: [office.example]
                recipients:
                  - id: township-330299103
                    destinations:
                      - {name: t103-wecom, channel: wecom, url-env: CLEARWATCH_T103_WECOM_URL}
                subscriptions:
                  - {id: t103, recipient: township-330299103, division: "330299103"}
                """;
        Map<String, String> env =
                Map.of("CLEARWATCH_KAFKA_PASSWORD", "x", "CLEARWATCH_ACK_SECRET", "y");

        assertThatThrownBy(() -> NotifierConfig.parse(yaml(notifierBefore), env))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessageStartingWith("kafka.ssl-truststore: unknown key");
        assertThatThrownBy(
                        () ->
                                NotifierConfig.parse(
                                        yaml(
                                                notifierBefore.replace(
                                                        "  ssl-truststore: /opt/clearwatch/kafka-ca/ca.p12\n",
                                                        "")),
                                        env))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessageContaining("url-env");
        assertThatThrownBy(
                        () ->
                                HistoryConfig.of(
                                        Map.of(
                                                "kafka.bootstrap-servers", "kafka:9092",
                                                "db.url", "jdbc:postgresql://postgres/clearwatch",
                                                "db.password", "in-clear"),
                                        Map.of()))
                .isInstanceOf(HistoryConfigException.class)
                .hasMessageContaining("db.password is not read from the file");
    }

    /**
     * The container of a Deployment: its main class (first argument; the image's entry point is
     * {@code java -cp app.jar}), the file its {@code --config} names read from the ConfigMap
     * mounted there, and its environment with a dummy value for each variable.
     */
    private static Started kubernetes(Path manifest, String name, String mainClass) {
        Manifests.Result result = Manifests.read(manifest);
        assertThat(result.problems()).isEmpty();
        Deployment deployment =
                result.all(Deployment.class).stream()
                        .filter(d -> d.getMetadata().getName().equals(name))
                        .findFirst()
                        .orElseThrow();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).hasSize(1);
        Container container = pod.getContainers().get(0);
        List<String> args = container.getArgs();
        assertThat(args).hasSize(3).startsWith(mainClass, "--config");
        Path config = Path.of(args.get(2));
        VolumeMount mount =
                container.getVolumeMounts().stream()
                        .filter(m -> config.getParent().equals(Path.of(m.getMountPath())))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "nothing is mounted where " + config + " is"));
        Volume volume =
                pod.getVolumes().stream()
                        .filter(v -> v.getName().equals(mount.getName()))
                        .findFirst()
                        .orElseThrow();
        assertThat(volume.getConfigMap()).as("volume %s", volume.getName()).isNotNull();
        String configMap = volume.getConfigMap().getName();
        assertThat(result.all(ConfigMap.class))
                .extracting(c -> c.getMetadata().getName())
                .contains(configMap);
        String text = ConfigMaps.file(manifest, configMap, config.getFileName().toString());
        Map<String, String> env = new TreeMap<>();
        for (EnvVar v : container.getEnv()) {
            env.put(v.getName(), v.getValue() != null ? v.getValue() : "dummy-" + v.getName());
        }
        return new Started(mainClass, text, env);
    }

    /**
     * A compose service: {@code java -cp app.jar MAIN --config FILE}, the host file mounted at
     * FILE, and the environment compose passes on: a dummy for a variable compose demands ({@code
     * ${X:?}}), empty for one it may leave empty ({@code ${X:-}}), literals as written.
     */
    private static Started compose(String service, String mainClass) {
        Compose compose = Compose.read(Repo.COMPOSE);
        JsonNode node = compose.service(service);
        List<String> command = new ArrayList<>();
        node.path("command").forEach(c -> command.add(c.asText()));
        int main = command.indexOf(mainClass);
        assertThat(main).as("%s runs %s", service, mainClass).isPositive();
        assertThat(command.subList(main + 1, command.size())).hasSize(2).startsWith("--config");
        String target = command.get(main + 2);
        String source = null;
        for (JsonNode volume : node.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts.length >= 2 && parts[1].equals(target)) {
                source = parts[0];
            }
        }
        assertThat(source).as("a file mounted at %s", target).isNotNull();
        String text = Repo.read(Repo.COMPOSE.getParent().resolve(source).normalize());
        Map<String, String> env = new LinkedHashMap<>();
        compose.environment(service)
                .forEach(
                        (name, value) -> {
                            String v = value.asText();
                            env.put(
                                    name,
                                    v.matches("\\$\\{[A-Z0-9_]+:\\?.*}")
                                            ? "dummy-" + name
                                            : v.matches("\\$\\{[A-Z0-9_]+(:-)?}") ? "" : v);
                        });
        return new Started(mainClass, text, env);
    }

    private static JsonNode yaml(String text) {
        try {
            return Manifests.YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An environment that remembers which variables were looked up. */
    private static final class Reads extends AbstractMap<String, String> {
        private final Map<String, String> env;
        private final Set<String> read = new TreeSet<>();

        Reads(Map<String, String> env) {
            this.env = env;
        }

        Set<String> read() {
            return read;
        }

        @Override
        public String get(Object key) {
            read.add((String) key);
            return env.get(key);
        }

        @Override
        public String getOrDefault(Object key, String fallback) {
            read.add((String) key);
            return env.getOrDefault(key, fallback);
        }

        @Override
        public boolean containsKey(Object key) {
            read.add((String) key);
            return env.containsKey(key);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            throw new UnsupportedOperationException("a reader must look variables up by name");
        }
    }
}
