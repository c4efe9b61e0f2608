package org.clearwatch.notifier.ledger;

import java.util.List;

/** Where delivery records are kept. */
public interface Ledger {

    /** Returns once every entry is durable (acknowledged by all in-sync replicas). */
    void record(List<LedgerEntry> entries);
}
