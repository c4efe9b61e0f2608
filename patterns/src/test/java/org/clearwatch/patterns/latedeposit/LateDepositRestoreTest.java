package org.clearwatch.patterns.latedeposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.A_MONTH_LATER;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.FRIDAY_1000;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.FRIDAY_MIDNIGHT;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.MONDAY_0930;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.MONDAY_1600;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.NEXT_MONDAY_1000;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.TWENTY_THOUSAND_YUAN;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.WEDNESDAY_1000;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.deposit;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.receipt;

import java.nio.file.Path;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart in the middle of a receipt's life, on the RocksDB backend the job runs with: take a
 * snapshot, restore it into fresh operators, let the deadline pass, and get exactly one alert.
 */
class LateDepositRestoreTest {

    private static final LateDeposit.Settings SETTINGS = LateDeposit.Settings.defaults();

    @TempDir Path rocksDir;

    private StateBackend rocksDb() {
        EmbeddedRocksDBStateBackend backend = new EmbeddedRocksDBStateBackend(true);
        backend.setDbStoragePath(rocksDir.toString());
        return backend;
    }

    @Test
    void raisesExactlyOnceWhenRestoredWhileTheReceiptWaitsInTheDeadlinePattern() throws Exception {
        LateDepositHarness.Snapshot snapshot;
        try (LateDepositHarness before =
                LateDepositHarness.start(SETTINGS, WorkingCalendar.china(), rocksDb(), null)) {
            before.entries(receipt("R1", MONDAY_0930)).watermark(WEDNESDAY_1000);
            assertThat(before.alerts()).isEmpty();
            snapshot = before.snapshot(1L);
        }

        try (LateDepositHarness after =
                LateDepositHarness.start(SETTINGS, WorkingCalendar.china(), rocksDb(), snapshot)) {
            after.watermark(FRIDAY_1000).watermark(A_MONTH_LATER);

            assertThat(after.alerts()).hasSize(1);
            Alert raised = after.alerts().get(0);
            assertThat(raised.getKind()).isEqualTo(AlertKind.RAISED);
            assertThat(raised.getEventTime()).isEqualTo(FRIDAY_MIDNIGHT);
        }
    }

    @Test
    void raisesExactlyOnceWhenRestoredBeforeTheWatermarkReachedTheReceipt() throws Exception {
        LateDepositHarness.Snapshot snapshot;
        try (LateDepositHarness before =
                LateDepositHarness.start(SETTINGS, WorkingCalendar.china(), rocksDb(), null)) {
            before.entries(receipt("R1", MONDAY_0930), deposit("D1", 500_000L, MONDAY_1600, "R1"));
            snapshot = before.snapshot(1L);
        }

        try (LateDepositHarness after =
                LateDepositHarness.start(SETTINGS, WorkingCalendar.china(), rocksDb(), snapshot)) {
            after.watermark(FRIDAY_1000);

            assertThat(after.alerts()).extracting(Alert::getAmountFen).containsExactly(1_500_000L);
        }
    }

    @Test
    void resolvesExactlyOnceWhenRestoredBetweenRaiseAndPayment() throws Exception {
        LateDepositHarness.Snapshot snapshot;
        try (LateDepositHarness before =
                LateDepositHarness.start(SETTINGS, WorkingCalendar.china(), rocksDb(), null)) {
            before.entries(receipt("R1", MONDAY_0930)).watermark(FRIDAY_1000);
            assertThat(before.alerts())
                    .extracting(Alert::getKind)
                    .containsExactly(AlertKind.RAISED);
            snapshot = before.snapshot(1L);
        }

        try (LateDepositHarness after =
                LateDepositHarness.start(SETTINGS, WorkingCalendar.china(), rocksDb(), snapshot)) {
            after.entries(deposit("D1", TWENTY_THOUSAND_YUAN, NEXT_MONDAY_1000, "R1"))
                    .watermark(A_MONTH_LATER);

            assertThat(after.alerts())
                    .extracting(Alert::getKind)
                    .containsExactly(AlertKind.RESOLVED);
        }
    }
}
