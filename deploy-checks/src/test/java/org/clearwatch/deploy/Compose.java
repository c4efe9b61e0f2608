package org.clearwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/** A docker-compose.yml, read as YAML, with the checks that can run without Docker. */
final class Compose {

    /** The services a laptop needs to run all of Clearwatch. */
    static final Set<String> SERVICES =
            Set.of(
                    "kafka",
                    "jobmanager",
                    "taskmanager",
                    "notifier",
                    "alert-history",
                    "postgres",
                    "prometheus",
                    "grafana");

    private final Path file;
    private final JsonNode root;

    private Compose(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static Compose read(Path file) {
        // SnakeYAML, as compose does, resolves anchors and merge keys (<<: *flink-properties).
        Object document = new Yaml().load(Repo.read(file));
        return new Compose(file, Manifests.YAML.valueToTree(document));
    }

    Set<String> services() {
        Set<String> names = new TreeSet<>();
        root.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode service(String name) {
        return root.path("services").path(name);
    }

    /** FLINK_PROPERTIES of each service that sets it (YAML merge keys resolved by the parser). */
    Map<String, Map<String, String>> flinkProperties() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String name : services()) {
            JsonNode value = environment(name).get("FLINK_PROPERTIES");
            if (value != null) {
                out.put(name, FlinkConfigFiles.flinkProperties(value.asText()));
            }
        }
        return out;
    }

    /** The environment of a service, as a map (compose allows a map or a list of NAME=value). */
    Map<String, JsonNode> environment(String service) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        JsonNode node = service(service).path("environment");
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals("<<")) {
                    env.put(field.getKey(), field.getValue());
                } else {
                    field.getValue()
                            .fields()
                            .forEachRemaining(f -> env.put(f.getKey(), f.getValue()));
                }
            }
        } else if (node.isArray()) {
            node.forEach(
                    item -> {
                        String[] pair = item.asText().split("=", 2);
                        env.put(
                                pair[0],
                                Manifests.YAML
                                        .getNodeFactory()
                                        .textNode(pair.length > 1 ? pair[1] : ""));
                    });
        }
        return env;
    }

    /** Everything that would stop `docker compose up` or run the wrong thing. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        String where = Repo.ROOT.relativize(file.toAbsolutePath().normalize()).toString();
        for (String missing : new TreeSet<>(SERVICES)) {
            if (!services().contains(missing)) {
                problems.add(where + ": no service " + missing);
            }
        }
        Set<String> volumes = new TreeSet<>();
        root.path("volumes").fieldNames().forEachRemaining(volumes::add);
        for (String name : services()) {
            JsonNode service = service(name);
            String image = service.path("image").asText();
            if (image.isEmpty() && service.path("build").isMissingNode()) {
                problems.add(where + " " + name + ": neither image nor build");
            } else if (!image.isEmpty() && (!image.contains(":") || image.endsWith(":latest"))) {
                problems.add(
                        where + " " + name + ": image " + image + " is not pinned to a version");
            }
            for (JsonNode dependency : dependsOn(service)) {
                if (!services().contains(dependency.asText())) {
                    problems.add(
                            where
                                    + " "
                                    + name
                                    + ": depends on unknown service "
                                    + dependency.asText());
                }
            }
            for (JsonNode volume : service.path("volumes")) {
                String source =
                        volume.isObject()
                                ? volume.path("source").asText()
                                : volume.asText().split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    if (!volumes.contains(source)) {
                        problems.add(
                                where
                                        + " "
                                        + name
                                        + ": named volume "
                                        + source
                                        + " is not declared");
                    }
                    continue;
                }
                Path path = file.getParent().resolve(source).normalize();
                String relative = Repo.ROOT.relativize(path).toString().replace('\\', '/');
                if (relative.matches("[^/]+/target/[^/]+\\.jar")) {
                    String expected =
                            BuildOutputs.jarOf(relative.substring(0, relative.indexOf('/')));
                    if (!relative.endsWith("/" + expected)) {
                        problems.add(
                                where
                                        + " "
                                        + name
                                        + ": mounts "
                                        + relative
                                        + " but the build makes "
                                        + expected);
                    }
                } else if (!Files.exists(path)) {
                    problems.add(
                            where + " " + name + ": mounts " + relative + ", which does not exist");
                }
            }
            for (Map.Entry<String, JsonNode> env : environment(name).entrySet()) {
                if (env.getKey().matches(".*(PASSWORD|SECRET|TOKEN).*")
                        && !env.getValue().asText().isEmpty()
                        && !env.getValue().asText().startsWith("${")) {
                    problems.add(where + " " + name + ": " + env.getKey() + " is written in clear");
                }
            }
        }
        return problems;
    }

    private static List<JsonNode> dependsOn(JsonNode service) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode node = service.path("depends_on");
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (node.isObject()) {
            node.fieldNames()
                    .forEachRemaining(n -> out.add(Manifests.YAML.getNodeFactory().textNode(n)));
        }
        return out;
    }
}
