package org.clearwatch.patterns.deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.reference.CalendarBroadcast;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.ref.CalendarDay;

/**
 * Keeps a {@link DayBook} per key and turns its ledger entries into the few events a deadline
 * pattern works on; what late-deposit and rent-arrears share.
 *
 * <p>Entries are buffered until the watermark passes them and applied in event-time order, so an
 * entry that arrives before the one it settles is still matched correctly. State per key is one
 * value (the book) and one list (entries waiting for the watermark): point reads and writes only,
 * no map iteration, which keeps RocksDB fast. Obligations settled before their deadline window
 * opens never reach the pattern, which is the common case. The working calendar reaches the book as
 * broadcast state: a {@code ref-calendar} record changes the deadlines of what is booked after it
 * arrives.
 *
 * <p>Main output: events for the deadline pattern. Side output (given by the subclass): obligations
 * settled in full after their deadline, for RESOLVED.
 *
 * @param <S> the stored book
 * @param <E> the events
 * @param <D> the deadline rule over a calendar
 */
public abstract class DayBookFunction<S, E, D>
        extends KeyedBroadcastProcessFunction<String, LedgerEntry, CalendarDay, E> {

    private static final long serialVersionUID = 1L;

    /** Housekeeping timers are rounded up to this, so a key holds few of them. */
    private static final long HOUSEKEEPING_GRAIN = Duration.ofHours(1).toMillis();

    private final Class<S> storedType;
    private final Duration ttl;
    private final OutputTag<E> lateSettlements;
    private final CalendarBroadcast calendar;

    private transient WorkingCalendar deadlineCalendar;
    private transient D deadline;
    private transient ValueState<S> book;
    private transient ListState<LedgerEntry> pending;
    private transient Counter lateDropped;

    /**
     * @param ttl processing-time TTL of the state, a safety net for keys that fall silent
     */
    protected DayBookFunction(
            Class<S> storedType,
            Duration ttl,
            OutputTag<E> lateSettlements,
            WorkingCalendar calendar) {
        this.storedType = storedType;
        this.ttl = ttl;
        this.lateSettlements = lateSettlements;
        this.calendar = new CalendarBroadcast(calendar);
    }

    /** The deadline rule over {@code calendar}. */
    protected abstract D deadline(WorkingCalendar calendar);

    /** The rules over the stored book of {@code key}, or over an empty one when it is null. */
    protected abstract DayBook<S, E> rules(String key, S stored, D deadline);

    /** The order entries of one instant are applied in. */
    protected abstract Comparator<LedgerEntry> order();

    /** Whether an event comes at or after its deadline: the pattern is done with it then. */
    protected abstract boolean afterDeadline(E event);

    /** Whether an event settles its obligation in full. */
    protected abstract boolean settles(E event);

    /** The model's metric group. */
    protected abstract MetricGroup metrics(MetricGroup operatorGroup);

    /** Creates the model's own counters in {@code metrics}. */
    protected abstract void openCounters(MetricGroup metrics);

    /** Counts what one step of the book did. */
    protected abstract void count(DayBook<S, E> step);

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttlConfig = StateTtlConfig.newBuilder(ttl).build();
        ValueStateDescriptor<S> bookDescriptor = new ValueStateDescriptor<>("book", storedType);
        bookDescriptor.enableTimeToLive(ttlConfig);
        ListStateDescriptor<LedgerEntry> pendingDescriptor =
                new ListStateDescriptor<>("pending", LedgerEntry.class);
        pendingDescriptor.enableTimeToLive(ttlConfig);
        book = getRuntimeContext().getState(bookDescriptor);
        pending = getRuntimeContext().getListState(pendingDescriptor);

        MetricGroup metrics = metrics(getRuntimeContext().getMetricGroup());
        lateDropped = metrics.counter("lateEntriesDropped");
        openCounters(metrics);
    }

    @Override
    public void processBroadcastElement(CalendarDay day, Context ctx, Collector<E> out)
            throws Exception {
        // Deadlines of what is booked already stay as they were computed.
        calendar.apply(ctx.getBroadcastState(CalendarBroadcast.DAYS), day);
    }

    @Override
    public void processElement(LedgerEntry entry, ReadOnlyContext ctx, Collector<E> out)
            throws Exception {
        long at = ctx.timestamp();
        if (at <= ctx.timerService().currentWatermark()) {
            // The feed routes late entries to its own side output first; this only guards.
            lateDropped.inc();
            return;
        }
        pending.add(entry);
        ctx.timerService().registerEventTimeTimer(at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<E> out) throws Exception {
        List<LedgerEntry> due = new ArrayList<>();
        List<LedgerEntry> later = new ArrayList<>();
        Iterable<LedgerEntry> waiting = pending.get();
        if (waiting != null) {
            for (LedgerEntry entry : waiting) {
                (entry.getOccurredAt().toEpochMilli() <= timestamp ? due : later).add(entry);
            }
        }
        S stored = book.value();
        if (due.isEmpty() && stored == null) {
            return;
        }
        D rule = deadline(ctx);
        String key = ctx.getCurrentKey();

        Instant now = Instant.ofEpochMilli(timestamp);
        DayBook<S, E> step = rules(key, stored, rule);
        Long housekeepingBefore = stored == null ? null : housekeepingTime(step.nextExpiry());
        due.sort(order());
        for (LedgerEntry entry : due) {
            step.apply(entry);
        }
        step.handOver(now);
        step.forget(now);

        for (E event : step.events()) {
            if (!afterDeadline(event)) {
                out.collect(event);
            } else if (settles(event)) {
                ctx.output(lateSettlements, event);
            }
        }
        for (Instant opens : step.openedWindows()) {
            ctx.timerService().registerEventTimeTimer(opens.toEpochMilli());
        }
        count(step);

        Long housekeepingAfter = null;
        if (step.isEmpty()) {
            book.clear();
        } else {
            book.update(step.book());
            housekeepingAfter = housekeepingTime(step.nextExpiry());
            ctx.timerService().registerEventTimeTimer(housekeepingAfter);
        }
        if (!due.isEmpty()) {
            if (later.isEmpty()) {
                pending.clear();
            } else {
                pending.update(later);
            }
        }
        if (housekeepingBefore != null
                && !housekeepingBefore.equals(housekeepingAfter)
                && housekeepingBefore > timestamp
                && !stillNeeded(housekeepingBefore, later, step)) {
            // What is settled needs no horizon check: drop the timer rather than let it fire idle.
            ctx.timerService().deleteEventTimeTimer(housekeepingBefore);
        }
    }

    /** The deadline rule over the calendar as broadcast so far. */
    private D deadline(ReadOnlyContext ctx) throws Exception {
        WorkingCalendar current = calendar.current(ctx.getBroadcastState(CalendarBroadcast.DAYS));
        if (deadline == null || current != deadlineCalendar) {
            deadline = deadline(current);
            deadlineCalendar = current;
        }
        return deadline;
    }

    private static long housekeepingTime(Instant expiry) {
        long grain = HOUSEKEEPING_GRAIN;
        return ((expiry.toEpochMilli() + grain - 1) / grain) * grain;
    }

    /** Timers are shared by timestamp: one may also be an entry's or a window's. */
    private static boolean stillNeeded(long time, List<LedgerEntry> later, DayBook<?, ?> step) {
        for (LedgerEntry entry : later) {
            if (entry.getOccurredAt().toEpochMilli() == time) {
                return true;
            }
        }
        return step.waitsForWindowAt(time);
    }
}
