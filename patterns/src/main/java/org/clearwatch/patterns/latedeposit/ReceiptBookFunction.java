package org.clearwatch.patterns.latedeposit;

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
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.reference.CalendarBroadcast;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.ref.CalendarDay;

/**
 * Keeps the receipt book of each account and turns its ledger entries into the few events the
 * late-deposit patterns work on.
 *
 * <p>Entries are buffered until the watermark passes them and applied in event-time order, so a
 * deposit that arrives before the receipt it pays is still matched correctly. State per account is
 * one value (the book) and one list (entries waiting for the watermark): point reads and writes
 * only, no map iteration, which keeps RocksDB fast. Receipts banked before their deadline window
 * opens never reach the patterns at all, which is the common case.
 *
 * <p>Main output: events for the deadline pattern. Side output {@link #LATE_SETTLEMENTS}: receipts
 * fully banked after their deadline, for RESOLVED.
 */
public class ReceiptBookFunction
        extends KeyedBroadcastProcessFunction<String, LedgerEntry, CalendarDay, ReceiptEvent> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<ReceiptEvent> LATE_SETTLEMENTS =
            new OutputTag<>("late-deposit-late-settlements") {};

    /** Housekeeping timers are rounded up to this, so an account holds few of them. */
    private static final long HOUSEKEEPING_GRAIN = Duration.ofHours(1).toMillis();

    private final LateDeposit.Settings settings;
    private final CalendarBroadcast calendar;
    private transient WorkingCalendar deadlineCalendar;
    private transient DepositDeadline deadline;

    private transient ValueState<LedgerBook> book;
    private transient ListState<LedgerEntry> pending;
    private transient Counter receiptsOpened;
    private transient Counter duplicates;
    private transient Counter unallocatedFen;
    private transient Counter abandoned;
    private transient Counter lateDropped;

    public ReceiptBookFunction(LateDeposit.Settings settings, WorkingCalendar calendar) {
        this.settings = settings;
        this.calendar = new CalendarBroadcast(calendar);
    }

    @Override
    public void open(OpenContext openContext) {
        // A safety net for accounts that fall silent: event-time housekeeping does the real work.
        StateTtlConfig ttl =
                StateTtlConfig.newBuilder(
                                settings.trackingHorizon()
                                        .plus(settings.duplicateWindow())
                                        .plusDays(1))
                        .build();
        ValueStateDescriptor<LedgerBook> bookDescriptor =
                new ValueStateDescriptor<>("book", LedgerBook.class);
        bookDescriptor.enableTimeToLive(ttl);
        ListStateDescriptor<LedgerEntry> pendingDescriptor =
                new ListStateDescriptor<>("pending", LedgerEntry.class);
        pendingDescriptor.enableTimeToLive(ttl);
        book = getRuntimeContext().getState(bookDescriptor);
        pending = getRuntimeContext().getListState(pendingDescriptor);

        MetricGroup metrics =
                getRuntimeContext().getMetricGroup().addGroup("model", LateDeposit.ID);
        receiptsOpened = metrics.counter("receiptsOpened");
        duplicates = metrics.counter("duplicateEntriesIgnored");
        unallocatedFen = metrics.counter("unallocatedDepositFen");
        abandoned = metrics.counter("receiptsAbandoned");
        lateDropped = metrics.counter("lateEntriesDropped");
    }

    @Override
    public void processBroadcastElement(CalendarDay day, Context ctx, Collector<ReceiptEvent> out)
            throws Exception {
        // Deadlines of receipts already open stay as they were computed.
        calendar.apply(ctx.getBroadcastState(CalendarBroadcast.DAYS), day);
    }

    @Override
    public void processElement(LedgerEntry entry, ReadOnlyContext ctx, Collector<ReceiptEvent> out)
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
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ReceiptEvent> out)
            throws Exception {
        List<LedgerEntry> due = new ArrayList<>();
        List<LedgerEntry> later = new ArrayList<>();
        Iterable<LedgerEntry> waiting = pending.get();
        if (waiting != null) {
            for (LedgerEntry entry : waiting) {
                (entry.getOccurredAt().toEpochMilli() <= timestamp ? due : later).add(entry);
            }
        }
        LedgerBook stored = book.value();
        if (due.isEmpty() && stored == null) {
            return;
        }
        DepositDeadline deadline = deadline(ctx);

        Instant now = Instant.ofEpochMilli(timestamp);
        Long housekeepingBefore =
                stored == null
                        ? null
                        : housekeepingTime(
                                new ReceiptBook(ctx.getCurrentKey(), stored, settings, deadline)
                                        .nextExpiry());
        ReceiptBook receipts =
                new ReceiptBook(
                        ctx.getCurrentKey(),
                        stored == null ? ReceiptBook.emptyBook() : stored,
                        settings,
                        deadline);
        due.sort(ReceiptBook.ORDER);
        for (LedgerEntry entry : due) {
            receipts.apply(entry);
        }
        receipts.handOver(now);
        receipts.forget(now);

        for (ReceiptEvent event : receipts.events()) {
            if (!ReceiptBook.afterDeadline(event)) {
                out.collect(event);
            } else if (event.getKind() == ReceiptEventKind.SETTLED) {
                ctx.output(LATE_SETTLEMENTS, event);
            }
        }
        for (OpenReceipt receipt : receipts.opened()) {
            ctx.timerService().registerEventTimeTimer(receipt.getWindowOpensAt().toEpochMilli());
        }
        receiptsOpened.inc(receipts.opened().size());
        duplicates.inc(receipts.duplicates());
        unallocatedFen.inc(receipts.unallocatedFen());
        abandoned.inc(receipts.abandoned());

        Long housekeepingAfter = null;
        if (receipts.isEmpty()) {
            book.clear();
        } else {
            book.update(receipts.book());
            housekeepingAfter = housekeepingTime(receipts.nextExpiry());
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
                && !stillNeeded(housekeepingBefore, later, receipts)) {
            // Settled receipts need no horizon check: drop the timer rather than let it fire idle.
            ctx.timerService().deleteEventTimeTimer(housekeepingBefore);
        }
    }

    /** The deadline rule over the calendar as broadcast so far. */
    private DepositDeadline deadline(ReadOnlyContext ctx) throws Exception {
        WorkingCalendar current = calendar.current(ctx.getBroadcastState(CalendarBroadcast.DAYS));
        if (deadline == null || current != deadlineCalendar) {
            deadline = new DepositDeadline(settings, current);
            deadlineCalendar = current;
        }
        return deadline;
    }

    private static long housekeepingTime(Instant expiry) {
        long grain = HOUSEKEEPING_GRAIN;
        return ((expiry.toEpochMilli() + grain - 1) / grain) * grain;
    }

    /** Timers are shared by timestamp: one may also be an entry's or a window's. */
    private static boolean stillNeeded(long time, List<LedgerEntry> later, ReceiptBook receipts) {
        for (LedgerEntry entry : later) {
            if (entry.getOccurredAt().toEpochMilli() == time) {
                return true;
            }
        }
        for (OpenReceipt receipt : receipts.book().getOpen()) {
            if (!receipt.getHandedOver() && receipt.getWindowOpensAt().toEpochMilli() == time) {
                return true;
            }
        }
        return false;
    }
}
