package org.clearwatch.patterns.rentarrears;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.LedgerEntry;

/**
 * Drives rent-arrears' three stateful operators the way {@link RentArrearsModel} wires them, one
 * harness each: rent book, deadline pattern, resolution pattern. Entries pass the model's filter
 * first. A watermark flows through the operators in order, and what each emits reaches the next
 * before the watermark does. Public for the simulator's ground-truth test in flink-jobs.
 */
public final class RentArrearsHarness implements AutoCloseable {

    private final KeyedOneInputStreamOperatorTestHarness<String, LedgerEntry, DueEvent> book;
    private final KeyedOneInputStreamOperatorTestHarness<String, DueEvent, Alert> deadline;
    private final KeyedOneInputStreamOperatorTestHarness<String, DueEvent, Alert> resolution;
    private final List<Alert> alerts = new ArrayList<>();

    /** The state of all three operators at one checkpoint. */
    record Snapshot(
            OperatorSubtaskState book,
            OperatorSubtaskState deadline,
            OperatorSubtaskState resolution) {}

    private RentArrearsHarness(
            RentArrears.Settings settings,
            WorkingCalendar calendar,
            StateBackend backend,
            Snapshot restoreFrom)
            throws Exception {
        book =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new RentBookFunction(settings, calendar)),
                        RentBook::contractKey,
                        Types.STRING);
        deadline =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        cep(
                                NFACompiler.compileFactory(
                                        RentArrearsPatterns.deadline(settings.window()), true),
                                new RentDeadlineFunction(settings)),
                        DueEvent::getDueKey,
                        Types.STRING);
        resolution =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        cep(
                                NFACompiler.compileFactory(
                                        RentArrearsPatterns.resolution(settings.trackingHorizon()),
                                        true),
                                new RentResolutionFunction(settings)),
                        DueEvent::getDueKey,
                        Types.STRING);
        for (var harness : List.of(book, deadline, resolution)) {
            if (backend != null) {
                harness.setStateBackend(backend);
            }
        }
        if (restoreFrom != null) {
            book.initializeState(restoreFrom.book());
            deadline.initializeState(restoreFrom.deadline());
            resolution.initializeState(restoreFrom.resolution());
        }
        book.open();
        deadline.open();
        resolution.open();
    }

    public static RentArrearsHarness start(RentArrears.Settings settings, WorkingCalendar calendar)
            throws Exception {
        return new RentArrearsHarness(settings, calendar, null, null);
    }

    public static RentArrearsHarness start(
            RentArrears.Settings settings,
            WorkingCalendar calendar,
            StateBackend backend,
            Snapshot restoreFrom)
            throws Exception {
        return new RentArrearsHarness(settings, calendar, backend, restoreFrom);
    }

    private static CepOperator<DueEvent, String, Alert> cep(
            NFACompiler.NFAFactory<DueEvent> nfa,
            PatternProcessFunction<DueEvent, Alert> function) {
        return new CepOperator<>(
                new AvroSerializer<>(DueEvent.class),
                false,
                nfa,
                new RentArrearsPatterns.Order(),
                null,
                function,
                null);
    }

    public RentArrearsHarness entries(LedgerEntry... entries) throws Exception {
        for (LedgerEntry entry : entries) {
            if (RentBook.isRent(entry)) {
                book.processElement(entry, entry.getOccurredAt().toEpochMilli());
            }
        }
        return this;
    }

    /** Event time has reached {@code time}: everything due by then fires, operator by operator. */
    public RentArrearsHarness watermark(Instant time) throws Exception {
        long wm = time.toEpochMilli();
        book.processWatermark(wm);
        for (DueEvent event : drainMain(book)) {
            deadline.processElement(event, event.getAt().toEpochMilli());
        }
        for (DueEvent event : drain(book, RentBookFunction.LATE_SETTLEMENTS)) {
            resolution.processElement(event, event.getAt().toEpochMilli());
        }
        deadline.processWatermark(wm);
        alerts.addAll(drain(deadline, RentDeadlineFunction.RAISED));
        for (DueEvent marker : drain(deadline, RentDeadlineFunction.RAISED_MARKERS)) {
            resolution.processElement(marker, marker.getAt().toEpochMilli());
        }
        drainMain(deadline);
        resolution.processWatermark(wm);
        alerts.addAll(drainMain(resolution));
        return this;
    }

    public List<Alert> alerts() {
        return alerts;
    }

    Snapshot snapshot(long checkpointId) throws Exception {
        return new Snapshot(
                book.snapshot(checkpointId, checkpointId),
                deadline.snapshot(checkpointId, checkpointId),
                resolution.snapshot(checkpointId, checkpointId));
    }

    public int stateEntries() {
        return book.numKeyedStateEntries()
                + deadline.numKeyedStateEntries()
                + resolution.numKeyedStateEntries();
    }

    public int eventTimeTimers() {
        return book.numEventTimeTimers()
                + deadline.numEventTimeTimers()
                + resolution.numEventTimeTimers();
    }

    public String describeState() {
        return "book="
                + book.numKeyedStateEntries()
                + "/"
                + book.numEventTimeTimers()
                + " deadline="
                + deadline.numKeyedStateEntries()
                + "/"
                + deadline.numEventTimeTimers()
                + " resolution="
                + resolution.numKeyedStateEntries()
                + "/"
                + resolution.numEventTimeTimers();
    }

    private static <T> List<T> drainMain(KeyedOneInputStreamOperatorTestHarness<?, ?, T> harness) {
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

    private static <T> List<T> drain(
            KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness, OutputTag<T> tag) {
        List<T> values = new ArrayList<>();
        Queue<StreamRecord<T>> queue = harness.getSideOutput(tag);
        if (queue != null) {
            queue.forEach(record -> values.add(record.getValue()));
            queue.clear();
        }
        return values;
    }

    @Override
    public void close() throws Exception {
        book.close();
        deadline.close();
        resolution.close();
    }
}
