package org.clearwatch.patterns.repeatedpayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.patterns.payouts.PayoutTestData.APRIL_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.DECEMBER_31;
import static org.clearwatch.patterns.payouts.PayoutTestData.MARCH_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.MARCH_20;
import static org.clearwatch.patterns.payouts.PayoutTestData.MARCH_25;
import static org.clearwatch.patterns.payouts.PayoutTestData.WANG;
import static org.clearwatch.patterns.payouts.PayoutTestData.dibao;

import java.nio.file.Path;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart between two payments of one period, on the RocksDB backend the job runs with: the
 * restored book still knows the first payment, so the second raises exactly once.
 */
class RepeatedPayoutRestoreTest {

    private static final RepeatedPayout.Settings SETTINGS = RepeatedPayout.Settings.defaults();

    @TempDir Path rocksDir;

    private StateBackend rocksDb() {
        EmbeddedRocksDBStateBackend backend = new EmbeddedRocksDBStateBackend(true);
        backend.setDbStoragePath(rocksDir.toString());
        return backend;
    }

    @Test
    void raisesExactlyOnceWhenRestoredBetweenTheFirstAndTheSecondPayment() throws Exception {
        OperatorSubtaskState snapshot;
        try (RepeatedPayoutHarness before =
                RepeatedPayoutHarness.start(SETTINGS, rocksDb(), null)) {
            before.payouts(dibao("P-03", WANG, "2025-03", MARCH_10)).watermark(MARCH_20);
            snapshot = before.snapshot(1L);
        }

        try (RepeatedPayoutHarness after =
                RepeatedPayoutHarness.start(SETTINGS, rocksDb(), snapshot)) {
            after.payouts(
                            dibao("P-03B", WANG, "2025-03", MARCH_25),
                            dibao("P-04", WANG, "2025-04", APRIL_10))
                    .watermark(DECEMBER_31);

            assertThat(after.alerts()).hasSize(1);
            Alert raised = after.alerts().get(0);
            assertThat(raised.getKind()).isEqualTo(AlertKind.RAISED);
            assertThat(raised.getAlertId())
                    .isEqualTo(RepeatedPayoutAlerts.samePeriodAlertId("P-03"));
            assertThat(raised.getEventTime()).isEqualTo(MARCH_25);
        }
    }

    @Test
    void aRaisedCaseIsNotRaisedAgainAfterARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (RepeatedPayoutHarness before =
                RepeatedPayoutHarness.start(SETTINGS, rocksDb(), null)) {
            before.payouts(
                            dibao("P-03B", WANG, "2025-03", MARCH_20),
                            dibao("P-03", WANG, "2025-03", MARCH_10))
                    .watermark(MARCH_20);
            assertThat(before.alerts())
                    .extracting(Alert::getKind)
                    .containsExactly(AlertKind.RAISED);
            snapshot = before.snapshot(1L);
        }

        try (RepeatedPayoutHarness after =
                RepeatedPayoutHarness.start(SETTINGS, rocksDb(), snapshot)) {
            // The bank sends the second payment again, then pays the period a third time.
            after.payouts(
                            dibao("P-03B", WANG, "2025-03", MARCH_20),
                            dibao("P-03C", WANG, "2025-03", MARCH_25))
                    .watermark(DECEMBER_31);

            assertThat(after.alerts())
                    .extracting(Alert::getKind, Alert::getAlertId)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    AlertKind.UPDATED,
                                    RepeatedPayoutAlerts.samePeriodAlertId("P-03")));
        }
    }
}
