package org.clearwatch.patterns.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** What the models' test harnesses read from Flink's operator test harnesses. */
public final class HarnessOutput {

    private HarnessOutput() {}

    /** The records of the main output since the last call, which it clears. */
    public static <T> List<T> drainMain(AbstractStreamOperatorTestHarness<T> harness) {
        List<T> values = new ArrayList<>();
        for (Object element : harness.getOutput()) {
            if (element instanceof StreamRecord<?> record) {
                @SuppressWarnings("unchecked")
                T value = (T) record.getValue();
                values.add(value);
            }
        }
        harness.getOutput().clear();
        return values;
    }

    /** The records of side output {@code tag} since the last call, which it clears. */
    public static <T> List<T> drain(
            AbstractStreamOperatorTestHarness<?> harness, OutputTag<T> tag) {
        List<T> values = new ArrayList<>();
        Queue<StreamRecord<T>> queue = harness.getSideOutput(tag);
        if (queue != null) {
            queue.forEach(record -> values.add(record.getValue()));
            queue.clear();
        }
        return values;
    }

    /** Keyed state entries of the harness's operator, on the heap backend (the tests' default). */
    public static int heapStateEntries(AbstractStreamOperatorTestHarness<?> harness) {
        KeyedStateBackend<?> backend =
                ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
        if (backend instanceof HeapKeyedStateBackend<?> heap) {
            return heap.numKeyValueStateEntries();
        }
        throw new UnsupportedOperationException("counts entries on the heap backend only");
    }
}
