package org.clearwatch.jobs.local;

import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.pipeline.JobEnvironment;

/** A Flink MiniCluster in this JVM, set up as the job would run on a cluster. */
public final class LocalFlink {

    private LocalFlink() {}

    /**
     * @param prometheusPorts a port or range for Flink's Prometheus reporter, or null for none
     * @param checkpoints where checkpoints go
     * @param restPort the port of Flink's REST API, on loopback; 0 for any
     */
    public static StreamExecutionEnvironment environment(
            ClearwatchConfig config, String prometheusPorts, Path checkpoints, int restPort) {
        Configuration flink = JobEnvironment.flinkOptions(config);
        flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        flink.set(RestOptions.ADDRESS, "localhost");
        flink.set(RestOptions.BIND_PORT, Integer.toString(restPort));
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        flink.set(TaskManagerOptions.NUM_TASK_SLOTS, config.get(ClearwatchConfig.PARALLELISM));
        flink.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(256));
        if (prometheusPorts != null) {
            flink.setString(
                    "metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            flink.setString("metrics.reporter.prom.port", prometheusPorts);
            // Label values as they are (late-deposit, ref.zone): the same as in the alert
            // history, so that one dashboard variable filters both.
            flink.setString("metrics.reporter.prom.filterLabelValueCharacters", "false");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(flink);
        return JobEnvironment.configure(env, config);
    }
}
