package org.clearwatch.jobs.sinks;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes each element to one topic with its key and value, and leaves the record's timestamp to the
 * producer (the time of sending), not the element's event time.
 *
 * <p>Kafka's time retention deletes a segment once its newest record timestamp is older than {@code
 * retention.ms}. The connector's default stamps each record with the element's event time, so an
 * alert or reject about a receipt from last quarter (a replay, a backfill, a late feed) would be
 * deleted by the broker's next retention check, minutes after it was committed and before any
 * reader had it. The event time stays in the record itself.
 */
final class StampedOnSend<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializationSchema<T> key;
    private final SerializationSchema<T> value;

    StampedOnSend(String topic, SerializationSchema<T> key, SerializationSchema<T> value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
            throws Exception {
        key.open(context);
        value.open(context);
    }

    /**
     * No partition (the producer's partitioner hashes the key, as the connector does without a
     * partitioner of its own) and no timestamp, whatever {@code eventTime} says.
     */
    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long eventTime) {
        return new ProducerRecord<>(
                topic, null, null, key.serialize(element), value.serialize(element));
    }
}
