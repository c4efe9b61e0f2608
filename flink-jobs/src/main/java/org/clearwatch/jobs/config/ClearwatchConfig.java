package org.clearwatch.jobs.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.clearwatch.patterns.Models;
import org.clearwatch.patterns.model.ModelInputs.FeedName;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.Parameter;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.model.SupervisionModel;

/**
 * The whole configuration of a Clearwatch job, typed and validated before anything starts.
 *
 * <p>The file is Java properties ({@code key = value}, UTF-8, {@code #} comments). Every key is
 * declared below or by a model's parameters ({@code models.<model-id>.<parameter>}); an unknown
 * key, a value of the wrong type or out of range stops the job with a sentence naming the key.
 */
public final class ClearwatchConfig {

    public enum SecurityProtocol {
        PLAINTEXT,
        SSL,
        SASL_PLAINTEXT,
        SASL_SSL
    }

    public enum Backend {
        ROCKSDB,
        HASHMAP
    }

    public static final Setting<String> BOOTSTRAP_SERVERS =
            Setting.required("kafka.bootstrap-servers", "Kafka brokers, host:port[,host:port].");
    public static final Setting<String> GROUP_ID =
            Setting.text("kafka.group-id", "clearwatch", "Consumer group of the feed sources.");
    public static final Setting<SecurityProtocol> SECURITY_PROTOCOL =
            Setting.choice(
                    "kafka.security-protocol",
                    SecurityProtocol.class,
                    SecurityProtocol.PLAINTEXT,
                    "How clients talk to Kafka.");
    public static final Setting<String> SASL_MECHANISM =
            Setting.text("kafka.sasl-mechanism", "SCRAM-SHA-512", "SASL mechanism.");
    public static final Setting<String> SASL_USERNAME =
            Setting.text("kafka.sasl-username", "", "SASL user name.");
    public static final Setting<String> SASL_PASSWORD =
            Setting.secret(
                    "kafka.sasl-password",
                    "SASL password; better given as CLEARWATCH_KAFKA_PASSWORD in the environment.");
    public static final Setting<String> TRUSTSTORE =
            Setting.text("kafka.ssl-truststore", "", "Truststore file for SSL.");
    public static final Setting<String> TRUSTSTORE_PASSWORD =
            Setting.secret(
                    "kafka.ssl-truststore-password",
                    "Truststore password; better given as CLEARWATCH_TRUSTSTORE_PASSWORD.");
    public static final Setting<String> TRANSACTIONAL_ID_PREFIX =
            Setting.text(
                    "kafka.transactional-id-prefix",
                    "clearwatch",
                    "Prefix of the alert sink's transactional ids; unique per job on a cluster.");
    public static final Setting<Duration> TRANSACTION_TIMEOUT =
            Setting.duration(
                    "kafka.transaction-timeout",
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(15),
                    "Sink transaction timeout; at most the brokers' transaction.max.timeout.ms.");

    public static final Setting<String> LEDGER_TOPIC =
            Setting.text("topics.ledger", "ledger-entries", "Village ledger entries.");
    public static final Setting<String> PAYOUTS_TOPIC =
            Setting.text("topics.payouts", "bank-payouts", "Welfare and subsidy payouts.");
    public static final Setting<String> GPS_TOPIC =
            Setting.text("topics.gps", "gps-pings", "Positions of official vehicles.");
    public static final Setting<String> DEATHS_TOPIC =
            Setting.text("topics.ref-deaths", "ref-deaths", "Death registry (compacted).");
    public static final Setting<String> OFFICIALS_TOPIC =
            Setting.text("topics.ref-officials", "ref-officials", "Officials roster (compacted).");
    public static final Setting<String> VEHICLES_TOPIC =
            Setting.text("topics.ref-vehicles", "ref-vehicles", "Official vehicles (compacted).");
    public static final Setting<String> DISPATCHES_TOPIC =
            Setting.text(
                    "topics.ref-dispatches", "ref-dispatches", "Approved dispatches (compacted).");
    public static final Setting<String> ZONES_TOPIC =
            Setting.text("topics.ref-zones", "ref-zones", "Zones (compacted).");
    public static final Setting<String> CALENDAR_TOPIC =
            Setting.text(
                    "topics.ref-calendar",
                    "ref-calendar",
                    "Holidays and make-up working days over the shipped calendar (compacted).");

    /** The topic of each feed. */
    public static final Map<FeedName, Setting<String>> FEED_TOPICS =
            Map.of(
                    FeedName.LEDGER, LEDGER_TOPIC,
                    FeedName.PAYOUTS, PAYOUTS_TOPIC,
                    FeedName.GPS, GPS_TOPIC,
                    FeedName.DEATHS, DEATHS_TOPIC,
                    FeedName.OFFICIALS, OFFICIALS_TOPIC,
                    FeedName.VEHICLES, VEHICLES_TOPIC,
                    FeedName.DISPATCHES, DISPATCHES_TOPIC,
                    FeedName.ZONES, ZONES_TOPIC,
                    FeedName.CALENDAR, CALENDAR_TOPIC);

