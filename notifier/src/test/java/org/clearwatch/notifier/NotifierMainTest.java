package org.clearwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.clearwatch.notifier.testing.TestAlerts;
import org.clearwatch.schema.alert.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierMainTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void withoutAConfigFileItSaysSoAndExitsWith2() {
        assertThat(run()).isEqualTo(2);
        assertThat(errText()).isEqualTo("clearwatch notify: --config FILE is required.\n");
    }

    @Test
    void anUnknownArgumentIsNamed() {
        assertThat(run("--confg", "x.yaml")).isEqualTo(2);
        assertThat(errText()).startsWith("clearwatch notify: unknown argument '--confg'");
    }

    @Test
    void aBadConfigurationIsOneSentenceAndExit2(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("notify.yaml");
        Files.writeString(file, "kafka:\n  security-protocol: PLAINTEXT\n");

        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(errText()).isEqualTo("clearwatch notify: kafka.bootstrap-servers: missing.\n");
    }

    @Test
    void anAlertIsDatedByTheBrokersAppendTimeWhenTheTopicKeepsIt() {
        Alert alert = TestAlerts.lateDeposit("A-1");
        Instant appended = alert.getDetectedAt().plusSeconds(2);

        assertThat(Notifier.publishedAt(record(appended, TimestampType.LOG_APPEND_TIME), alert))
                .isEqualTo(appended);
    }

    @Test
    void anAlertStampedWithItsEventTimeIsDatedByWhenTheJobDetectedIt() {
        Alert alert = TestAlerts.lateDeposit("A-1");

        assertThat(
                        Notifier.publishedAt(
                                record(alert.getEventTime(), TimestampType.CREATE_TIME), alert))
                .isEqualTo(alert.getDetectedAt());
    }

    private static ConsumerRecord<byte[], byte[]> record(Instant timestamp, TimestampType type) {
        return new ConsumerRecord<>(
                "alerts",
                0,
                0L,
                timestamp.toEpochMilli(),
                type,
                0,
                0,
                null,
                null,
                new RecordHeaders(),
                Optional.empty());
    }

    private int run(String... args) {
        return NotifierMain.run(
                args,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
