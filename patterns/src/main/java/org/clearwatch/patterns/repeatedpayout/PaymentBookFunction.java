package org.clearwatch.patterns.repeatedpayout;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.BankPayout;

/**
 * Keeps the payment book of each beneficiary and applies the repeated-payout rules to it.
 *
 * <p>Payouts are applied as they arrive, so a second payment raises within moments even on a feed
 * that then falls silent for days (bank payouts come in batches); {@link PaymentHistory} keeps the
 * case ids independent of arrival order. State per beneficiary is one value (the book): point reads
 * and writes only. An event-time timer drops the book once the horizon has passed since the
 * beneficiary's latest payout; a processing-time TTL backs it up.
 */
public class PaymentBookFunction extends KeyedProcessFunction<String, BankPayout, Alert> {

    private static final long serialVersionUID = 1L;

    /** Housekeeping timers are rounded up to this, so a beneficiary holds few of them. */
    private static final long HOUSEKEEPING_GRAIN = Duration.ofHours(1).toMillis();

    private final RepeatedPayout.Settings settings;

    private transient ValueState<PaymentBook> book;
    private transient Counter duplicates;
    private transient Counter ignored;
    private transient Counter forgotten;
    private transient Counter lateApplied;

    public PaymentBookFunction(RepeatedPayout.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        // A safety net for beneficiaries that fall silent: event-time housekeeping does the work.
        StateTtlConfig ttl =
                StateTtlConfig.newBuilder(Duration.ofDays(31L * (settings.horizonMonths() + 1)))
                        .build();
        ValueStateDescriptor<PaymentBook> bookDescriptor =
                new ValueStateDescriptor<>("book", PaymentBook.class);
        bookDescriptor.enableTimeToLive(ttl);
        book = getRuntimeContext().getState(bookDescriptor);

        MetricGroup metrics =
                getRuntimeContext().getMetricGroup().addGroup("model", RepeatedPayout.ID);
        duplicates = metrics.counter("duplicatePayoutsIgnored");
        ignored = metrics.counter("unusablePayoutsIgnored");
        forgotten = metrics.counter("periodsForgotten");
        lateApplied = metrics.counter("latePayoutsApplied");
    }

    @Override
    public void processElement(BankPayout payout, Context ctx, Collector<Alert> out)
            throws Exception {
        if (ctx.timestamp() <= ctx.timerService().currentWatermark()) {
            // The feed sets late payouts aside first; should one get through, count it, keep it.
            lateApplied.inc();
        }
        apply(payout, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        PaymentBook stored = book.value();
        if (stored != null) {
            Instant expiry = PaymentHistory.expiresAt(stored, settings);
            if (expiry == null || expiry.toEpochMilli() <= timestamp) {
                forgotten.inc(stored.getPeriods().size());
                book.clear();
            }
        }
    }

    private void apply(BankPayout payout, Context ctx, Collector<Alert> out) throws Exception {
        PaymentBook stored = book.value();
        Long housekeepingBefore =
                stored == null
                        ? null
                        : housekeepingTime(PaymentHistory.expiresAt(stored, settings));
        PaymentHistory history =
                new PaymentHistory(stored == null ? PaymentHistory.emptyBook() : stored, settings);
        Instant now = Instant.now();
        history.apply(payout)
                .ifPresent(
                        repeat -> out.collect(RepeatedPayoutAlerts.alert(repeat, settings, now)));
        history.forget();
        duplicates.inc(history.duplicates());
        ignored.inc(history.ignored());
        forgotten.inc(history.forgotten());

        Long housekeepingAfter = null;
        if (history.isEmpty()) {
            book.clear();
        } else {
            book.update(history.book());
            housekeepingAfter = housekeepingTime(history.expiresAt());
            ctx.timerService().registerEventTimeTimer(housekeepingAfter);
        }
        if (housekeepingBefore != null && !housekeepingBefore.equals(housekeepingAfter)) {
            // A later payout moved the horizon: drop the old timer rather than let it fire idle.
            ctx.timerService().deleteEventTimeTimer(housekeepingBefore);
        }
    }

    private static Long housekeepingTime(Instant expiry) {
        if (expiry == null) {
            return null;
        }
        long grain = HOUSEKEEPING_GRAIN;
        return ((expiry.toEpochMilli() + grain - 1) / grain) * grain;
    }
}