    public static final Setting<String> ALERTS_TOPIC =
            Setting.text("topics.alerts", "alerts", "Where alerts go.");

    /**
     * Topic settings the alerts topic needs. The job's sink leaves each record's timestamp to the
     * producer (never the event time, which time retention would take for the record's age); the
     * broker's append time makes it the moment of publication, from which readers (the notifier,
     * the alert history) measure the delay to delivery.
     */
    public static final Map<String, String> ALERTS_TOPIC_CONFIGS =
            Map.of("message.timestamp.type", "LogAppendTime");

    public static final Setting<String> REJECTS_TOPIC =
            Setting.text(
                    "topics.rejects", "feed-rejects", "Where unusable feed records are noted.");

    public static final Setting<Duration> MAX_OUT_OF_ORDERNESS =
            Setting.duration(
                    "feeds.max-out-of-orderness",
                    Duration.ofMinutes(10),
                    Duration.ZERO,
                    Duration.ofDays(2),
                    "How far behind the newest record a record may arrive and still count.");
    public static final Setting<Duration> IDLENESS =
            Setting.duration(
                    "feeds.idleness",
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(1),
                    Duration.ofHours(1),
                    "A partition silent this long stops holding event time back.");
    public static final Setting<Duration> MAX_CLOCK_LEAD =
            Setting.duration(
                    "feeds.max-clock-lead",
                    Duration.ofMinutes(15),
                    Duration.ZERO,
                    Duration.ofDays(1),
                    "A record timed further ahead of the wall clock is rejected, not believed.");

    public static final Setting<String> JOB_NAME =
            Setting.text("job.name", "clearwatch", "Name of the Flink job.");
    public static final Setting<Integer> PARALLELISM =
            Setting.integer("job.parallelism", 2, 1, 1024, "Default parallelism.");
    public static final Setting<Duration> CHECKPOINT_INTERVAL =
            Setting.duration(
                    "checkpoint.interval",
                    Duration.ofSeconds(30),
                    Duration.ofMillis(200),
                    Duration.ofHours(1),
                    "How often state is checkpointed and alerts are committed to Kafka.");
    public static final Setting<Duration> UNALIGNED_AFTER =
            Setting.duration(
                    "checkpoint.unaligned-after",
                    Duration.ofMillis(100),
                    Duration.ZERO,
                    Duration.ofHours(1),
                    "How long a checkpoint's barriers may queue behind records before the checkpoint"
                            + " overtakes them, taking the records in flight along (unaligned): under"
                            + " back-pressure, a catch-up say, checkpoints and so alert commits stay"
                            + " quick. 0: always unaligned; above Flink's checkpoint timeout (10 min by default): never.");
    public static final Setting<String> CHECKPOINT_DIR =
            Setting.text(
                    "checkpoint.dir",
                    "",
                    "Checkpoint storage URI (file:///..., s3://...); the cluster's if unset.");
    public static final Setting<Backend> STATE_BACKEND =
            Setting.choice("state.backend", Backend.class, Backend.ROCKSDB, "Keyed state backend.");
    public static final Setting<Boolean> BOUNDED_SEEKS =
            Setting.flag(
                    "state.rocksdb.key-group-bounded-seeks",
                    true,
                    "RocksDB seeks stop at their key group (KeyGroupBoundedSeeks); false only for"
                            + " the one restore that migrates a changed state type.");

    static final List<Setting<?>> SETTINGS =
            List.of(
                    BOOTSTRAP_SERVERS,
                    GROUP_ID,
                    SECURITY_PROTOCOL,
                    SASL_MECHANISM,
                    SASL_USERNAME,
                    SASL_PASSWORD,
                    TRUSTSTORE,
                    TRUSTSTORE_PASSWORD,
                    TRANSACTIONAL_ID_PREFIX,
                    TRANSACTION_TIMEOUT,
                    LEDGER_TOPIC,
                    PAYOUTS_TOPIC,
                    GPS_TOPIC,
                    DEATHS_TOPIC,
                    OFFICIALS_TOPIC,
                    VEHICLES_TOPIC,
                    DISPATCHES_TOPIC,
                    ZONES_TOPIC,
                    CALENDAR_TOPIC,
                    ALERTS_TOPIC,
                    REJECTS_TOPIC,
                    MAX_OUT_OF_ORDERNESS,
                    IDLENESS,
                    MAX_CLOCK_LEAD,
                    JOB_NAME,
                    PARALLELISM,
                    CHECKPOINT_INTERVAL,
                    UNALIGNED_AFTER,
                    CHECKPOINT_DIR,
                    STATE_BACKEND,
                    BOUNDED_SEEKS);

    /** Where secrets may come from instead of the file. */
    static final Map<String, String> SECRET_ENVIRONMENT =
            Map.of(
                    SASL_PASSWORD.key(), "CLEARWATCH_KAFKA_PASSWORD",
                    TRUSTSTORE_PASSWORD.key(), "CLEARWATCH_TRUSTSTORE_PASSWORD");

