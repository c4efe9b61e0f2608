package org.clearwatch.patterns.deceasedbeneficiary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.patterns.payouts.PayoutTestData.APRIL_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.FEBRUARY_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.JANUARY_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.JANUARY_20;
import static org.clearwatch.patterns.payouts.PayoutTestData.JUNE_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.JUNE_2;
import static org.clearwatch.patterns.payouts.PayoutTestData.MARCH_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.MAY_10;
import static org.clearwatch.patterns.payouts.PayoutTestData.WANG;
import static org.clearwatch.patterns.payouts.PayoutTestData.death;
import static org.clearwatch.patterns.payouts.PayoutTestData.dibao;

import java.nio.file.Path;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.clearwatch.patterns.payouts.PayoutHarnesses;
import org.clearwatch.patterns.payouts.PayoutJoinHarness;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.DeathRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart between the payouts and the late death record that makes them wrong, on the RocksDB
 * backend the job runs with: the restored payouts are still there for the record to raise, and what
 * was raised before the restart is not raised again.
 */
class DeceasedBeneficiaryRestoreTest {

    private static final DeceasedBeneficiary.Settings THREE_MONTHS =
            DeceasedBeneficiary.Settings.of(
                    DeceasedBeneficiary.SPEC
                            .defaults()
                            .with(DeceasedBeneficiary.LOOK_BACK_MONTHS, 3));

    private static final DeathRecord WANG_DIED_IN_JANUARY_KNOWN_IN_JUNE =
            death(WANG, JANUARY_20, JUNE_2);

    @TempDir Path rocksDir;

    private StateBackend rocksDb() {
        EmbeddedRocksDBStateBackend backend = new EmbeddedRocksDBStateBackend(true);
        backend.setDbStoragePath(rocksDir.toString());
        return backend;
    }

    private static BankPayout[] januaryToMay() {
        return new BankPayout[] {
            dibao("P-01", WANG, "2025-01", JANUARY_10),
            dibao("P-02", WANG, "2025-02", FEBRUARY_10),
            dibao("P-03", WANG, "2025-03", MARCH_10),
            dibao("P-04", WANG, "2025-04", APRIL_10),
            dibao("P-05", WANG, "2025-05", MAY_10)
        };
    }

    @Test
    void aLateDeathRecordRaisesThePayoutsKeptBeforeTheRestart() throws Exception {
        OperatorSubtaskState snapshot;
        try (PayoutJoinHarness<DeathRecord> before =
                PayoutHarnesses.deaths(THREE_MONTHS, rocksDb(), null)) {
            before.payouts(januaryToMay()).watermark(MAY_10);
            assertThat(before.alerts()).isEmpty();
            snapshot = before.snapshot(1L);
        }

        try (PayoutJoinHarness<DeathRecord> after =
                PayoutHarnesses.deaths(THREE_MONTHS, rocksDb(), snapshot)) {
            after.references(WANG_DIED_IN_JANUARY_KNOWN_IN_JUNE);

            assertThat(after.alerts())
                    .extracting(Alert::getAlertId)
                    .containsExactly(
                            DeceasedBeneficiaryAlerts.alertId("P-03"),
                            DeceasedBeneficiaryAlerts.alertId("P-04"),
                            DeceasedBeneficiaryAlerts.alertId("P-05"));
            assertThat(after.alerts()).extracting(Alert::getEventTime).containsOnly(JUNE_2);
        }
    }

    @Test
    void whatWasRaisedBeforeTheRestartIsNotRaisedAgain() throws Exception {
        OperatorSubtaskState snapshot;
        try (PayoutJoinHarness<DeathRecord> before =
                PayoutHarnesses.deaths(THREE_MONTHS, rocksDb(), null)) {
            before.payouts(januaryToMay()).references(WANG_DIED_IN_JANUARY_KNOWN_IN_JUNE);
            assertThat(before.alerts()).hasSize(3);
            snapshot = before.snapshot(1L);
        }

        try (PayoutJoinHarness<DeathRecord> after =
                PayoutHarnesses.deaths(THREE_MONTHS, rocksDb(), snapshot)) {
            // The death topic is re-read from the start, and the payouts re-sent.
            after.references(WANG_DIED_IN_JANUARY_KNOWN_IN_JUNE)
                    .payouts(januaryToMay())
                    .payouts(dibao("P-06", WANG, "2025-06", JUNE_10));

            assertThat(after.alerts())
                    .extracting(Alert::getAlertId, Alert::getEventTime)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    DeceasedBeneficiaryAlerts.alertId("P-06"), JUNE_10));
        }
    }
}
