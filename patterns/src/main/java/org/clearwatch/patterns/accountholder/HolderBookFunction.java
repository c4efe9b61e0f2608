package org.clearwatch.patterns.accountholder;

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
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.Official;

/**
 * Keeps, per account holder, the payouts their accounts received for other people, joined with the
 * holder's roster record, keyed by the holder's national ID number.
 *
 * <p>Payouts wait until the watermark passes them and are applied in event-time order, so "a pair's
 * first payout" and "the payout that made the holder a collector" are the same on every run. Roster
 * records are applied when they arrive, against the payouts already applied; payouts applied later
 * see the record. Either way a pair's official-holder case is raised once, from its earliest payout
 * made while the holder was on the roster.
 *
 * <p>State per holder: the book (one value: bounded by the retention and the cap, TTL for holders
 * no longer paid), payouts waiting for the watermark (one list, emptied as it passes them, one
 * timer per distinct payout time) and the roster record (one value, bounded by the roster).
 */
public class HolderBookFunction
        extends KeyedCoProcessFunction<String, BankPayout, Official, Alert> {

    private static final long serialVersionUID = 1L;

    private final AccountHolderMismatch.Settings settings;

    private transient ValueState<HolderBook> book;
    private transient ListState<BankPayout> pending;
    private transient ValueState<Official> official;
    private transient Counter duplicates;
    private transient Counter forgotten;
    private transient Counter lateApplied;

    public HolderBookFunction(AccountHolderMismatch.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(settings.bookTtl()).build();
        ValueStateDescriptor<HolderBook> bookDescriptor =
                new ValueStateDescriptor<>("book", HolderBook.class);
        bookDescriptor.enableTimeToLive(ttl);
        ListStateDescriptor<BankPayout> pendingDescriptor =
                new ListStateDescriptor<>("pending", BankPayout.class);
        pendingDescriptor.enableTimeToLive(ttl);
        book = getRuntimeContext().getState(bookDescriptor);
        pending = getRuntimeContext().getListState(pendingDescriptor);
        official =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("official", Official.class));

        MetricGroup metrics =
                getRuntimeContext().getMetricGroup().addGroup("model", AccountHolderMismatch.ID);
        duplicates = metrics.counter("duplicatePayoutsIgnored");
        forgotten = metrics.counter("payoutsForgotten");
        lateApplied = metrics.counter("latePayoutsApplied");
    }

    @Override
    public void processElement1(BankPayout payout, Context ctx, Collector<Alert> out)
            throws Exception {
        if (!HolderLedger.paidToSomeoneElse(payout)) {
            // The job filters these out upstream; a function used on its own stays correct.
            return;
        }
        long at = ctx.timestamp();
        if (at <= ctx.timerService().currentWatermark()) {
            // The feed sets late payouts aside first; should one get through, count it, keep it.
            lateApplied.inc();
            apply(List.of(payout), ctx, out);
            return;
        }
        pending.add(payout);
        ctx.timerService().registerEventTimeTimer(at);
    }

    @Override
    public void processElement2(Official record, Context ctx, Collector<Alert> out)
            throws Exception {
        official.update(record);
        HolderBook stored = book.value();
        if (stored == null) {
            return;
        }
        HolderLedger ledger = new HolderLedger(stored, settings);
        emit(ctx, ledger.officialArrived(record), out);
        store(ledger);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<BankPayout> due = new ArrayList<>();
        List<BankPayout> later = new ArrayList<>();
        Iterable<BankPayout> waiting = pending.get();
        if (waiting != null) {
            for (BankPayout payout : waiting) {
                (payout.getPaidAt().toEpochMilli() <= timestamp ? due : later).add(payout);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        if (later.isEmpty()) {
            pending.clear();
        } else {
            pending.update(later);
        }
        apply(due, ctx, out);
    }

    private void apply(List<BankPayout> due, Context ctx, Collector<Alert> out) throws Exception {
        HolderLedger ledger = new HolderLedger(book.value(), settings);
        Official known = official.value();
        List<BankPayout> ordered = new ArrayList<>(due);
        ordered.sort(HolderLedger.ORDER);
        for (BankPayout payout : ordered) {
            // Each finding refers to the book as it stands: make its alert before the next payout.
            emit(ctx, ledger.apply(payout, known), out);
        }
        ledger.forget();
        duplicates.inc(ledger.duplicates());
        forgotten.inc(ledger.forgotten());
        store(ledger);
    }

    private void emit(Context ctx, List<Finding> findings, Collector<Alert> out) {
        Instant now = Instant.now();
        for (Finding finding : findings) {
            out.collect(AccountHolderAlerts.alert(ctx.getCurrentKey(), finding, settings, now));
        }
    }

    private void store(HolderLedger ledger) throws Exception {
        HolderBook kept = ledger.book();
        if (kept == null) {
            book.clear();
        } else {
            book.update(kept);
        }
    }
}
