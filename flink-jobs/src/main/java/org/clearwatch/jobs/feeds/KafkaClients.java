package org.clearwatch.jobs.feeds;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.config.ClearwatchConfig.SecurityProtocol;

/** The client settings every Kafka source and sink of the job shares. */
public final class KafkaClients {

    private KafkaClients() {}

    public static Properties security(ClearwatchConfig config) {
        Properties props = new Properties();
        SecurityProtocol protocol = config.get(ClearwatchConfig.SECURITY_PROTOCOL);
        props.setProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name());
        if (protocol == SecurityProtocol.SASL_SSL || protocol == SecurityProtocol.SASL_PLAINTEXT) {
            String mechanism = config.get(ClearwatchConfig.SASL_MECHANISM);
            props.setProperty(SaslConfigs.SASL_MECHANISM, mechanism);
            String module =
                    mechanism.startsWith("SCRAM")
                            ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                            : "org.apache.kafka.common.security.plain.PlainLoginModule";
            props.setProperty(
                    SaslConfigs.SASL_JAAS_CONFIG,
                    module
                            + " required username=\""
                            + config.get(ClearwatchConfig.SASL_USERNAME)
                            + "\" password=\""
                            + config.get(ClearwatchConfig.SASL_PASSWORD)
                            + "\";");
        }
        if ((protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL)
                && config.isSet(ClearwatchConfig.TRUSTSTORE)) {
            props.setProperty(
                    SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
                    config.get(ClearwatchConfig.TRUSTSTORE));
            props.setProperty(
                    SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG,
                    config.get(ClearwatchConfig.TRUSTSTORE_PASSWORD));
        }
        return props;
    }
}
