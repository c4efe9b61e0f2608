package org.clearwatch.patterns.rentarrears;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.reference.CalendarBroadcast;
import org.clearwatch.patterns.testing.HarnessOutput;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.ref.CalendarDay;

/**
 * Drives rent-arrears' three stateful operators the way {@link RentArrearsModel} wires them, one
 * harness each: rent book, deadline pattern, resolution pattern. Entries pass the model's filter
 * first. A watermark flows through the operators in order, and what each emits reaches the next
 * before the watermark does. Public for the simulator's ground-truth test in flink-jobs.
 */
public final class RentArrearsHarness implements AutoCloseable {

    private final KeyedBroadcastOperatorTestHarness<String, LedgerEntry, CalendarDay, DueEvent>
            book;
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
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new RentBookFunction(settings, calendar),
                                List.of(CalendarBroadcast.DAYS)),
                        RentBook::contractKey,
                        Types.STRING,
                        128,
                        1,
                        0);
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
        // Reference feeds never hold event time back.
        book.processBroadcastWatermark(Long.MAX_VALUE);
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

    /** A ref-calendar record arrives. */
    public RentArrearsHarness calendarDay(CalendarDay day) throws Exception {
        book.processBroadcastElement(day, Long.MIN_VALUE);
        return this;
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
        for (DueEvent event : HarnessOutput.drainMain(book)) {
            deadline.processElement(event, event.getAt().toEpochMilli());
        }
        for (DueEvent event : HarnessOutput.drain(book, RentBookFunction.LATE_SETTLEMENTS)) {
            resolution.processElement(event, event.getAt().toEpochMilli());
        }
        deadline.processWatermark(wm);
        alerts.addAll(HarnessOutput.drain(deadline, RentDeadlineFunction.RAISED));
        for (DueEvent marker : HarnessOutput.drain(deadline, RentDeadlineFunction.RAISED_MARKERS)) {
            resolution.processElement(marker, marker.getAt().toEpochMilli());
        }
        HarnessOutput.drainMain(deadline);
        resolution.processWatermark(wm);
        alerts.addAll(HarnessOutput.drainMain(resolution));
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
        return HarnessOutput.heapStateEntries(book)
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
                + HarnessOutput.heapStateEntries(book)
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

    @Override
    public void close() throws Exception {
        book.close();
        deadline.close();
        resolution.close();
    }
}
