package org.clearwatch.jobs.feeds;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.util.function.SerializableFunction;
import org.clearwatch.schema.feed.LedgerEntry;

/**
 * A feed: its name, its record type, and how to read a record's id, event time and validity.
 *
 * @param <T> the Avro record of the feed
 */
public final class Feed<T extends SpecificRecordBase> implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Feed<LedgerEntry> LEDGER =
            new Feed<>(
                    "ledger",
                    LedgerEntry.class,
                    LedgerEntry::getEntryId,
                    LedgerEntry::getOccurredAt,
                    RecordChecks::ledger);

    private final String name;
    private final Class<T> type;
    private final SerializableFunction<T, String> id;
    private final SerializableFunction<T, Instant> eventTime;
    private final SerializableFunction<T, Optional<String>> check;

    private Feed(
            String name,
            Class<T> type,
            SerializableFunction<T, String> id,
            SerializableFunction<T, Instant> eventTime,
            SerializableFunction<T, Optional<String>> check) {
        this.name = name;
        this.type = type;
        this.id = id;
        this.eventTime = eventTime;
        this.check = check;
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public Schema schema() {
        return SpecificData.get().getSchema(type);
    }

    public String id(T record) {
        return id.apply(record);
    }

    public Instant eventTime(T record) {
        return eventTime.apply(record);
    }

    /** Why the record cannot be used, if it cannot. */
    public Optional<String> check(T record) {
        return check.apply(record);
    }
}
