package org.clearwatch.patterns.latedeposit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
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
 * Drives late-deposit's operators the way the job wires them: a harness each for the receipt book
 * and the deadline pattern, and the stateless resolution function on the book's late settlements. A
 * watermark flows through them in order, and what each emits reaches the next before the watermark
 * does.
 */
final class LateDepositHarness implements AutoCloseable {

    private final KeyedBroadcastOperatorTestHarness<String, LedgerEntry, CalendarDay, ReceiptEvent>
            book;
    private final KeyedOneInputStreamOperatorTestHarness<String, ReceiptEvent, Alert> deadline;
    private final ResolutionFunction resolution;
    private final List<Alert> alerts = new ArrayList<>();

    /** The state of both stateful operators at one checkpoint. */
    record Snapshot(OperatorSubtaskState book, OperatorSubtaskState deadline) {}

    private LateDepositHarness(
            LateDeposit.Settings settings,
            WorkingCalendar calendar,
            StateBackend backend,
            Snapshot restoreFrom)
            throws Exception {
        book =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new ReceiptBookFunction(settings, calendar),
                                List.of(CalendarBroadcast.DAYS)),
                        LedgerEntry::getAccountId,
                        Types.STRING,
                        128,
                        1,
                        0);
        deadline =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        cep(
                                NFACompiler.compileFactory(
                                        LateDepositPatterns.deadline(settings.window()), true),
                                new DeadlineFunction(settings)),
                        ReceiptEvent::getReceiptKey,
                        Types.STRING);
        resolution = new ResolutionFunction(settings);
        for (var harness : List.of(book, deadline)) {
            if (backend != null) {
                harness.setStateBackend(backend);
            }
        }
        if (restoreFrom != null) {
            book.initializeState(restoreFrom.book());
            deadline.initializeState(restoreFrom.deadline());
        }
        book.open();
        deadline.open();
        // Reference feeds never hold event time back.
        book.processBroadcastWatermark(Long.MAX_VALUE);
    }

    static LateDepositHarness start(LateDeposit.Settings settings, WorkingCalendar calendar)
            throws Exception {
        return new LateDepositHarness(settings, calendar, null, null);
    }

    static LateDepositHarness start(
            LateDeposit.Settings settings,
            WorkingCalendar calendar,
            StateBackend backend,
            Snapshot restoreFrom)
            throws Exception {
        return new LateDepositHarness(settings, calendar, backend, restoreFrom);
    }

    private static CepOperator<ReceiptEvent, String, Alert> cep(
            NFACompiler.NFAFactory<ReceiptEvent> nfa,
            org.apache.flink.cep.functions.PatternProcessFunction<ReceiptEvent, Alert> function) {
        return new CepOperator<>(
                new AvroSerializer<>(ReceiptEvent.class),
                false,
                nfa,
                new LateDepositPatterns.Order(),
                null,
                function,
                null);
    }

    LateDepositHarness entry(LedgerEntry entry) throws Exception {
        book.processElement(entry, entry.getOccurredAt().toEpochMilli());
        return this;
    }

    /** A ref-calendar record arrives. */
    LateDepositHarness calendarDay(CalendarDay day) throws Exception {
        book.processBroadcastElement(day, Long.MIN_VALUE);
        return this;
    }

    LateDepositHarness entries(LedgerEntry... entries) throws Exception {
        for (LedgerEntry entry : entries) {
            entry(entry);
        }
        return this;
    }

    /** Event time has reached {@code time}: everything due by then fires, operator by operator. */
    LateDepositHarness watermark(Instant time) throws Exception {
        long wm = time.toEpochMilli();
        book.processWatermark(wm);
        for (ReceiptEvent event : HarnessOutput.drainMain(book)) {
            deadline.processElement(event, event.getAt().toEpochMilli());
        }
        List<ReceiptEvent> lateSettlements =
                HarnessOutput.drain(book, ReceiptBookFunction.LATE_SETTLEMENTS);
        deadline.processWatermark(wm);
        alerts.addAll(HarnessOutput.drain(deadline, DeadlineFunction.RAISED));
        HarnessOutput.drainMain(deadline);
        for (ReceiptEvent settled : lateSettlements) {
            alerts.add(resolution.map(settled));
        }
        return this;
    }

    List<Alert> alerts() {
        return alerts;
    }

    Snapshot snapshot(long checkpointId) throws Exception {
        return new Snapshot(
                book.snapshot(checkpointId, checkpointId),
                deadline.snapshot(checkpointId, checkpointId));
    }

    int stateEntries() {
        return HarnessOutput.heapStateEntries(book) + deadline.numKeyedStateEntries();
    }

    String describeState() {
        return "book="
                + HarnessOutput.heapStateEntries(book)
                + "/"
                + book.numEventTimeTimers()
                + " deadline="
                + deadline.numKeyedStateEntries()
                + "/"
                + deadline.numEventTimeTimers();
    }

    int eventTimeTimers() {
        return book.numEventTimeTimers() + deadline.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        book.close();
        deadline.close();
    }
}
