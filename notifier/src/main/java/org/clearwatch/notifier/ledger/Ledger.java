package org.clearwatch.notifier.ledger;

import java.util.List;

/** Where delivery records are kept. */
public interface Ledger {

    /** Returns once every entry is durable (acknowledged by all in-sync replicas). */
    void record(List<LedgerEntry> entries);

    /**
     * Starts writing the entries in order, before any entry written later; {@link Write#await()}
     * returns once they are durable. The default writes them at once.
     */
    default Write write(List<LedgerEntry> entries) {
        record(entries);
        return () -> {};
    }

    /** A write under way. */
    interface Write {
        /** Returns once every entry of the write is durable; throws if one cannot be. */
        void await();
    }
}
