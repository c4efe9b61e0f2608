package org.clearwatch.notifier.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearwatch.notifier.delivery.DeadLetters;
import org.clearwatch.notifier.ledger.Ledger;
import org.clearwatch.notifier.ledger.LedgerEntry;

/** The ledger and dead letters kept in memory, for tests of delivery without a broker. */
public final class MemoryLedger implements Ledger, DeadLetters {

    private final List<LedgerEntry> entries = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    @Override
    public synchronized void record(List<LedgerEntry> written) {
        entries.addAll(written);
    }

    @Override
    public synchronized void publish(DeadLetter letter) {
        deadLetters.add(letter);
    }

    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** The latest status of every key, as compaction would keep it. */
    public synchronized Map<String, LedgerEntry.Status> latest() {
        Map<String, LedgerEntry.Status> latest = new LinkedHashMap<>();
        entries.forEach(e -> latest.put(e.key(), e.status()));
        return latest;
    }
}
