package org.clearwatch.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class StampedOnSendTest {

    private static final SerializationSchema<String> KEY =
            s -> s.substring(0, 1).getBytes(StandardCharsets.UTF_8);
    private static final SerializationSchema<String> VALUE =
            s -> s.getBytes(StandardCharsets.UTF_8);

    @Test
    void anOldEventTimeDoesNotBecomeTheRecordTimestamp() {
        long lastQuarter = Instant.parse("2025-03-03T02:00:00Z").toEpochMilli();

        ProducerRecord<byte[], byte[]> record =
                new StampedOnSend<>("alerts", KEY, VALUE).serialize("receipt", null, lastQuarter);

        assertThat(record.timestamp())
                .as("left to the producer, so retention counts from the send")
                .isNull();
    }

    @Test
    void writesKeyAndValueToTheTopicAndLeavesThePartitionToTheKeyHash() {
        ProducerRecord<byte[], byte[]> record =
                new StampedOnSend<>("feed-rejects", KEY, VALUE).serialize("reject", null, null);

        assertThat(record.topic()).isEqualTo("feed-rejects");
        assertThat(record.partition()).isNull();
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("r");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("reject");
    }
}
