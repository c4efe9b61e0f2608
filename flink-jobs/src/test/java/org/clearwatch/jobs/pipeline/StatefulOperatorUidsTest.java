package org.clearwatch.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.junit.jupiter.api.Test;

/**
 * A savepoint maps state to operators by uid. The whole job (every model on) is built with {@link
 * ClearwatchJob#build} and its operators compared with the list recorded in {@code
 * src/test/resources/savepoint/operator-uids.txt}: a renamed or lost uid, or an operator whose
 * keyed state appears or disappears, fails here before it can strand state at a restore. A change
 * that is meant is recorded again with {@code -Dclearwatch.uids.record=true}, and its upgrade
 * follows docs/OPERATIONS.md.
 */
class StatefulOperatorUidsTest {

    private static final Path RECORDED = Path.of("src/test/resources/savepoint/operator-uids.txt");

    private static StreamGraph graph() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ClearwatchConfig config =
                ClearwatchConfig.defaults(Map.of("kafka.bootstrap-servers", "127.0.0.1:9"));
        JobEnvironment.configure(env, config);
        ClearwatchJob.build(env, config, false);
        return env.getStreamGraph();
    }

    /** One line per operator: its uid, and whether it keeps keyed state. */
    private static List<String> operators(StreamGraph graph) {
        List<String> lines = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            boolean keyed = node.getStateKeySerializer() != null;
            lines.add(node.getTransformationUID() + (keyed ? " keyed" : ""));
        }
        lines.sort(Comparator.naturalOrder());
        return lines;
    }

    @Test
    void everyOperatorKeepsItsRecordedUid() throws IOException {
        List<String> now = operators(graph());
        if (Boolean.getBoolean("clearwatch.uids.record")) {
            Files.write(RECORDED, now, StandardCharsets.UTF_8);
        }
        List<String> recorded =
                Files.readAllLines(RECORDED, StandardCharsets.UTF_8).stream()
                        .filter(line -> !line.isBlank() && !line.startsWith("#"))
                        .toList();

        assertThat(now)
                .as(
                        "operator uids against %s; a savepoint's state is found by uid, so a"
                                + " renamed uid is state left behind (record a meant change with"
                                + " -Dclearwatch.uids.record=true and follow docs/OPERATIONS.md)",
                        RECORDED)
                .containsExactlyElementsOf(recorded);
    }

    @Test
    void theKeyedOperatorsOfEveryModelAreAmongThem() throws IOException {
        assertThat(operators(graph()))
                .contains(
                        "late-deposit-receipt-book keyed",
                        "late-deposit-deadline keyed",
                        "rent-arrears-rent-book keyed",
                        "rent-arrears-deadline keyed");
    }

    @Test
    void operatorIdsInTheJobGraphComeFromTheUids() {
        StreamGraph streamGraph = graph();
        JobGraph jobGraph = streamGraph.getJobGraph();
        List<String> fromUids = new ArrayList<>();
        for (JobVertex vertex : jobGraph.getVertices()) {
            for (OperatorIDPair pair : vertex.getOperatorIDs()) {
                assertThat(pair.getUserDefinedOperatorID())
                        .as("no operator id is set by hash instead of uid")
                        .isEmpty();
                fromUids.add(pair.getGeneratedOperatorID().toHexString());
            }
        }
        List<String> expected =
                streamGraph.getStreamNodes().stream()
                        .map(
                                node ->
                                        new org.apache.flink.runtime.jobgraph.OperatorID(
                                                        org.apache.flink.util.StringUtils
                                                                .hexStringToByte(
                                                                        hashOf(
                                                                                node
                                                                                        .getTransformationUID())))
                                                .toHexString())
                        .toList();
        assertThat(fromUids).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Flink's operator id for a uid: the first 16 bytes of its Murmur3 128-bit hash. */
    private static String hashOf(String uid) {
        return org.apache.flink.shaded.guava33.com.google.common.hash.Hashing.murmur3_128(0)
                .newHasher()
                .putString(uid, StandardCharsets.UTF_8)
                .hash()
                .toString();
    }
}
