package org.clearwatch.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.clearwatch.jobs.bench.CheckpointSizes.Completed;
import org.junit.jupiter.api.Test;

class CheckpointSizesTest {

    @Test
    void theLatestCompletedCheckpointIsReadFromTheRestAnswer() {
        String json =
                "{\"counts\":{\"completed\":3},\"latest\":{\"completed\":{\"id\":7,"
                        + "\"status\":\"COMPLETED\",\"checkpointed_size\":1200,"
                        + "\"state_size\":98765},\"failed\":null},\"history\":[]}";

        assertThat(CheckpointSizes.latestCompleted(json))
                .contains(new Completed(7, 98_765, 1_200, 0));
    }

    @Test
    void beforeTheFirstCheckpointCompletesThereIsNone() {
        String json =
                "{\"counts\":{\"completed\":0},\"latest\":{\"completed\":null,"
                        + "\"savepoint\":null,\"failed\":null,\"restored\":null},\"history\":[]}";

        assertThat(CheckpointSizes.latestCompleted(json)).isEmpty();
        assertThat(CheckpointSizes.latestCompleted("not json")).isEmpty();
    }

    @Test
    void theLargerCheckpointIsKeptNotTheLater() {
        Completed during = new Completed(5, 50_000, 9_000, 300);
        Completed afterTheInputEnded = new Completed(9, 400, 100, 1_000);

        assertThat(afterTheInputEnded.larger(during)).isEqualTo(during);
        assertThat(during.larger(afterTheInputEnded)).isEqualTo(during);
        assertThat(during.larger(null)).isEqualTo(during);
    }

    @Test
    void theStateLineDividesTheFullSizeByTheAccounts() {
        String line =
                CheckpointSizes.stateLine(
                        "rocksdb", new Completed(4, 3_000_000, 250_000, 200_000), 423_391, 30_000);

        assertThat(line)
                .isEqualTo(
                        "state (rocksdb): largest completed checkpoint #4, 3,000,000 bytes full"
                                + " size (250,000 written by it), after 200,000 of 423,391"
                                + " entries; 30,000 accounts -> 100 bytes per account");
    }

    @Test
    void theStateLineNamesWhatItDividesBy() {
        String line =
                CheckpointSizes.stateLine(
                        "rocksdb",
                        new Completed(12, 4_500_000, 90_000, -1),
                        900_000,
                        "payouts",
                        9_000,
                        "beneficiary",
                        "beneficiaries");

        assertThat(line)
                .isEqualTo(
                        "state (rocksdb): largest completed checkpoint #12, 4,500,000 bytes full"
                                + " size (90,000 written by it); 9,000 beneficiaries -> 500 bytes"
                                + " per beneficiary");
    }

    @Test
    void theSourcesCountIsReadFromItsVertexChainedOrNot() {
        String json =
                "{\"jid\":\"x\",\"vertices\":[{\"name\":\"payout rejects\","
                        + "\"metrics\":{\"write-records\":3}},{\"name\":\"Source: payout file"
                        + " -> payout: check records\",\"metrics\":{\"write-records\":4200,"
                        + "\"write-records-complete\":true}}]}";
        String alone =
                "{\"vertices\":[{\"name\":\"gps file\",\"metrics\":{\"write-records\":17}}]}";

        assertThat(CheckpointSizes.recordsSent(json, "payout file")).isEqualTo(4_200);
        assertThat(CheckpointSizes.recordsSent(alone, "gps file")).isEqualTo(17);
        assertThat(CheckpointSizes.recordsSent(json, "gps file")).isEqualTo(-1);
        assertThat(
                        CheckpointSizes.recordsSent(
                                "{\"vertices\":[{\"name\":\"gps file\"}]}", "gps file"))
                .isEqualTo(-1);
        assertThat(CheckpointSizes.recordsSent("not json", "gps file")).isEqualTo(-1);
    }

    @Test
    void withoutACompletedCheckpointTheLineSaysSo() {
        assertThat(CheckpointSizes.stateLine("rocksdb", null, 10, 10))
                .startsWith("state (rocksdb): no checkpoint completed");
    }
}
