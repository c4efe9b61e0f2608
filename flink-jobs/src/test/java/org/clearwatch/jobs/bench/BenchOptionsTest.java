package org.clearwatch.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.clearwatch.jobs.bench.BenchJob.Backend;
import org.clearwatch.jobs.bench.BenchJob.Layout;
import org.clearwatch.jobs.cli.UsageException;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsMeasureTheShippedLayoutOnAMillionEventWorkload() {
        BenchOptions options = BenchOptions.parse(new String[0]);

        assertThat(options.layout()).isEqualTo(Layout.MODEL);
        assertThat(options.backends()).containsExactly(Backend.HEAP, Backend.ROCKSDB);
        assertThat(options.workload().accounts()).isGreaterThanOrEqualTo(100_000);
        assertThat(options.parallelism()).isEqualTo(2);
        assertThat(options.repeat()).isEqualTo(1);
        assertThat(options.checkpointInterval()).isNull();
        assertThat(options.flinkOverrides()).isEmpty();
    }

    @Test
    void rawCepGetsASmallerWorkloadAndAShorterTimeout() {
        BenchOptions options = BenchOptions.parse(new String[] {"--layout", "raw-cep"});

        assertThat(options.layout()).isEqualTo(Layout.RAW_CEP);
        assertThat(options.workload().accounts()).isEqualTo(BenchOptions.RAW_CEP_ACCOUNTS);
        assertThat(options.timeout()).isEqualTo(BenchOptions.RAW_CEP_TIMEOUT);
    }

    @Test
    void everyOptionIsRead() {
        BenchOptions options =
                BenchOptions.parse(
                        new String[] {
                            "--accounts=500",
                            "--days",
                            "7",
                            "--first-day",
                            "2025-01-06",
                            "--receipts-per-day",
                            "1.5",
                            "--seed",
                            "9",
                            "--parallelism",
                            "1",
                            "--repeat",
                            "3",
                            "--timeout",
                            "90s",
                            "--checkpoint-interval",
                            "10s",
                            "--backends",
                            "rocksdb",
                            "--flink",
                            "a.b=1, c.d=x"
                        });

        assertThat(options.workload())
                .isEqualTo(new Workload.Spec(9, 500, java.time.LocalDate.of(2025, 1, 6), 7, 1.5));
        assertThat(options.parallelism()).isEqualTo(1);
        assertThat(options.repeat()).isEqualTo(3);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.backends()).containsExactly(Backend.ROCKSDB);
        assertThat(options.flinkOverrides()).isEqualTo(Map.of("a.b", "1", "c.d", "x"));
    }

    @Test
    void theGpsWorkloadTakesVehiclesAndAWeekByDefault() {
        BenchOptions defaults = BenchOptions.parse(new String[] {"--workload", "gps"});
        BenchOptions chosen =
                BenchOptions.parse(
                        new String[] {"--workload=gps", "--vehicles", "2500", "--days", "3"});

        assertThat(defaults.kind()).isEqualTo(BenchOptions.Kind.GPS);
        assertThat(defaults.vehicles()).isEqualTo(BenchOptions.GPS_VEHICLES);
        assertThat(defaults.workload().days()).isEqualTo(BenchOptions.GPS_DAYS);
        assertThat(chosen.vehicles()).isEqualTo(2500);
        assertThat(chosen.workload().days()).isEqualTo(3);
        assertThat(BenchOptions.parse(new String[0]).kind()).isEqualTo(BenchOptions.Kind.LEDGER);
    }

    @Test
    void theGpsWorkloadRefusesTheLedgersOptions() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--workload", "trains"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("--workload takes ledger or gps, got 'trains'.");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--vehicles", "10"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("--vehicles goes with --workload gps.");
        for (String[] argv :
                List.of(
                        new String[] {"--workload", "gps", "--accounts", "10"},
                        new String[] {"--workload", "gps", "--layout", "raw-cep"},
                        new String[] {"--workload", "gps", "--checkpoint-interval", "5s"})) {
            assertThatThrownBy(() -> BenchOptions.parse(argv))
                    .isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("--workload gps takes --vehicles");
        }
        assertThatThrownBy(
                        () ->
                                BenchOptions.parse(
                                        new String[] {"--workload", "gps", "--vehicles", "0"}))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void vehiclesSpreadOverAtMostAHundredTownships() {
        assertThat(GpsBench.shape(10_000)).containsExactly(100, 100);
        assertThat(GpsBench.shape(250)).containsExactly(100, 3);
        assertThat(GpsBench.shape(7)).containsExactly(7, 1);
    }

    @Test
    void roundsAlternateTheOrderOfBackends() {
        BenchOptions options = BenchOptions.parse(new String[] {"--repeat", "3"});

        assertThat(options.order(0)).isEqualTo(List.of(Backend.HEAP, Backend.ROCKSDB));
        assertThat(options.order(1)).isEqualTo(List.of(Backend.ROCKSDB, Backend.HEAP));
        assertThat(options.order(2)).isEqualTo(List.of(Backend.HEAP, Backend.ROCKSDB));
    }

    @Test
    void mistakesAreOneSentence() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--layout", "cep"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("--layout takes model or raw-cep, got 'cep'.");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--backends", "heap,heap"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("--backends names heap twice.");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--backends", "memory"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--backends takes heap and rocksdb");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repeat", "0"}))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--repeat must be a whole number from 1");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--flink", "novalue"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("key=value");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--receipts-per-day", "many"}))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--receipts-per-day must be a number");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--timeout", "0s"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("--timeout must be longer than zero.");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"extra"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no positional arguments");
    }
}
