package org.clearwatch.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.clearwatch.jobs.bench.BenchJob.Backend;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.latedeposit.LateDeposit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both layouts on both backends over a small workload: the runs finish and agree, and the shipped
 * layout says exactly what the simulation planted. Nothing here is timed.
 */
class BenchJobITCase {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir Path dir;

    private Set<String> alerts(BenchOptions options, Workload.Prepared workload, Backend backend)
            throws Exception {
        BenchJob.Result result =
                BenchJob.run(options, workload, backend, 0, dir.resolve("run"), QUIET);
        assertThat(result.finished()).isTrue();
        return new HashSet<>(result.alerts());
    }

    private Workload.Prepared workload(BenchOptions options) throws Exception {
        return Workload.prepare(
                options.workload(),
                dir.resolve("workloads"),
                LateDeposit.Settings.defaults(),
                WorkingCalendar.china(),
                QUIET);
    }

    @Test
    void theShippedLayoutGivesTheGroundTruthOnBothBackends() throws Exception {
        BenchOptions options =
                BenchOptions.parse(new String[] {"--accounts", "40", "--days", "14"});
        Workload.Prepared workload = workload(options);

        Set<String> heap = alerts(options, workload, Backend.HEAP);
        Set<String> rocksdb = alerts(options, workload, Backend.ROCKSDB);

        assertThat(heap).isNotEmpty().isEqualTo(workload.expected());
        assertThat(rocksdb).isEqualTo(heap);
    }

    @Test
    void theRawCepLayoutAgreesAcrossBackends() throws Exception {
        BenchOptions options =
                BenchOptions.parse(
                        new String[] {"--layout", "raw-cep", "--accounts", "40", "--days", "14"});
        Workload.Prepared workload = workload(options);

        Set<String> heap = alerts(options, workload, Backend.HEAP);
        Set<String> rocksdb = alerts(options, workload, Backend.ROCKSDB);

        assertThat(heap).isNotEmpty();
        assertThat(rocksdb).isEqualTo(heap);
    }

    @Test
    void thePayoutWorkloadGivesTheGroundTruthOnBothBackends() throws Exception {
        BenchOptions options =
                BenchOptions.parse(
                        new String[] {
                            "--workload", "payout",
                            "--beneficiaries", "150",
                            "--months", "4",
                            "--checkpoint-interval", "1s",
                            "--workdir", dir.toString()
                        });
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        int exit =
                PayoutBench.run(
                        options, new PrintStream(report, true, StandardCharsets.UTF_8), QUIET);

        assertThat(report.toString(StandardCharsets.UTF_8))
                .contains("equal to the simulation's ground truth")
                .contains("state (heap): ")
                .contains("state (rocksdb): ")
                .doesNotContain("FAILED");
        assertThat(exit).isZero();
    }
}
