package org.clearwatch.jobs.bench;

import java.util.Collection;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.state.rocksdb.ConfigurableRocksDBOptionsFactory;
import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

/**
 * RocksDB options that Flink has no configuration key for: how many level-0 files wait before they
 * are compacted. CEP's per-key maps are written and deleted within moments, so the column families
 * are mostly deletion tombstones; a compaction into the last level drops a tombstone together with
 * the value it deletes, and compacting level 0 sooner keeps the runs of tombstones that every seek
 * must step over short.
 */
public class ChurnCompaction implements ConfigurableRocksDBOptionsFactory {

    private static final long serialVersionUID = 1L;

    static final ConfigOption<Integer> LEVEL0_TRIGGER =
            ConfigOptions.key("clearwatch.bench.rocksdb.level0-compaction-trigger")
                    .intType()
                    .defaultValue(1)
                    .withDescription("Level-0 files that trigger a compaction (RocksDB: 4).");

    private int level0Trigger = LEVEL0_TRIGGER.defaultValue();

    @Override
    public RocksDBOptionsFactory configure(ReadableConfig configuration) {
        level0Trigger = configuration.get(LEVEL0_TRIGGER);
        return this;
    }

    @Override
    public DBOptions createDBOptions(
            DBOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
        return currentOptions;
    }

    @Override
    public ColumnFamilyOptions createColumnOptions(
            ColumnFamilyOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
        return currentOptions.setLevel0FileNumCompactionTrigger(level0Trigger);
    }
}
