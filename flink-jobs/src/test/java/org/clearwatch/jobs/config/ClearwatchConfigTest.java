package org.clearwatch.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.clearwatch.patterns.latedeposit.LateDeposit;
import org.clearwatch.patterns.offhours.OffHoursVehicle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClearwatchConfigTest {

    @TempDir Path dir;

    private static ClearwatchConfig of(Map<String, String> values) {
        return ClearwatchConfig.of(values, Map.of());
    }

    @Test
    void everythingHasADefaultButTheBrokers() {
        ClearwatchConfig config = of(Map.of());

        assertThat(config.get(ClearwatchConfig.MAX_OUT_OF_ORDERNESS))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(config.models()).containsKey(LateDeposit.ID);
        assertThatThrownBy(() -> config.get(ClearwatchConfig.BOOTSTRAP_SERVERS))
                .hasMessage("kafka.bootstrap-servers must be set.");
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeyItProbablyMeant() {
        assertThatThrownBy(() -> of(Map.of("models.late-deposit.deadline-day", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Unknown configuration key 'models.late-deposit.deadline-day'"
                                + " (did you mean 'models.late-deposit.deadline-days'?).");
    }

    @Test
    void aModelParameterOutOfRangeNamesTheKeyAndTheRange() {
        assertThatThrownBy(() -> of(Map.of("models.late-deposit.deadline-days", "90")))
                .hasMessage(
                        "models.late-deposit.deadline-days must be a whole number from 1 to 60,"
                                + " got '90'.");
    }

    @Test
    void aMalformedUnitWorkingHoursEntryNamesTheKey() {
        assertThatThrownBy(
                        () ->
                                of(
                                        Map.of(
                                                "models.off-hours-vehicle.unit-working-hours",
                                                "U-330299101-01=08:00-12:00,14:30-17:30")))
                .hasMessage(
                        "models.off-hours-vehicle.unit-working-hours must be comma-separated list"
                                + " of codes, got 'U-330299101-01=08:00-12:00,14:30-17:30'.");
        assertThat(
                        of(Map.of(
                                        "models.off-hours-vehicle.unit-working-hours",
                                        "U-330299101-01=08:00-12:00+14:30-17:30"))
                                .models()
                                .get(OffHoursVehicle.ID)
                                .get(OffHoursVehicle.UNIT_WORKING_HOURS))
                .isEqualTo("U-330299101-01=08:00-12:00+14:30-17:30");
    }

    @Test
    void whatAModelChecksAcrossEntriesIsRefusedWhenTheConfigurationIsRead() {
        assertThatThrownBy(
                        () ->
                                of(
                                        Map.of(
                                                "models.off-hours-vehicle.unit-working-hours",
                                                "U-1=08:00-17:00,U-1=09:00-18:00")))
                .hasMessage("models.off-hours-vehicle.unit-working-hours names U-1 twice.");
        assertThatThrownBy(
                        () ->
                                of(
                                        Map.of(
                                                "models.off-hours-vehicle.unit-working-hours",
                                                "U-1=18:00-06:30")))
                .hasMessageContaining("models.off-hours-vehicle.unit-working-hours for U-1")
                .hasMessageContaining("end before they start");
        assertThatThrownBy(
                        () ->
                                of(
                                        Map.of(
                                                "models.repeated-payout.yearly-limits",
                                                "FARMLAND:1,FARMLAND:2")))
                .hasMessage("models.repeated-payout.yearly-limits names FARMLAND twice.");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKey() {
        assertThatThrownBy(() -> of(Map.of("checkpoint.interval", "often")))
                .hasMessageStartingWith("checkpoint.interval must be a duration from 200ms to 1h");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(
                        () ->
                                of(
                                        Map.of(
                                                "job.parallelism", "0",
                                                "state.backend", "memory")))
                .hasMessageContaining("job.parallelism")
                .hasMessageContaining("state.backend must be one of rocksdb, hashmap");
    }

    @Test
    void aModelCanBeSwitchedOffAndTuned() {
        assertThat(of(Map.of("models.late-deposit.enabled", "false")).models())
                .doesNotContainKey(LateDeposit.ID)
                .isNotEmpty();
        assertThat(
                        of(Map.of("models.late-deposit.deadline-days", "5"))
                                .models()
                                .get(LateDeposit.ID)
                                .get(LateDeposit.DEADLINE_DAYS))
                .isEqualTo(5);
    }

    @Test
    void secretsComeFromTheEnvironmentAndAreNeverShown() {
        ClearwatchConfig config =
                ClearwatchConfig.of(
                        Map.of("kafka.bootstrap-servers", "b:9093"),
                        Map.of("CLEARWATCH_KAFKA_PASSWORD", "s3cret"));

        assertThat(config.get(ClearwatchConfig.SASL_PASSWORD)).isEqualTo("s3cret");
        assertThat(config.describe()).containsEntry("kafka.sasl-password", "******");
        assertThat(config.describe().toString()).doesNotContain("s3cret");
    }

    @Test
    void aWrongSecretIsReportedWithoutItsValue() {
        assertThatThrownBy(() -> of(Map.of("kafka.sasl-password", " ")))
                .hasMessage("kafka.sasl-password must be text.");
    }

    @Test
    void readsAPropertiesFileInUtf8() throws Exception {
        Path file = dir.resolve("clearwatch.properties");
        Files.writeString(
                file, "# 县纪委监委\nkafka.bootstrap-servers = kafka-1:9092\njob.name = 光山县\n");

        ClearwatchConfig config = ClearwatchConfig.load(file, Map.of());

        assertThat(config.get(ClearwatchConfig.JOB_NAME)).isEqualTo("光山县");
    }

    @Test
    void aMissingFileIsOneSentence() {
        assertThatThrownBy(() -> ClearwatchConfig.load(dir.resolve("nope.properties"), Map.of()))
                .hasMessage(
                        "Configuration file "
                                + dir.resolve("nope.properties")
                                + " does not exist.");
    }
}
