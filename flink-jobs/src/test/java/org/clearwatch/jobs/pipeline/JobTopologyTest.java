package org.clearwatch.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.junit.jupiter.api.Test;

/**
 * Savepoint upgrades map state to operators by uid: every operator of the job must carry a stable
 * one, and a name an operator can read in the web UI and in metrics.
 */
class JobTopologyTest {

    private static List<StreamNode> nodes() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ClearwatchConfig config =
                ClearwatchConfig.defaults(Map.of("kafka.bootstrap-servers", "127.0.0.1:9"));
        JobEnvironment.configure(env, config);
        ClearwatchJob.build(env, config, false);
        StreamGraph graph = env.getStreamGraph();
        return List.copyOf(graph.getStreamNodes());
    }

    @Test
    void everyOperatorHasAUid() {
        assertThat(nodes())
                .allSatisfy(
                        node ->
                                assertThat(node.getTransformationUID())
                                        .as(node.getOperatorName())
                                        .isNotBlank());
    }

    @Test
    void theStatefulOperatorsKeepTheirUids() {
        assertThat(nodes())
                .extracting(StreamNode::getTransformationUID)
                .contains(
                        "ledger-source",
                        "ledger-triage",
                        "late-deposit-receipt-book",
                        "late-deposit-deadline",
                        "late-deposit-resolution",
                        "alerts-sink",
                        "rejects-sink");
    }

    @Test
    void uidsAreUnique() {
        List<String> uids = nodes().stream().map(StreamNode::getTransformationUID).toList();

        assertThat(uids).doesNotHaveDuplicates();
    }
}
