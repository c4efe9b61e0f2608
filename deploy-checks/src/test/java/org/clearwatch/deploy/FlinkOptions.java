package org.clearwatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.metrics.prometheus.PrometheusPushGatewayReporterOptions;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;

/**
 * Every configuration key Flink declares, found by reflection: the static {@link ConfigOption}
 * fields of the classes in Flink's jars, with their fallback and deprecated keys.
 */
final class FlinkOptions {

    /** One class of each jar whose options a Clearwatch deployment can use. */
    private static final List<String> JARS_OF =
            List.of(
                    "org.apache.flink.configuration.CoreOptions", // flink-core
                    "org.apache.flink.runtime.jobmaster.JobMaster", // flink-runtime
                    "org.apache.flink.streaming.api.environment.StreamExecutionEnvironment",
                    "org.apache.flink.client.cli.CliFrontend", // flink-clients
                    "org.apache.flink.state.rocksdb.RocksDBOptions", // flink-statebackend-rocksdb
                    "org.apache.flink.kubernetes.configuration.KubernetesConfigOptions",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");

    /**
     * Options of the Flink Kubernetes Operator (KubernetesOperatorConfigOptions, which is not in
     * its API jar on Maven Central): the ones Clearwatch sets, as that class declares them.
     */
    static final Set<String> OPERATOR_KEYS =
            Set.of(
                    "kubernetes.operator.savepoint.format.type",
                    "kubernetes.operator.periodic.savepoint.interval",
                    "kubernetes.operator.savepoint.history.max.count");

    /**
     * Keys the S3 file system plugins read and hand on to their client (s3.* becomes fs.s3a.* in
     * flink-s3-fs-hadoop); they are not ConfigOptions. Those Flink's S3 documentation names.
     */
    static final Set<String> S3_KEYS =
            Set.of("s3.endpoint", "s3.path.style.access", "s3.access-key", "s3.secret-key");

    private static final String REPORTER_PREFIX =
            MetricOptions.REPORTERS_LIST.key().replace("reporters", "reporter.");

    /**
     * Key to how Flink knows it: "" when current, else what it is a fallback or deprecated key of.
     */
    private final Map<String, String> keys;

    private FlinkOptions(Map<String, String> keys) {
        this.keys = keys;
    }

    static FlinkOptions load() {
        Map<String, String> keys = new TreeMap<>();
        for (String anchor : JARS_OF) {
            for (String className : classesInJarOf(anchor)) {
                collect(className, keys);
            }
        }
        return new FlinkOptions(keys);
    }

    int size() {
        return keys.size();
    }

    /** Why a key is not one Flink knows, or null when it is. */
    String problem(String key, Map<String, String> configuration) {
        if (keys.containsKey(key)) {
            String current = keys.get(key);
            return current.isEmpty() ? null : key + " is deprecated: use " + current;
        }
        if (OPERATOR_KEYS.contains(key) || S3_KEYS.contains(key)) {
            return null;
        }
        if (key.startsWith(REPORTER_PREFIX)) {
            return reporterProblem(key, configuration);
        }
        return key + " is not a Flink configuration option";
    }

    /** metrics.reporter.NAME.KEY: a reporter option of MetricOptions, or one its factory reads. */
    private String reporterProblem(String key, Map<String, String> configuration) {
        String rest = key.substring(REPORTER_PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot < 0) {
            return key + " names no reporter option";
        }
        String name = rest.substring(0, dot);
        String option = rest.substring(dot + 1);
        if (keys.containsKey(option) && REPORTER_OPTIONS.contains(option)) {
            return null;
        }
        String factory =
                configuration.get(
                        REPORTER_PREFIX + name + "." + MetricOptions.REPORTER_FACTORY_CLASS.key());
        if (factory == null) {
            return key + ": reporter " + name + " has no factory.class";
        }
        Set<String> factoryKeys;
        try {
            factoryKeys = argumentsOf(Class.forName(factory));
        } catch (ClassNotFoundException e) {
            return key + ": reporter factory " + factory + " does not exist";
        }
        if (factory.equals(PrometheusReporterFactory.class.getName())) {
            // Every Prometheus reporter's open() reads this option, which Flink declares on the
            // push-gateway reporter's options class only.
            factoryKeys.add(
                    PrometheusPushGatewayReporterOptions.FILTER_LABEL_VALUE_CHARACTER.key());
        }
        return factoryKeys.contains(option)
                ? null
                : key + " is not an option of " + factory + " " + factoryKeys;
    }

    /** The reporter-scoped options of MetricOptions (declared with short keys). */
    private static final Set<String> REPORTER_OPTIONS = reporterOptions();

    private static Set<String> reporterOptions() {
        Set<String> options = new TreeSet<>();
        for (Field field : MetricOptions.class.getFields()) {
            if (field.getName().startsWith("REPORTER_")
                    && ConfigOption.class.isAssignableFrom(field.getType())) {
                try {
                    options.add(((ConfigOption<?>) field.get(null)).key());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return options;
    }

    /** The ARG_* constants a reporter factory reads (the Prometheus reporter's port). */
    private static Set<String> argumentsOf(Class<?> factory) {
        Set<String> arguments = new TreeSet<>();
        for (Class<?> type = factory; type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && field.getType() == String.class
                        && field.getName().startsWith("ARG_")) {
                    try {
                        field.setAccessible(true);
                        arguments.add((String) field.get(null));
                    } catch (IllegalAccessException | RuntimeException e) {
                        // not readable: not counted
                    }
                }
            }
        }
        return arguments;
    }

    private static List<String> classesInJarOf(String anchor) {
        Path jar;
        try {
            jar =
                    Path.of(
                            Class.forName(anchor)
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("cannot find the jar of " + anchor, e);
        }
        List<String> classes = new ArrayList<>();
        if (!jar.toString().endsWith(".jar")) {
            return classes;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.startsWith("org/apache/flink/")
                        && !name.contains("/shaded/")
                        && name.endsWith("Options.class")
                        && !name.contains("$")) {
                    classes.add(name.substring(0, name.length() - 6).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }

    private static void collect(String className, Map<String, String> keys) {
        Class<?> type;
        try {
            type = Class.forName(className, true, FlinkOptions.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return; // an options class whose dependencies Clearwatch does not deploy
        }
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())
                    || !ConfigOption.class.isAssignableFrom(field.getType())) {
                continue;
            }
            ConfigOption<?> option;
            try {
                field.setAccessible(true);
                option = (ConfigOption<?>) field.get(null);
            } catch (IllegalAccessException | RuntimeException e) {
                continue;
            }
            if (option == null) {
                continue;
            }
            keys.put(option.key(), "");
            for (FallbackKey fallback : option.fallbackKeys()) {
                keys.putIfAbsent(fallback.getKey(), fallback.isDeprecated() ? option.key() : "");
            }
        }
    }

    /** For tests that need a key Flink surely declares. */
    static String aCoreKey() {
        return CoreOptions.DEFAULT_PARALLELISM.key();
    }
}
