package org.clearwatch.jobs.pipeline;

import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.RocksDBNativeMetricOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.clearwatch.jobs.config.ClearwatchConfig;

/** How every Clearwatch job runs: state backend, checkpoints, parallelism, visible settings. */
public final class JobEnvironment {

    private JobEnvironment() {}

    /** The job-level Flink options that follow from the configuration. */
    public static Configuration flinkOptions(ClearwatchConfig config) {
        Configuration flink = new Configuration();
        boolean rocksDb =
                config.get(ClearwatchConfig.STATE_BACKEND) == ClearwatchConfig.Backend.ROCKSDB;
        flink.set(StateBackendOptions.STATE_BACKEND, rocksDb ? "rocksdb" : "hashmap");
        if (rocksDb && config.get(ClearwatchConfig.BOUNDED_SEEKS)) {
            // Without it, CEP's empty-map checks walk every tombstone of the job's history. Off for
            // a restore that migrates state: the migration walks whole column families.
            flink.set(RocksDBOptions.OPTIONS_FACTORY, KeyGroupBoundedSeeks.class.getName());
            // State size for the dashboards, per state (column family) as a label.
            flink.set(RocksDBNativeMetricOptions.ESTIMATE_LIVE_DATA_SIZE, true);
            flink.set(RocksDBNativeMetricOptions.MONITOR_TOTAL_SST_FILES_SIZE, true);
            flink.set(RocksDBNativeMetricOptions.COLUMN_FAMILY_AS_VARIABLE, true);
        }
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        // Alerts are committed with each checkpoint: barriers stuck behind a backlog would hold
        // every alert raised meanwhile back for as long (savepoints stay aligned).
        flink.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
        flink.set(
                CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT,
                config.get(ClearwatchConfig.UNALIGNED_AFTER));
        if (config.isSet(ClearwatchConfig.CHECKPOINT_DIR)) {
            flink.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    config.get(ClearwatchConfig.CHECKPOINT_DIR));
        }
        return flink;
    }

    /** Applies the configuration to an environment made by the caller. */
    public static StreamExecutionEnvironment configure(
            StreamExecutionEnvironment env, ClearwatchConfig config) {
        env.configure(flinkOptions(config));
        env.setParallelism(config.get(ClearwatchConfig.PARALLELISM));
        env.enableCheckpointing(
                config.get(ClearwatchConfig.CHECKPOINT_INTERVAL).toMillis(),
                CheckpointingMode.EXACTLY_ONCE);
        Map<String, String> shown = config.describe();
        env.getConfig().setGlobalJobParameters(Configuration.fromMap(shown));
        return env;
    }
}
