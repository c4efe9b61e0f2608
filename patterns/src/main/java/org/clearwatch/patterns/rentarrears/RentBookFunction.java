package org.clearwatch.patterns.rentarrears;

import java.util.Comparator;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.OutputTag;
import org.clearwatch.patterns.calendar.DayDeadline;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.deadline.DayBook;
import org.clearwatch.patterns.deadline.DayBookFunction;
import org.clearwatch.schema.feed.LedgerEntry;

/**
 * Keeps the rent book of each lease contract and turns its RENT_DUE and RENT_RECEIVED entries into
 * the few events the rent-arrears patterns work on. Dues paid before their deadline window opens
 * never reach the patterns, which is the common case. How entries wait for the watermark, the state
 * and the timers are {@link DayBookFunction}'s.
 *
 * <p>Main output: events for the deadline pattern. Side output {@link #LATE_SETTLEMENTS}: dues paid
 * in full after their deadline, for the resolution pattern.
 */
public class RentBookFunction extends DayBookFunction<ContractBook, DueEvent, DayDeadline> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DueEvent> LATE_SETTLEMENTS =
            new OutputTag<>("rent-arrears-late-settlements") {};

    private final RentArrears.Settings settings;

    private transient Counter duesOpened;
    private transient Counter duplicates;
    private transient Counter abandoned;
    private transient Counter expiredCreditFen;

    public RentBookFunction(RentArrears.Settings settings, WorkingCalendar calendar) {
        super(
                ContractBook.class,
                // A safety net for contracts that fall silent: event-time housekeeping does the
                // work.
                settings.window()
                        .multipliedBy(2)
                        .plus(settings.trackingHorizon())
                        .plus(settings.duplicateWindow())
                        .plusDays(1),
                LATE_SETTLEMENTS,
                calendar);
        this.settings = settings;
    }

    @Override
    protected DayDeadline deadline(WorkingCalendar calendar) {
        return settings.deadline(calendar);
    }

    @Override
    protected DayBook<ContractBook, DueEvent> rules(
            String contract, ContractBook stored, DayDeadline deadline) {
        return new RentBook(
                contract, stored == null ? RentBook.emptyBook() : stored, settings, deadline);
    }

    @Override
    protected Comparator<LedgerEntry> order() {
        return RentBook.ORDER;
    }

    @Override
    protected boolean afterDeadline(DueEvent event) {
        return RentBook.afterDeadline(event);
    }

    @Override
    protected boolean settles(DueEvent event) {
        return event.getKind() == DueEventKind.SETTLED;
    }

    @Override
    protected MetricGroup metrics(MetricGroup operatorGroup) {
        return operatorGroup.addGroup("model", RentArrears.ID);
    }

    @Override
    protected void openCounters(MetricGroup metrics) {
        duesOpened = metrics.counter("duesOpened");
        duplicates = metrics.counter("duplicateEntriesIgnored");
        abandoned = metrics.counter("duesAbandoned");
        expiredCreditFen = metrics.counter("expiredCreditFen");
    }

    @Override
    protected void count(DayBook<ContractBook, DueEvent> step) {
        RentBook rent = (RentBook) step;
        duesOpened.inc(rent.opened().size());
        duplicates.inc(rent.duplicates());
        abandoned.inc(rent.abandoned());
        expiredCreditFen.inc(rent.expiredCreditFen());
    }
}
