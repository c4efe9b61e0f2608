package org.clearwatch.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
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
 * A restore whose state serializer changed compatibly makes Flink migrate that state (here: time to
 * live switched on for a state that had none, as a model bounding its state would do; an Avro state
 * type evolving its schema goes the same way): it drops the column family and rewrites it from an
 * iterator that starts at {@code seekToFirst()} with the backend's read options. Under {@link
 * KeyGroupBoundedSeeks} that iterator stops after the first key group, so every other key group's
 * state would be gone without an error. The upgrade procedure (docs/OPERATIONS.md) therefore
 * restores such a savepoint once with {@code state.rocksdb.key-group-bounded-seeks=false}, takes a
 * savepoint, and restarts with bounded seeks; these tests hold each step to it.
 */
class StateMigrationRestoreTest {

    private static final int MAX_PARALLELISM = 128;

    private static final boolean V1 = false;

    /** Version 2 keeps the state with a time to live: compatible, after a migration. */
    private static final boolean V2 = true;

    @TempDir Path rocksDir;

    @Test
    void theSwitchTakesTheOptionsFactoryOffAndItIsOnByDefault() {
        assertThat(
                        JobEnvironment.flinkOptions(ClearwatchConfig.defaults(Map.of()))
                                .get(RocksDBOptions.OPTIONS_FACTORY))
                .isEqualTo(KeyGroupBoundedSeeks.class.getName());
        assertThat(
                        JobEnvironment.flinkOptions(
                                        ClearwatchConfig.defaults(
                                                Map.of(
                                                        ClearwatchConfig.BOUNDED_SEEKS.key(),
                                                        "false")))
                                .contains(RocksDBOptions.OPTIONS_FACTORY))
                .isFalse();
    }

    @Test
    void aMigrationUnderBoundedSeeksWouldLoseTheStateOfEveryOtherKeyGroup() throws Exception {
        List<String> keys = keysOverEveryKeyGroup();
        OperatorSubtaskState v1 = written(keys);

        Set<String> kept = present(v1, V2, true, keys).keys();

        assertThat(kept).isNotEmpty().hasSizeLessThan(keys.size() / 10);
    }

    @Test
    void theMigrationRestoreWithoutBoundedSeeksKeepsEveryKeyAndItsSavepointRestoresWithThem()
            throws Exception {
        List<String> keys = keysOverEveryKeyGroup();
        OperatorSubtaskState v1 = written(keys);

        Restored migrated = present(v1, V2, false, keys);
        Restored back = present(migrated.snapshot(), V2, true, keys);

        assertThat(migrated.keys()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(back.keys()).containsExactlyInAnyOrderElementsOf(keys);
    }

    private record Restored(Set<String> keys, OperatorSubtaskState snapshot) {}

    private OperatorSubtaskState written(List<String> keys) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> harness =
                harness(V1, true)) {
            harness.open();
            for (String key : keys) {
                harness.processElement(key + " put", 1L);
            }
            return harness.snapshot(1L, 1L);
        }
    }

    private Restored present(
            OperatorSubtaskState snapshot, boolean ttl, boolean bounded, List<String> keys)
            throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> harness =
                harness(ttl, bounded)) {
            harness.initializeState(snapshot);
            harness.open();
            for (String key : keys) {
                harness.processElement(key + " get", 2L);
            }
            Set<String> present = new HashSet<>();
            for (String line : harness.extractOutputValues()) {
                if (line.endsWith(" present")) {
                    present.add(line.substring(0, line.indexOf(' ')));
                }
            }
            return new Restored(present, harness.snapshot(2L, 2L));
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(
            boolean ttl, boolean bounded) throws Exception {
        EmbeddedRocksDBStateBackend backend = new EmbeddedRocksDBStateBackend(true);
        backend.setDbStoragePath(rocksDir.toString());
        if (bounded) {
            backend.setRocksDBOptions(new KeyGroupBoundedSeeks());
        }
        KeyedOneInputStreamOperatorTestHarness<String, String, String> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new Books(ttl)),
                        command -> command.substring(0, command.indexOf(' ')),
                        Types.STRING,
                        MAX_PARALLELISM,
                        1,
                        0);
        harness.setStateBackend(backend);
        return harness;
    }

    /** Three keys in every key group. */
    private static List<String> keysOverEveryKeyGroup() {
        List<String> keys = new ArrayList<>();
        int[] perGroup = new int[MAX_PARALLELISM];
        for (int i = 0; keys.size() < 3 * MAX_PARALLELISM; i++) {
            String key = "account-" + i;
            int group = KeyGroupRangeAssignment.assignToKeyGroup(key, MAX_PARALLELISM);
            if (perGroup[group] < 3) {
                perGroup[group]++;
                keys.add(key);
            }
        }
        return keys;
    }

    /** Keeps one value per key: "KEY put" writes it, "KEY get" says whether it is there. */
    private static final class Books extends KeyedProcessFunction<String, String, String> {

        private final boolean ttl;
        private transient ValueState<String> book;

        Books(boolean ttl) {
            this.ttl = ttl;
        }

        @Override
        public void open(OpenContext context) {
            ValueStateDescriptor<String> descriptor =
                    new ValueStateDescriptor<>("book", Types.STRING);
            if (ttl) {
                descriptor.enableTimeToLive(
                        StateTtlConfig.newBuilder(Duration.ofDays(365)).build());
            }
            book = getRuntimeContext().getState(descriptor);
        }

        @Override
        public void processElement(String command, Context ctx, Collector<String> out)
                throws Exception {
            String key = ctx.getCurrentKey();
            if (command.endsWith(" put")) {
                book.update(key);
            } else {
                out.collect(key + (key.equals(book.value()) ? " present" : " missing"));
            }
        }
    }
}
