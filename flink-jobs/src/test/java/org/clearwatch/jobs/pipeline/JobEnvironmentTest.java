package org.clearwatch.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.junit.jupiter.api.Test;

class JobEnvironmentTest {

    @Test
    void checkpointsGoUnalignedWhenTheirBarriersQueueBehindABacklog() {
        Configuration flink = JobEnvironment.flinkOptions(ClearwatchConfig.defaults(Map.of()));

        assertThat(flink.get(CheckpointingOptions.ENABLE_UNALIGNED)).isTrue();
        assertThat(flink.get(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT))
                .as("aligned while barriers flow, unaligned after 100 ms behind records")
                .isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void howLongBarriersMayQueueIsASetting() {
        Configuration always =
                JobEnvironment.flinkOptions(
                        ClearwatchConfig.defaults(Map.of("checkpoint.unaligned-after", "0s")));
        Configuration later =
                JobEnvironment.flinkOptions(
                        ClearwatchConfig.defaults(Map.of("checkpoint.unaligned-after", "2s")));

        assertThat(always.get(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT)).isZero();
        assertThat(later.get(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(
                        () -> ClearwatchConfig.defaults(Map.of("checkpoint.unaligned-after", "2h")))
                .hasMessageContaining("checkpoint.unaligned-after");
    }
}