    private final Map<String, Object> values;
    private final Map<String, ParameterValues> models;

    private ClearwatchConfig(Map<String, Object> values, Map<String, ParameterValues> models) {
        this.values = values;
        this.models = models;
    }

    /** Reads and validates a properties file. */
    public static ClearwatchConfig load(Path file, Map<String, String> environment) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Configuration file " + file + " does not exist.");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(
                    "Configuration file " + file + " cannot be read: " + e.getMessage() + ".");
        }
        Map<String, String> raw = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> raw.put(k, properties.getProperty(k)));
        return of(raw, environment);
    }

    /**
     * Validates key-value pairs. All problems are collected; the exception's message has one
     * sentence per problem.
     */
    public static ClearwatchConfig of(Map<String, String> raw, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> remaining = new TreeMap<>(raw);

        for (Setting<?> setting : SETTINGS) {
            String text = remaining.remove(setting.key());
            if (text == null && SECRET_ENVIRONMENT.containsKey(setting.key())) {
                text = environment.get(SECRET_ENVIRONMENT.get(setting.key()));
            }
            try {
                if (text != null) {
                    values.put(setting.key(), setting.parse(text));
                } else if (!setting.isRequired()) {
                    values.put(setting.key(), setting.defaultValue());
                }
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }

        Map<String, ParameterValues> models = new LinkedHashMap<>();
        for (SupervisionModel model : Models.ALL) {
            ModelSpec spec = model.spec();
            String prefix = "models." + spec.id() + ".";
            String enabled = remaining.remove(prefix + "enabled");
            ParameterValues parameters = spec.defaults();
            int problemsBefore = problems.size();
            for (Parameter<?> parameter : spec.parameters()) {
                String text = remaining.remove(prefix + parameter.name());
                if (text != null) {
                    try {
                        set(parameters, parameter, text);
                    } catch (IllegalArgumentException e) {
                        problems.add(prefix + parameter.name() + " " + e.getMessage() + ".");
                    }
                }
            }
            if (problems.size() == problemsBefore) {
                // Only parameters that each read well can be checked together.
                try {
                    model.check(parameters);
                } catch (IllegalArgumentException e) {
                    problems.add(prefix + e.getMessage() + ".");
                }
            }
            if (enabled != null && !enabled.trim().matches("true|false")) {
                problems.add(
                        prefix + "enabled must be true or false, got '" + enabled.trim() + "'.");
            } else if (enabled == null || Boolean.parseBoolean(enabled.trim())) {
                models.put(spec.id(), parameters);
            }
        }

        for (String unknown : remaining.keySet()) {
            problems.add(unknownKey(unknown));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
        return new ClearwatchConfig(values, models);
    }

    /** For the local commands: everything at its default, with these keys set. */
    public static ClearwatchConfig defaults(Map<String, String> overrides) {
        return of(overrides, Map.of());
    }

    private static <T extends Comparable<T>> void set(
            ParameterValues values, Parameter<T> parameter, String text) {
        values.with(parameter, parameter.parse(text));
    }

    private static String unknownKey(String key) {
        List<String> known = new ArrayList<>();
        SETTINGS.forEach(s -> known.add(s.key()));
        for (SupervisionModel model : Models.ALL) {
            String prefix = "models." + model.spec().id() + ".";
            known.add(prefix + "enabled");
            model.spec().parameters().forEach(p -> known.add(prefix + p.name()));
        }
        String nearest =
                known.stream()
                        .min(Comparator.comparingInt(k -> editDistance(k, key)))
                        .filter(k -> editDistance(k, key) <= Math.max(2, key.length() / 5))
                        .orElse(null);
        return "Unknown configuration key '"
                + key
                + "'"
                + (nearest == null ? "" : " (did you mean '" + nearest + "'?)")
                + ".";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] =
                        Math.min(
                                Math.min(current[j - 1] + 1, previous[j] + 1),
                                previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (!values.containsKey(setting.key())) {
            throw new ConfigException(setting.key() + " must be set.");
        }
        return (T) values.get(setting.key());
    }

    public boolean isSet(Setting<String> setting) {
        Object value = values.get(setting.key());
        return value != null && !value.toString().isEmpty();
    }

    /** The enabled models and their parameters, in the order Clearwatch lists them. */
    public Map<String, ParameterValues> models() {
        return models;
    }

    /**
     * Every value as text, for the Flink web UI: secrets are masked, models' parameters included.
     */
    public Map<String, String> describe() {
        Map<String, String> shown = new TreeMap<>();
        for (Setting<?> setting : SETTINGS) {
            Object value = values.get(setting.key());
            if (value == null) {
                continue;
            }
            String text = value instanceof Duration d ? Setting.format(d) : value.toString();
            shown.put(setting.key(), setting.isSecret() ? "******" : text);
        }
        models.forEach(
                (id, parameters) ->
                        parameters
                                .asMap()
                                .forEach(
                                        (name, value) ->
                                                shown.put(
                                                        "models." + id + "." + name,
                                                        String.valueOf(value))));
        return shown;
    }
}
