package org.clearwatch.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's RocksDB seeks stop at the end of their key group: map state and timers of keys spread
 * over every key group must still read exactly their own entries, before and after a restore.
 */
class KeyGroupBoundedSeeksTest {

    private static final int MAX_PARALLELISM = 128;
    private static final int KEYS = 600;

    @TempDir Path rocksDir;

    @Test
    void theJobRunsRocksDbWithBoundedSeeksAndTheHeapWithoutAFactory() {
        Configuration rocks =
                JobEnvironment.flinkOptions(
                        ClearwatchConfig.defaults(
                                Map.of(ClearwatchConfig.STATE_BACKEND.key(), "rocksdb")));
        Configuration heap =
                JobEnvironment.flinkOptions(
                        ClearwatchConfig.defaults(
                                Map.of(ClearwatchConfig.STATE_BACKEND.key(), "hashmap")));

        assertThat(rocks.get(RocksDBOptions.OPTIONS_FACTORY))
                .isEqualTo(KeyGroupBoundedSeeks.class.getName());
        assertThat(heap.contains(RocksDBOptions.OPTIONS_FACTORY)).isFalse();
    }

    @Test
    void everyKeySeesAllOfItsOwnMapEntriesAndNoneOfItsNeighboursAmongTombstones() throws Exception {
        List<String> keys = keysOverEveryKeyGroup();
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> harness = harness()) {
            harness.open();
            for (String key : keys) {
                harness.processElement(key + " put 3", 1L);
            }
            // Every other key empties its map: tombstones between the keys that stay.
            for (int i = 0; i < keys.size(); i += 2) {
                harness.processElement(keys.get(i) + " clear", 1L);
            }
            harness.getOutput().clear();
            for (String key : keys) {
                harness.processElement(key + " count", 1L);
            }

            assertThat(counts(harness)).isEqualTo(expectedCounts(keys));
        }
    }

    @Test
    void timersOfEveryKeyGroupFireBeforeAndAfterARestore() throws Exception {
        List<String> keys = keysOverEveryKeyGroup();
        OperatorSubtaskState snapshot;
        Set<String> fired = new HashSet<>();
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> harness = harness()) {
            harness.open();
            for (int i = 0; i < keys.size(); i++) {
                harness.processElement(keys.get(i) + " timer " + (100 + i), 1L);
            }
            harness.processWatermark(100L + keys.size() / 2 - 1);
            fired.addAll(firedKeys(harness));
            snapshot = harness.snapshot(1L, 1L);
        }
        assertThat(fired).hasSize(keys.size() / 2);

        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> harness = harness()) {
            harness.initializeState(snapshot);
            harness.open();
            harness.processWatermark(Long.MAX_VALUE);
            fired.addAll(firedKeys(harness));
        }
        assertThat(fired).containsExactlyInAnyOrderElementsOf(keys);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, String, String> harness()
            throws Exception {
        EmbeddedRocksDBStateBackend backend = new EmbeddedRocksDBStateBackend(true);
        backend.setDbStoragePath(rocksDir.toString());
        backend.setRocksDBOptions(new KeyGroupBoundedSeeks());
        KeyedOneInputStreamOperatorTestHarness<String, String, String> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new MapsAndTimers()),
                        command -> command.substring(0, command.indexOf(' ')),
                        Types.STRING,
                        MAX_PARALLELISM,
                        1,
                        0);
        harness.setStateBackend(backend);
        return harness;
    }

    /** Keys until every key group holds at least two, in a shuffled order of groups. */
    private static List<String> keysOverEveryKeyGroup() {
        List<String> keys = new ArrayList<>();
        Set<Integer> groups = new HashSet<>();
        for (int i = 0; keys.size() < KEYS || groups.size() < MAX_PARALLELISM; i++) {
            String key = "receipt-" + i;
            keys.add(key);
            groups.add(KeyGroupRangeAssignment.assignToKeyGroup(key, MAX_PARALLELISM));
        }
        assertThat(groups).hasSize(MAX_PARALLELISM);
        return keys;
    }

    private static Map<String, String> expectedCounts(List<String> keys) {
        Map<String, String> expected = new java.util.TreeMap<>();
        for (int i = 0; i < keys.size(); i++) {
            expected.put(keys.get(i), i % 2 == 0 ? "empty 0" : "entries 3");
        }
        return expected;
    }

    private static Map<String, String> counts(
            KeyedOneInputStreamOperatorTestHarness<String, String, String> harness) {
        Map<String, String> counts = new java.util.TreeMap<>();
        for (String line : harness.extractOutputValues()) {
            int space = line.indexOf(' ');
            counts.put(line.substring(0, space), line.substring(space + 1));
        }
        return counts;
    }

    private static List<String> firedKeys(
            KeyedOneInputStreamOperatorTestHarness<String, String, String> harness) {
        List<String> fired = new ArrayList<>();
        for (String line : harness.extractOutputValues()) {
            if (line.endsWith(" fired")) {
                fired.add(line.substring(0, line.indexOf(' ')));
            }
        }
        return fired;
    }

    /**
     * Commands "KEY put N", "KEY clear", "KEY count" on a map per key, and "KEY timer T" for an
     * event-time timer that reports "KEY fired".
     */
    private static final class MapsAndTimers extends KeyedProcessFunction<String, String, String> {
        private static final long serialVersionUID = 1L;
        private transient MapState<Integer, String> map;

        @Override
        public void open(OpenContext openContext) {
            map =
                    getRuntimeContext()
                            .getMapState(new MapStateDescriptor<>("map", Types.INT, Types.STRING));
        }

        @Override
        public void processElement(String command, Context ctx, Collector<String> out)
                throws Exception {
            String[] words = command.split(" ");
            switch (words[1]) {
                case "put" -> {
                    for (int i = 0; i < Integer.parseInt(words[2]); i++) {
                        map.put(i, words[0]);
                    }
                }
                case "clear" -> map.clear();
                case "count" -> {
                    int n = 0;
                    for (Map.Entry<Integer, String> entry : map.entries()) {
                        assertThat(entry.getValue()).isEqualTo(words[0]);
                        n++;
                    }
                    out.collect(words[0] + (map.isEmpty() ? " empty " : " entries ") + n);
                }
                case "timer" -> ctx.timerService().registerEventTimeTimer(Long.parseLong(words[2]));
                default -> throw new IllegalArgumentException(command);
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
            out.collect(ctx.getCurrentKey() + " fired");
        }
    }
}
