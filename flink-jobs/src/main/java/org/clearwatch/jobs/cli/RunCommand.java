package org.clearwatch.jobs.cli;

import java.io.PrintStream;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.pipeline.ClearwatchJob;
import org.clearwatch.jobs.pipeline.JobEnvironment;

/**
 * {@code clearwatch run --config FILE}: the job against an external Kafka. Run from the launcher it
 * executes on a local Flink; submitted with {@code flink run clearwatch-jobs-job.jar run --config
 * FILE}, on the cluster.
 */
public final class RunCommand {

    public static final String USAGE =
            "run --config FILE                             run the job against an external Kafka";

    private RunCommand() {}

    public static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse("run", argv, Set.of("config"), Set.of());
        if (!args.positional().isEmpty()) {
            throw new UsageException(
                    "run takes no file names; give the configuration with --config.");
        }
        if (!args.has("config")) {
            throw new UsageException("run needs --config FILE (see deploy/ for an example).");
        }
        ClearwatchConfig config =
                ClearwatchConfig.load(
                        Args.existingFile(args.string("config", null), "Configuration file"),
                        System.getenv());
        config.get(ClearwatchConfig.BOOTSTRAP_SERVERS);

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        JobEnvironment.flinkOptions(config));
        JobEnvironment.configure(env, config);
        ClearwatchJob.build(env, config, false);
        err.println(
                "clearwatch: running "
                        + config.get(ClearwatchConfig.JOB_NAME)
                        + " with models "
                        + config.models().keySet());
        env.execute(config.get(ClearwatchConfig.JOB_NAME));
        return 0;
    }
}
