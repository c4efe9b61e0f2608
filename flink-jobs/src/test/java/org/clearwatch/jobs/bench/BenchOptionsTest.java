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
                .hasMessage("--workload takes ledger, gps or payout, got 'trains'.");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--vehicles", "10"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("--vehicles goes with --workload gps.");
        for (String[] argv :
                List.of(
                        new String[] {"--workload", "gps", "--accounts", "10"},
                        new String[] {"--workload", "gps", "--layout", "raw-cep"},
                        new String[] {"--workload", "gps", "--timeout", "5m"},
                        new String[] {"--workload", "gps", "--months", "6"})) {
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
    void theGpsWorkloadMeasuresItsStateWhenAskedTo() {
        BenchOptions options =
                BenchOptions.parse(
                        new String[] {"--workload", "gps", "--checkpoint-interval", "5s"});

        assertThat(options.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void thePayoutWorkloadTakesBeneficiariesAndMonths() {
        BenchOptions defaults = BenchOptions.parse(new String[] {"--workload", "payout"});
        BenchOptions chosen =
                BenchOptions.parse(
                        new String[] {
                            "--workload=payout",
                            "--beneficiaries",
                            "20_000",
                            "--months",
                            "12",
                            "--seed",
                            "3",
                            "--checkpoint-interval",
                            "5s",
                            "--backends",
                            "rocksdb"
                        });

        assertThat(defaults.kind()).isEqualTo(BenchOptions.Kind.PAYOUT);
        assertThat(defaults.beneficiaries()).isEqualTo(BenchOptions.PAYOUT_BENEFICIARIES);
        assertThat(defaults.months()).isEqualTo(BenchOptions.PAYOUT_MONTHS);
        assertThat(defaults.checkpointInterval()).isNull();
        assertThat(chosen.beneficiaries()).isEqualTo(20_000);
        assertThat(chosen.months()).isEqualTo(12);
        assertThat(chosen.workload().seed()).isEqualTo(3);
        assertThat(chosen.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(chosen.backends()).containsExactly(Backend.ROCKSDB);
    }

    @Test
    void thePayoutWorkloadRefusesWhatItDoesNotRead() {
        for (String[] argv :
                List.of(
                        new String[] {"--workload", "payout", "--days", "7"},
                        new String[] {"--workload", "payout", "--vehicles", "10"},
                        new String[] {"--workload", "payout", "--accounts", "10"},
                        new String[] {"--workload", "payout", "--flink", "a=b"})) {
            assertThatThrownBy(() -> BenchOptions.parse(argv))
                    .isInstanceOf(UsageException.class)
                    .hasMessageStartingWith(
                            "--workload payout takes --beneficiaries, --months, --seed,")
                    .hasMessageEndingWith(" only, not " + argv[2] + ".");
        }
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--beneficiaries", "10"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("--beneficiaries goes with --workload payout.");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--months", "6"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("--months goes with --workload payout.");
    }

    @Test
    void payoutMonthsAndBeneficiariesStayWhereTheSimulationWorks() {
        assertThatThrownBy(
                        () ->
                                BenchOptions.parse(
                                        new String[] {"--workload", "payout", "--months", "3"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("--months must be a whole number from 4 to 12, got '3'.");
        assertThatThrownBy(
                        () ->
                                BenchOptions.parse(
                                        new String[] {"--workload", "payout", "--months", "13"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("--months must be a whole number from 4 to 12, got '13'.");
        assertThatThrownBy(
                        () ->
                                BenchOptions.parse(
                                        new String[] {
                                            "--workload", "payout", "--beneficiaries", "many"
                                        }))
                .isInstanceOf(UsageException.class)
                .hasMessage(
                        "--beneficiaries must be a whole number from 1 to 1000000, got 'many'.");
        assertThat(
                        BenchOptions.parse(
                                        new String[] {
                                            "--workload",
                                            "payout",
                                            "--months",
                                            "4",
                                            "--beneficiaries",
                                            "1"
                                        })
                                .months())
                .isEqualTo(4);
    }

    @Test
    void beneficiariesLiveFiftyToAVillageTwentyVillagesToATownship() {
        assertThat(PayoutBench.shape(100_000)).containsExactly(100, 20, 50);
        assertThat(PayoutBench.shape(1_000_000)).containsExactly(100, 200, 50);
        assertThat(PayoutBench.shape(120)).containsExactly(1, 3, 50);
        assertThat(PayoutBench.shape(7)).containsExactly(1, 1, 7);
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
