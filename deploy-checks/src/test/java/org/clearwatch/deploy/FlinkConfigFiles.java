package org.clearwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Flink configuration written outside the FlinkDeployment: files under deploy/, FLINK_PROPERTIES.
 */
final class FlinkConfigFiles {

    private FlinkConfigFiles() {}

    /**
     * Files under deploy/ that hold Flink configuration: config.yaml / flink-conf.yaml (Flink's own
     * names) and any *flink*.yaml or *flink*.properties, outside kubernetes/ and compose/.
     */
    static List<Path> find(Path deploy) {
        try (Stream<Path> files = Files.walk(deploy)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(deploy.resolve("kubernetes")))
                    .filter(f -> !f.startsWith(deploy.resolve("compose")))
                    .filter(
                            f -> {
                                String name = f.getFileName().toString();
                                return name.equals("config.yaml")
                                        || name.equals("flink-conf.yaml")
                                        || (name.contains("flink")
                                                && (name.endsWith(".yaml")
                                                        || name.endsWith(".yml")
                                                        || name.endsWith(".properties")));
                            })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The keys and values of a file: properties, or YAML flattened to dotted keys (Flink 2's
     * config.yaml).
     */
    static Map<String, String> read(Path file) {
        String text = Repo.read(file);
        if (file.toString().endsWith(".properties")) {
            return properties(text);
        }
        try {
            Map<String, String> flat = new LinkedHashMap<>();
            flatten("", Manifests.YAML.readTree(text), flat);
            return flat;
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not YAML", e);
        }
    }

    /** FLINK_PROPERTIES of the Flink image: one "key: value" a line. */
    static Map<String, String> flinkProperties(String text) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            keys.put(
                    trimmed.substring(0, colon < 0 ? trimmed.length() : colon).trim(),
                    colon < 0 ? "" : trimmed.substring(colon + 1).trim());
        }
        return keys;
    }

    /** A properties file's keys and values, in no particular order. */
    static Map<String, String> properties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> keys.put(k, properties.getProperty(k)));
        return keys;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(
                        prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                        field.getValue(),
                        out);
            }
        } else {
            out.put(prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }
}
