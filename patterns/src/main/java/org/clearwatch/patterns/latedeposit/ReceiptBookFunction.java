package org.clearwatch.patterns.latedeposit;

import java.util.Comparator;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.OutputTag;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.deadline.DayBook;
import org.clearwatch.patterns.deadline.DayBookFunction;
import org.clearwatch.schema.feed.LedgerEntry;

/**
 * Keeps the receipt book of each account and turns its cash entries into the few events the
 * late-deposit pattern works on: receipts still (partly) unbanked when their last day begins.
 * Receipts banked before then never reach the pattern, which is the common case. How entries wait
 * for the watermark, the state and the timers are {@link DayBookFunction}'s.
 *
 * <p>Main output: events for the deadline pattern. Side output {@link #LATE_SETTLEMENTS}: receipts
 * fully banked after their deadline, for RESOLVED.
 */
public class ReceiptBookFunction
        extends DayBookFunction<LedgerBook, ReceiptEvent, DepositDeadline> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<ReceiptEvent> LATE_SETTLEMENTS =
            new OutputTag<>("late-deposit-late-settlements") {};

    private final LateDeposit.Settings settings;

    private transient Counter receiptsOpened;
    private transient Counter duplicates;
    private transient Counter unallocatedFen;
    private transient Counter abandoned;

    public ReceiptBookFunction(LateDeposit.Settings settings, WorkingCalendar calendar) {
        super(
                LedgerBook.class,
                // A safety net for accounts that fall silent: event-time housekeeping does the
                // work.
                settings.trackingHorizon().plus(settings.duplicateWindow()).plusDays(1),
                LATE_SETTLEMENTS,
                calendar);
        this.settings = settings;
    }

    @Override
    protected DepositDeadline deadline(WorkingCalendar calendar) {
        return new DepositDeadline(settings, calendar);
    }

    @Override
    protected DayBook<LedgerBook, ReceiptEvent> rules(
            String account, LedgerBook stored, DepositDeadline deadline) {
        return new ReceiptBook(
                account, stored == null ? ReceiptBook.emptyBook() : stored, settings, deadline);
    }

    @Override
    protected Comparator<LedgerEntry> order() {
        return ReceiptBook.ORDER;
    }

    @Override
    protected boolean afterDeadline(ReceiptEvent event) {
        return ReceiptBook.afterDeadline(event);
    }

    @Override
    protected boolean settles(ReceiptEvent event) {
        return event.getKind() == ReceiptEventKind.SETTLED;
    }

    @Override
    protected MetricGroup metrics(MetricGroup operatorGroup) {
        return operatorGroup.addGroup("model", LateDeposit.ID);
    }

    @Override
    protected void openCounters(MetricGroup metrics) {
        receiptsOpened = metrics.counter("receiptsOpened");
        duplicates = metrics.counter("duplicateEntriesIgnored");
        unallocatedFen = metrics.counter("unallocatedDepositFen");
        abandoned = metrics.counter("receiptsAbandoned");
    }

    @Override
    protected void count(DayBook<LedgerBook, ReceiptEvent> step) {
        ReceiptBook receipts = (ReceiptBook) step;
        receiptsOpened.inc(receipts.opened().size());
        duplicates.inc(receipts.duplicates());
        unallocatedFen.inc(receipts.unallocatedFen());
        abandoned.inc(receipts.abandoned());
    }
}
