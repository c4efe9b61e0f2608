package org.clearwatch.jobs.pipeline;

import java.util.Collection;
import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;

/**
 * RocksDB options that stop a seek at the end of the key group it started in.
 *
 * <p>The CEP operators keep short-lived map state per key: the shared buffer's event counters and
 * the queue of events waiting for the watermark are written and deleted within one watermark step,
 * so those column families hold almost nothing but deletion tombstones. Every {@code isEmpty()},
 * {@code clear()} or iteration of an empty map is a RocksDB seek, and a seek skips tombstones until
 * it finds a live entry, whatever key that entry belongs to: with no live entry after it, it walks
 * every tombstone that follows, and that walk grows with the history of the job. Flink checks the
 * key prefix only after the native seek returns.
 *
 * <p>Every keyed state entry starts with its key group. A one-byte prefix extractor and {@code
 * prefix_same_as_start} make the native iterator stop where the first byte of the key group
 * changes, so a seek walks at most the tombstones of its own key group (a 128th of them at the
 * default maximum parallelism). Map state and RocksDB timers only iterate within one key group, so
 * they read exactly what they read without this.
 *
 * <p>Not safe for code that walks a whole column family from {@code seekToFirst()} through the
 * backend's read options: it would stop after the first key group. In Flink 2.2 that is {@code
 * getKeys} / {@code getKeysAndNamespaces} (used by {@code applyToKeyedState} of broadcast
 * functions, which Clearwatch does not use) and the state migration run when a restored state's
 * serializer asks for it (an Avro schema change of a state type, a TTL switched on): that walk
 * would keep the first key group and drop the others. Restore a savepoint that needs such a
 * migration once with {@code state.rocksdb.key-group-bounded-seeks=false}, take a savepoint, and
 * restart with it on (docs/OPERATIONS.md, StateMigrationRestoreTest). Snapshots, restores and
 * rescaling use read options of their own and are not affected.
 */
public final class KeyGroupBoundedSeeks implements RocksDBOptionsFactory {

    private static final long serialVersionUID = 1L;

    /**
     * Bytes of the key-group prefix always present: one up to a maximum parallelism of 128, two
     * above; bounding to the first byte is correct for both.
     */
    static final int PREFIX_BYTES = 1;

    @Override
    public DBOptions createDBOptions(
            DBOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
        return currentOptions;
    }

    @Override
    public ColumnFamilyOptions createColumnOptions(
            ColumnFamilyOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
        return currentOptions.useFixedLengthPrefixExtractor(PREFIX_BYTES);
    }

    @Override
    public ReadOptions createReadOptions(
            ReadOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
        return currentOptions.setPrefixSameAsStart(true);
    }
}
