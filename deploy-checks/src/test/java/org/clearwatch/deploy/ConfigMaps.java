package org.clearwatch.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** A file held in a ConfigMap, as the pod that mounts it reads it. */
final class ConfigMaps {

    private ConfigMaps() {}

    static String file(Path manifest, String configMap, String key) {
        Manifests.Result result = Manifests.read(manifest);
        if (!result.problems().isEmpty()) {
            throw new IllegalStateException(String.join("\n", result.problems()));
        }
        return result.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(configMap))
                .map(c -> c.getData().get(key))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "no " + key + " in ConfigMap " + configMap));
    }

    static Map<String, String> properties(Path manifest, String configMap, String key) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(file(manifest, configMap, key)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> out.put(k, properties.getProperty(k).trim()));
        return out;
    }
}
