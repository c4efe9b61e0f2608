package org.clearwatch.cluster;

import java.nio.file.Path;
import java.util.Map;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.config.Setting;
import org.clearwatch.localkafka.LocalKafka;

/**
 * The Kafka broker of the local standalone cluster: a real KRaft broker on fixed loopback ports
 * with a data directory that survives restarts, and every topic of the job with its default name.
 * Runs until SIGTERM or Ctrl-C, which stop the broker.
 *
 * <p>Usage: {@code ClusterKafka <brokerPort> <controllerPort> <dataDir> <partitions>}
 */
public final class ClusterKafka {

    static final String READY = "CLUSTER-KAFKA READY";

    private ClusterKafka() {}

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println(
                    "Usage: ClusterKafka <brokerPort> <controllerPort> <dataDir> <partitions>");
            System.exit(2);
        }
        int partitions = Integer.parseInt(args[3]);
        LocalKafka kafka =
                LocalKafka.start(
                        LocalKafka.Options.defaults()
                                .brokerPort(Integer.parseInt(args[0]))
                                .controllerPort(Integer.parseInt(args[1]))
                                .dataDir(Path.of(args[2])));
        // Existing topics are kept as they are: the broker's data directory outlives restarts.
        for (Setting<String> topic : ClearwatchConfig.FEED_TOPICS.values()) {
            String name = topic.defaultValue();
            if (name.startsWith("ref-")) {
                kafka.createTopic(name, 1, Map.of("cleanup.policy", "compact"));
            } else {
                kafka.createTopic(name, partitions, Map.of());
            }
        }
        kafka.createTopic(
                ClearwatchConfig.ALERTS_TOPIC.defaultValue(),
                partitions,
                ClearwatchConfig.ALERTS_TOPIC_CONFIGS);
        kafka.createTopic(ClearwatchConfig.REJECTS_TOPIC.defaultValue(), 1, Map.of());
        System.out.println(READY + " " + kafka.bootstrapServers());
        System.out.flush();
        // SIGTERM runs the shutdown hook LocalKafka registered, which stops the broker JVM.
        kafka.process().onExit().join();
        System.err.println("The broker exited by itself; its log: " + kafka.logFile());
        System.exit(1);
    }
}
