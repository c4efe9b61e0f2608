package org.clearwatch.patterns.deadline;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;

/**
 * One entity's book of dated obligations kept from ledger entries (cash receipts to bank, rent to
 * collect), as {@link DayBookFunction} drives it: entries applied in event-time order, obligations
 * handed to a deadline pattern when their last day begins, events out. Plain Java.
 *
 * @param <S> the stored form of the book (an Avro record)
 * @param <E> the events the book gives the patterns
 */
public interface DayBook<S, E> {

    /**
     * Event-time order; at the same instant entries of type {@code first} (what opens an
     * obligation) before the others, then by entry id.
     */
    static Comparator<LedgerEntry> order(LedgerEntryType first) {
        return Comparator.comparing(LedgerEntry::getOccurredAt)
                .thenComparing(e -> e.getType() == first ? 0 : 1)
                .thenComparing(LedgerEntry::getEntryId);
    }

    /** Applies one entry; false when it was a duplicate or not this book's business. */
    boolean apply(LedgerEntry entry);

    /** Hands every obligation whose window has opened by {@code now} to the pattern. */
    void handOver(Instant now);

    /** Drops what is past its horizon at {@code now}. */
    void forget(Instant now);

    /** Events produced since this object was made, in the order they happened. */
    List<E> events();

    /** When the windows of the obligations opened since this object was made open. */
    List<Instant> openedWindows();

    /** Whether an obligation not yet handed over has its window open at {@code epochMilli}. */
    boolean waitsForWindowAt(long epochMilli);

    /** The earliest time something in the book expires. */
    Instant nextExpiry();

    boolean isEmpty();

    /** The book as stored. */
    S book();
}
