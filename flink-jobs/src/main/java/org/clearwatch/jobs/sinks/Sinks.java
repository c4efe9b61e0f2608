package org.clearwatch.jobs.sinks;

import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.feeds.KafkaClients;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.ops.Reject;

/**
 * The job's Kafka sinks. Both write in transactions committed with each checkpoint, so a reader
 * with {@code isolation.level=read_committed} sees every alert exactly once across failures and
 * restarts.
 */
public final class Sinks {

    private Sinks() {}

    public static KafkaSink<Alert> alerts(ClearwatchConfig config) {
        return KafkaSink.<Alert>builder()
                .setBootstrapServers(config.get(ClearwatchConfig.BOOTSTRAP_SERVERS))
                .setKafkaProducerConfig(producer(config))
                .setRecordSerializer(
                        new StampedOnSend<>(
                                config.get(ClearwatchConfig.ALERTS_TOPIC),
                                new WireFormat.AlertKey(),
                                new WireFormat.Value<Alert>()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(
                        config.get(ClearwatchConfig.TRANSACTIONAL_ID_PREFIX) + "-alerts")
                .build();
    }

    public static KafkaSink<Reject> rejects(ClearwatchConfig config) {
        return KafkaSink.<Reject>builder()
                .setBootstrapServers(config.get(ClearwatchConfig.BOOTSTRAP_SERVERS))
                .setKafkaProducerConfig(producer(config))
                .setRecordSerializer(
                        new StampedOnSend<>(
                                config.get(ClearwatchConfig.REJECTS_TOPIC),
                                new WireFormat.RejectKey(),
                                new WireFormat.Value<Reject>()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(
                        config.get(ClearwatchConfig.TRANSACTIONAL_ID_PREFIX) + "-rejects")
                .build();
    }

    private static Properties producer(ClearwatchConfig config) {
        Properties props = KafkaClients.security(config);
        props.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                Long.toString(config.get(ClearwatchConfig.TRANSACTION_TIMEOUT).toMillis()));
        return props;
    }
}
