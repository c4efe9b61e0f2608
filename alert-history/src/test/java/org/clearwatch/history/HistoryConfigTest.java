package org.clearwatch.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> raw = new HashMap<>();
        raw.put("kafka.bootstrap-servers", "127.0.0.1:9092");
        raw.put("db.url", "jdbc:postgresql://127.0.0.1:5432/clearwatch");
        return raw;
    }

    @Test
    void minimalFileGetsTheNamedDefaults() {
        HistoryConfig config = HistoryConfig.of(minimal(), Map.of());

        assertThat(config.groupId()).isEqualTo("clearwatch-alert-history");
        assertThat(config.alertsTopic()).isEqualTo("alerts");
        assertThat(config.metricsPort()).isEqualTo(9263);
        assertThat(config.dbUser()).isEqualTo("clearwatch");
        assertThat(config.dbPassword()).isEmpty();
    }

    @Test
    void consumerReadsCommittedAlertsOnlyAndNeverCommitsOnItsOwn() {
        Properties props = HistoryConfig.of(minimal(), Map.of()).consumerProperties();

        assertThat(props)
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("group.id", "clearwatch-alert-history");
    }

    @Test
    void passwordsComeFromTheEnvironment() {
        Map<String, String> raw = minimal();
        raw.put("kafka.security-protocol", "sasl_ssl");
        raw.put("kafka.sasl-username", "history");
        HistoryConfig config =
                HistoryConfig.of(
                        raw,
                        Map.of(
                                "CLEARWATCH_HISTORY_DB_PASSWORD", "db-secret",
                                "CLEARWATCH_KAFKA_PASSWORD", "kafka-secret"));

        assertThat(config.dbPassword()).isEqualTo("db-secret");
        assertThat(config.consumerProperties().getProperty("sasl.jaas.config"))
                .contains("username=\"history\"")
                .contains("password=\"kafka-secret\"");
    }

    @Test
    void passwordInTheFileIsRefusedWithWhereItBelongs() {
        Map<String, String> raw = minimal();
        raw.put("db.password", "secret");

        assertThatThrownBy(() -> HistoryConfig.of(raw, Map.of()))
                .isInstanceOf(HistoryConfigException.class)
                .hasMessage(
                        "db.password is not read from the file: give the password as"
                                + " CLEARWATCH_HISTORY_DB_PASSWORD in the environment.")
                .hasMessageNotContaining("secret\"");
    }

    @Test
    void everyProblemIsNamedInOneSentenceEach() {
        Map<String, String> raw = new HashMap<>();
        raw.put("db.url", "postgres://somewhere");
        raw.put("metrics.port", "70000");
        raw.put("kafka.security-protocol", "tls");
        raw.put("topic.alerts", "alerts");

        assertThatThrownBy(() -> HistoryConfig.of(raw, Map.of()))
                .hasMessageContaining("kafka.bootstrap-servers is required:")
                .hasMessageContaining(
                        "db.url must be a PostgreSQL JDBC URL such as"
                                + " jdbc:postgresql://127.0.0.1:5432/clearwatch, got"
                                + " 'postgres://somewhere'.")
                .hasMessageContaining(
                        "metrics.port must be a whole number from 0 to 65535, got '70000'.")
                .hasMessageContaining(
                        "kafka.security-protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or"
                                + " SASL_SSL, got 'tls'.")
                .hasMessageContaining("Unknown key 'topic.alerts'; the keys are");
    }

    @Test
    void shippedExampleIsValid() {
        HistoryConfig config =
                HistoryConfig.load(Path.of("../deploy/local/history.properties"), Map.of());

        assertThat(config.groupId()).isEqualTo("clearwatch-alert-history");
        assertThat(config.metricsPort()).isEqualTo(9263);
    }

    @Test
    void missingFileIsOneSentence(@TempDir Path dir) {
        assertThatThrownBy(() -> HistoryConfig.load(dir.resolve("nope.properties"), Map.of()))
                .hasMessage(
                        "Configuration file "
                                + dir.resolve("nope.properties")
                                + " does not exist.");
    }

    @Test
    void fileIsReadAsUtf8Properties(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("h.properties");
        Files.writeString(
                file,
                "# 告警历史\nkafka.bootstrap-servers = 127.0.0.1:9092\n"
                        + "db.url = jdbc:postgresql://127.0.0.1:5432/clearwatch\n"
                        + "batch.max-records = 1_000\n");

        assertThat(HistoryConfig.load(file, Map.of()).batchMaxRecords()).isEqualTo(1000);
    }
}
