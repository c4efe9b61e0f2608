package org.clearwatch.history;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The configuration of the alert-history writer, read from a Java properties file (UTF-8) and
 * validated before anything starts: an unknown key, a missing required key or a bad value gives a
 * sentence naming the key. Passwords come from the environment only.
 *
 * <pre>
 * kafka.bootstrap-servers = 127.0.0.1:9092
 * db.url = jdbc:postgresql://127.0.0.1:5432/clearwatch
 * db.user = clearwatch
 * </pre>
 */
public final class HistoryConfig {

    /** Environment variable with the database password (empty or unset: no password). */
    public static final String DB_PASSWORD_ENV = "CLEARWATCH_HISTORY_DB_PASSWORD";

    /** As for the job: the SASL and truststore passwords come from these. */
    public static final String KAFKA_PASSWORD_ENV = "CLEARWATCH_KAFKA_PASSWORD";

    public static final String TRUSTSTORE_PASSWORD_ENV = "CLEARWATCH_TRUSTSTORE_PASSWORD";

    public static final String DEFAULT_GROUP_ID = "clearwatch-alert-history";
    public static final int DEFAULT_METRICS_PORT = 9263;

    enum SecurityProtocol {
        PLAINTEXT,
        SSL,
        SASL_PLAINTEXT,
        SASL_SSL
    }

    /** Every key, with its default ({@code null}: required) and what it is. */
    static final Map<String, String[]> KEYS = new LinkedHashMap<>();

    static {
        key("kafka.bootstrap-servers", null, "Kafka brokers, host:port[,host:port].");
        key("kafka.security-protocol", "PLAINTEXT", "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.");
        key("kafka.sasl-mechanism", "SCRAM-SHA-512", "SASL mechanism.");
        key("kafka.sasl-username", "", "SASL user; the password is " + KAFKA_PASSWORD_ENV + ".");
        key(
                "kafka.ssl-truststore",
                "",
                "Truststore file for SSL; its password is " + TRUSTSTORE_PASSWORD_ENV + ".");
        key("kafka.group-id", DEFAULT_GROUP_ID, "Consumer group of the writer.");
        key("topics.alerts", "alerts", "The alerts topic.");
        key("db.url", null, "JDBC URL, jdbc:postgresql://host:port/database.");
        key("db.user", "clearwatch", "Database user; the password is " + DB_PASSWORD_ENV + ".");
        key(
                "metrics.port",
                Integer.toString(DEFAULT_METRICS_PORT),
                "Port of the Prometheus endpoint /metrics; 0 picks a free port.");
        key("batch.max-records", "500", "Most alerts written in one database transaction.");
    }

    private static void key(String name, String defaultValue, String doc) {
        KEYS.put(name, new String[] {defaultValue, doc});
    }

    private final String bootstrapServers;
    private final SecurityProtocol securityProtocol;
    private final String saslMechanism;
    private final String saslUsername;
    private final String saslPassword;
    private final String truststore;
    private final String truststorePassword;
    private final String groupId;
    private final String alertsTopic;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final int metricsPort;
    private final int batchMaxRecords;

