package org.clearwatch.patterns.rentarrears;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.patterns.rentarrears.RentTestData.A_WEEK_LATE;
import static org.clearwatch.patterns.rentarrears.RentTestData.DEADLINE;
import static org.clearwatch.patterns.rentarrears.RentTestData.DEADLINE_DAY_1000;
import static org.clearwatch.patterns.rentarrears.RentTestData.MONDAY_0900;
import static org.clearwatch.patterns.rentarrears.RentTestData.NEXT_WEDNESDAY_1000;
import static org.clearwatch.patterns.rentarrears.RentTestData.TWENTY_THOUSAND_YUAN;
import static org.clearwatch.patterns.rentarrears.RentTestData.TWO_MONTHS_LATER;
import static org.clearwatch.patterns.rentarrears.RentTestData.WEDNESDAY_1000;
import static org.clearwatch.patterns.rentarrears.RentTestData.due;
import static org.clearwatch.patterns.rentarrears.RentTestData.paid;

import java.nio.file.Path;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart while rent is pending, on the RocksDB backend the job runs with: take a snapshot,
 * restore it into fresh operators, let the grace period end, and get exactly one alert.
 */
class RentArrearsRestoreTest {

    private static final RentArrears.Settings SETTINGS = RentArrears.Settings.defaults();

    @TempDir Path rocksDir;

    private StateBackend rocksDb() {
        EmbeddedRocksDBStateBackend backend = new EmbeddedRocksDBStateBackend(true);
        backend.setDbStoragePath(rocksDir.toString());
        return backend;
    }

    @Test
    void raisesExactlyOnceWhenRestoredWhileTheDueWaitsInTheDeadlinePattern() throws Exception {
        RentArrearsHarness.Snapshot snapshot;
        try (RentArrearsHarness before =
                RentArrearsHarness.start(SETTINGS, WorkingCalendar.china(), rocksDb(), null)) {
            // The due's window opened on 3-08: by 3-12 it sits in the deadline pattern.
            before.entries(due("D1", MONDAY_0900), paid("P1", 500_000L, WEDNESDAY_1000))
                    .watermark(NEXT_WEDNESDAY_1000);
            assertThat(before.alerts()).isEmpty();
            snapshot = before.snapshot(1L);
        }

        try (RentArrearsHarness after =
                RentArrearsHarness.start(SETTINGS, WorkingCalendar.china(), rocksDb(), snapshot)) {
            after.watermark(DEADLINE_DAY_1000).watermark(TWO_MONTHS_LATER);

            assertThat(after.alerts()).hasSize(1);
            Alert raised = after.alerts().get(0);
            assertThat(raised.getKind()).isEqualTo(AlertKind.RAISED);
            assertThat(raised.getEventTime()).isEqualTo(DEADLINE);
            assertThat(raised.getAmountFen()).isEqualTo(1_500_000L);
        }
    }

    @Test
    void raisesExactlyOnceWhenRestoredBeforeTheWatermarkReachedTheDue() throws Exception {
        RentArrearsHarness.Snapshot snapshot;
        try (RentArrearsHarness before =
                RentArrearsHarness.start(SETTINGS, WorkingCalendar.china(), rocksDb(), null)) {
            before.entries(due("D1", MONDAY_0900), paid("P1", 500_000L, WEDNESDAY_1000));
            snapshot = before.snapshot(1L);
        }

        try (RentArrearsHarness after =
                RentArrearsHarness.start(SETTINGS, WorkingCalendar.china(), rocksDb(), snapshot)) {
            after.watermark(DEADLINE_DAY_1000);

            assertThat(after.alerts()).extracting(Alert::getAmountFen).containsExactly(1_500_000L);
        }
    }

    @Test
    void resolvesExactlyOnceWhenRestoredBetweenRaiseAndPayment() throws Exception {
        RentArrearsHarness.Snapshot snapshot;
        try (RentArrearsHarness before =
                RentArrearsHarness.start(SETTINGS, WorkingCalendar.china(), rocksDb(), null)) {
            before.entries(due("D1", MONDAY_0900)).watermark(DEADLINE_DAY_1000);
            assertThat(before.alerts())
                    .extracting(Alert::getKind)
                    .containsExactly(AlertKind.RAISED);
            snapshot = before.snapshot(1L);
        }

        try (RentArrearsHarness after =
                RentArrearsHarness.start(SETTINGS, WorkingCalendar.china(), rocksDb(), snapshot)) {
            after.entries(paid("P1", TWENTY_THOUSAND_YUAN, A_WEEK_LATE))
                    .watermark(TWO_MONTHS_LATER);

            assertThat(after.alerts())
                    .extracting(Alert::getKind)
                    .containsExactly(AlertKind.RESOLVED);
            assertThat(after.alerts().get(0).getFacts()).containsEntry("days_late", "8");
        }
    }
}
