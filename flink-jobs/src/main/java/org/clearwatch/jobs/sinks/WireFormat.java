package org.clearwatch.jobs.sinks;

import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.ops.Reject;

/** Keys and values as the job writes them to Kafka. */
final class WireFormat {

    private WireFormat() {}

    /** Avro single-object encoding, see {@link Records}. */
    static final class Value<T extends SpecificRecordBase> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(T record) {
            return Records.toBytes(record);
        }
    }

    /** Alerts are keyed by alert id, so every step of one case stays in one partition. */
    static final class AlertKey implements SerializationSchema<Alert> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(Alert alert) {
            return alert.getAlertId().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Rejects are keyed by where the record sits in its topic, else by its id. */
    static final class RejectKey implements SerializationSchema<Reject> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(Reject reject) {
            String key =
                    reject.getOffset() != null
                            ? reject.getTopic()
                                    + "-"
                                    + reject.getPartition()
                                    + "@"
                                    + reject.getOffset()
                            : reject.getTopic() + "#" + reject.getRecordId();
            return key.getBytes(StandardCharsets.UTF_8);
        }
    }
}
