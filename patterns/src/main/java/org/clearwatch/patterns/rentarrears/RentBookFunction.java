package org.clearwatch.patterns.rentarrears;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.clearwatch.patterns.calendar.DayDeadline;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.reference.CalendarBroadcast;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.ref.CalendarDay;

/**
 * Keeps the rent book of each lease contract and turns its RENT_DUE and RENT_RECEIVED entries into
 * the few events the rent-arrears patterns work on.
 *
 * <p>Entries are buffered until the watermark passes them and applied in event-time order, so a
 * payment booked before the due it settles is still matched correctly. State per contract is one
 * value (the book) and one list (entries waiting for the watermark): point reads and writes only.
 * Dues paid before their deadline window opens never reach the patterns, which is the common case.
 *
 * <p>Main output: events for the deadline pattern. Side output {@link #LATE_SETTLEMENTS}: dues paid
 * in full after their deadline, for the resolution pattern.
 */
public class RentBookFunction
        extends KeyedBroadcastProcessFunction<String, LedgerEntry, CalendarDay, DueEvent> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DueEvent> LATE_SETTLEMENTS =
            new OutputTag<>("rent-arrears-late-settlements") {};

    /** Housekeeping timers are rounded up to this, so a contract holds few of them. */
    private static final long HOUSEKEEPING_GRAIN = Duration.ofHours(1).toMillis();

    private final RentArrears.Settings settings;
    private final CalendarBroadcast calendar;
    private transient WorkingCalendar deadlineCalendar;
    private transient DayDeadline deadline;

    private transient ValueState<ContractBook> book;
    private transient ListState<LedgerEntry> pending;
    private transient Counter duesOpened;
    private transient Counter duplicates;
    private transient Counter abandoned;
    private transient Counter expiredCreditFen;
    private transient Counter lateDropped;

    public RentBookFunction(RentArrears.Settings settings, WorkingCalendar calendar) {
        this.settings = settings;
        this.calendar = new CalendarBroadcast(calendar);
    }

    @Override
    public void open(OpenContext openContext) {
        // A safety net for contracts that fall silent: event-time housekeeping does the real work.
        StateTtlConfig ttl =
                StateTtlConfig.newBuilder(
                                settings.window()
                                        .multipliedBy(2)
                                        .plus(settings.trackingHorizon())
                                        .plus(settings.duplicateWindow())
                                        .plusDays(1))
                        .build();
        ValueStateDescriptor<ContractBook> bookDescriptor =
                new ValueStateDescriptor<>("book", ContractBook.class);
        bookDescriptor.enableTimeToLive(ttl);
        ListStateDescriptor<LedgerEntry> pendingDescriptor =
                new ListStateDescriptor<>("pending", LedgerEntry.class);
        pendingDescriptor.enableTimeToLive(ttl);
        book = getRuntimeContext().getState(bookDescriptor);
        pending = getRuntimeContext().getListState(pendingDescriptor);

        MetricGroup metrics =
                getRuntimeContext().getMetricGroup().addGroup("model", RentArrears.ID);
        duesOpened = metrics.counter("duesOpened");
        duplicates = metrics.counter("duplicateEntriesIgnored");
        abandoned = metrics.counter("duesAbandoned");
        expiredCreditFen = metrics.counter("expiredCreditFen");
        lateDropped = metrics.counter("lateEntriesDropped");
    }

    @Override
    public void processBroadcastElement(CalendarDay day, Context ctx, Collector<DueEvent> out)
            throws Exception {
        // Deadlines of dues already booked stay as they were computed.
        calendar.apply(ctx.getBroadcastState(CalendarBroadcast.DAYS), day);
    }

    @Override
    public void processElement(LedgerEntry entry, ReadOnlyContext ctx, Collector<DueEvent> out)
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
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DueEvent> out)
            throws Exception {
        List<LedgerEntry> due = new ArrayList<>();
        List<LedgerEntry> later = new ArrayList<>();
        Iterable<LedgerEntry> waiting = pending.get();
        if (waiting != null) {
            for (LedgerEntry entry : waiting) {
                (entry.getOccurredAt().toEpochMilli() <= timestamp ? due : later).add(entry);
            }
        }
        ContractBook stored = book.value();
        if (due.isEmpty() && stored == null) {
            return;
        }
        DayDeadline deadline = deadline(ctx);

        Instant now = Instant.ofEpochMilli(timestamp);
        Long housekeepingBefore =
                stored == null
                        ? null
                        : housekeepingTime(
                                new RentBook(ctx.getCurrentKey(), stored, settings, deadline)
                                        .nextExpiry());
        RentBook rent =
                new RentBook(
                        ctx.getCurrentKey(),
                        stored == null ? RentBook.emptyBook() : stored,
                        settings,
                        deadline);
        due.sort(RentBook.ORDER);
        for (LedgerEntry entry : due) {
            rent.apply(entry);
        }
        rent.handOver(now);
        rent.forget(now);

        for (DueEvent event : rent.events()) {
            if (!RentBook.afterDeadline(event)) {
                out.collect(event);
            } else if (event.getKind() == DueEventKind.SETTLED) {
                ctx.output(LATE_SETTLEMENTS, event);
            }
        }
        for (OpenDue opened : rent.opened()) {
            ctx.timerService().registerEventTimeTimer(opened.getWindowOpensAt().toEpochMilli());
        }
        duesOpened.inc(rent.opened().size());
        duplicates.inc(rent.duplicates());
        abandoned.inc(rent.abandoned());
        expiredCreditFen.inc(rent.expiredCreditFen());

        Long housekeepingAfter = null;
        if (rent.isEmpty()) {
            book.clear();
        } else {
            book.update(rent.book());
            housekeepingAfter = housekeepingTime(rent.nextExpiry());
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
                && !stillNeeded(housekeepingBefore, later, rent)) {
            // Paid dues need no horizon check: drop the timer rather than let it fire idle.
            ctx.timerService().deleteEventTimeTimer(housekeepingBefore);
        }
    }

    /** The grace period over the calendar as broadcast so far. */
    private DayDeadline deadline(ReadOnlyContext ctx) throws Exception {
        WorkingCalendar current = calendar.current(ctx.getBroadcastState(CalendarBroadcast.DAYS));
        if (deadline == null || current != deadlineCalendar) {
            deadline = settings.deadline(current);
            deadlineCalendar = current;
        }
        return deadline;
    }

    private static long housekeepingTime(Instant expiry) {
        long grain = HOUSEKEEPING_GRAIN;
        return ((expiry.toEpochMilli() + grain - 1) / grain) * grain;
    }

    /** Timers are shared by timestamp: one may also be an entry's or a window's. */
    private static boolean stillNeeded(long time, List<LedgerEntry> later, RentBook rent) {
        for (LedgerEntry entry : later) {
            if (entry.getOccurredAt().toEpochMilli() == time) {
                return true;
            }
        }
        for (OpenDue due : rent.book().getOpen()) {
            if (!due.getHandedOver() && due.getWindowOpensAt().toEpochMilli() == time) {
                return true;
            }
        }
        return false;
    }
}