    private HistoryConfig(Map<String, String> v, Map<String, String> env, List<String> problems) {
        bootstrapServers = text(v, "kafka.bootstrap-servers", problems);
        securityProtocol =
                parse(
                        v,
                        "kafka.security-protocol",
                        s -> SecurityProtocol.valueOf(s.toUpperCase(Locale.ROOT)),
                        "must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL",
                        problems);
        saslMechanism = text(v, "kafka.sasl-mechanism", problems);
        saslUsername = v.get("kafka.sasl-username");
        saslPassword = env.getOrDefault(KAFKA_PASSWORD_ENV, "");
        truststore = v.get("kafka.ssl-truststore");
        truststorePassword = env.getOrDefault(TRUSTSTORE_PASSWORD_ENV, "");
        groupId = text(v, "kafka.group-id", problems);
        alertsTopic = text(v, "topics.alerts", problems);
        dbUrl = text(v, "db.url", problems);
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql://")) {
            problems.add(
                    "db.url must be a PostgreSQL JDBC URL such as"
                            + " jdbc:postgresql://127.0.0.1:5432/clearwatch, got '"
                            + dbUrl
                            + "'.");
        }
        dbUser = text(v, "db.user", problems);
        dbPassword = env.getOrDefault(DB_PASSWORD_ENV, "");
        metricsPort = integer(v, "metrics.port", 0, 65535, problems);
        batchMaxRecords = integer(v, "batch.max-records", 1, 10_000, problems);
    }

    /** Reads and validates a properties file. */
    public static HistoryConfig load(Path file, Map<String, String> environment) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new HistoryConfigException("Configuration file " + file + " does not exist.");
        } catch (IOException | IllegalArgumentException e) {
            throw new HistoryConfigException(
                    "Configuration file " + file + " cannot be read: " + e.getMessage() + ".");
        }
        Map<String, String> raw = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> raw.put(k, properties.getProperty(k)));
        return of(raw, environment);
    }

    /**
     * Validates key-value pairs; all problems are collected, one sentence each, in the exception's
     * message.
     */
    public static HistoryConfig of(Map<String, String> raw, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(raw).entrySet()) {
            String key = e.getKey();
            if (key.equals("db.password")) {
                problems.add(
                        "db.password is not read from the file: give the password as "
                                + DB_PASSWORD_ENV
                                + " in the environment.");
            } else if (!KEYS.containsKey(key)) {
                problems.add(
                        "Unknown key '"
                                + key
                                + "'; the keys are "
                                + String.join(", ", KEYS.keySet())
                                + ".");
            } else {
                values.put(key, e.getValue().trim());
            }
        }
        KEYS.forEach((key, spec) -> values.putIfAbsent(key, spec[0]));
        HistoryConfig config = new HistoryConfig(values, environment, problems);
        if (!problems.isEmpty()) {
            throw new HistoryConfigException(String.join(" ", problems));
        }
        return config;
    }

    private static String text(Map<String, String> v, String key, List<String> problems) {
        String value = v.get(key);
        if (value == null || value.isEmpty()) {
            problems.add(key + " is required: " + KEYS.get(key)[1]);
            return null;
        }
        return value;
    }

    private static <T> T parse(
            Map<String, String> v,
            String key,
            Function<String, T> parser,
            String rule,
            List<String> problems) {
        String value = v.get(key);
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            problems.add(key + " " + rule + ", got '" + value + "'.");
            return null;
        }
    }

    private static int integer(
            Map<String, String> v, String key, int min, int max, List<String> problems) {
        Integer value =
                parse(
                        v,
                        key,
                        s -> {
                            int n = Integer.parseInt(s.replace("_", ""));
                            if (n < min || n > max) {
                                throw new IllegalArgumentException();
                            }
                            return n;
                        },
                        "must be a whole number from " + min + " to " + max,
                        problems);
        return value == null ? 0 : value;
    }

    /** The consumer settings: read_committed, offsets committed by the writer only. */
    public Properties consumerProperties() {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.setProperty(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A new group writes the whole history the topic still holds.
        props.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.setProperty(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(batchMaxRecords));
        props.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "clearwatch-alert-history");
        props.setProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol.name());
        if (securityProtocol == SecurityProtocol.SASL_SSL
                || securityProtocol == SecurityProtocol.SASL_PLAINTEXT) {
            props.setProperty(SaslConfigs.SASL_MECHANISM, saslMechanism);
            String module =
                    saslMechanism.startsWith("SCRAM")
                            ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                            : "org.apache.kafka.common.security.plain.PlainLoginModule";
            props.setProperty(
                    SaslConfigs.SASL_JAAS_CONFIG,
                    module
                            + " required username=\""
                            + saslUsername
                            + "\" password=\""
                            + saslPassword
                            + "\";");
        }
        if ((securityProtocol == SecurityProtocol.SSL
                        || securityProtocol == SecurityProtocol.SASL_SSL)
                && !truststore.isEmpty()) {
            props.setProperty(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore);
            props.setProperty(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststorePassword);
        }
        return props;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String groupId() {
        return groupId;
    }

    public String alertsTopic() {
        return alertsTopic;
    }

    public String dbUrl() {
        return dbUrl;
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    public int metricsPort() {
        return metricsPort;
    }

    public int batchMaxRecords() {
        return batchMaxRecords;
    }
}
