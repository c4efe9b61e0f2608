package org.clearwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs deploy/kubernetes/generate.sh and checks what it wrote against the files it copied. */
final class Generated {

    /** A ConfigMap holds at most 1 MiB. */
    static final int CONFIG_MAP_LIMIT = 1024 * 1024;

    private Generated() {}

    /** Runs the script on a dashboards folder, writing into out. */
    static void generate(Path dashboards, Path out) {
        ProcessBuilder builder =
                new ProcessBuilder(
                                "bash",
                                Repo.KUBERNETES.resolve("generate.sh").toString(),
                                dashboards.toString(),
                                out.toString())
                        .redirectErrorStream(true);
        try {
            Process process = builder.start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("generate.sh failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<Path> dashboards(Path folder) {
        return list(folder, "glob:*.json");
    }

    static List<Path> ruleFiles(Path folder) {
        return list(folder.resolve("prometheus"), "glob:*rules*.{yml,yaml}").stream()
                .filter(f -> !f.getFileName().toString().contains("test"))
                .toList();
    }

    private static List<Path> list(Path folder, String glob) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        var matcher = folder.getFileSystem().getPathMatcher(glob);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> matcher.matches(f.getFileName())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every dashboard and rule file became one valid resource holding it unchanged. */
    static List<String> problems(Path dashboards, Path out) {
        List<String> problems = new ArrayList<>();
        Manifests.Result configMaps = Manifests.read(out.resolve("grafana-dashboards.yaml"));
        Manifests.Result rules = Manifests.read(out.resolve("prometheus-rules.yaml"));
        problems.addAll(configMaps.problems());
        problems.addAll(rules.problems());

        List<Path> jsons = dashboards(dashboards);
        List<ConfigMap> maps = configMaps.all(ConfigMap.class);
        if (maps.size() != jsons.size()) {
            problems.add(jsons.size() + " dashboards but " + maps.size() + " ConfigMaps");
        }
        for (Path json : jsons) {
            String name = json.getFileName().toString();
            String content = Repo.read(json);
            ConfigMap map =
                    maps.stream()
                            .filter(m -> m.getData().containsKey(name))
                            .findFirst()
                            .orElse(null);
            if (map == null) {
                problems.add(name + " is in no ConfigMap");
                continue;
            }
            if (!"1".equals(map.getMetadata().getLabels().get("grafana_dashboard"))) {
                problems.add(name + ": its ConfigMap lacks the label grafana_dashboard: \"1\"");
            }
            if (!map.getData().get(name).strip().equals(content.strip())) {
                problems.add(name + ": the ConfigMap does not hold the file unchanged");
            }
            if (content.getBytes(StandardCharsets.UTF_8).length > CONFIG_MAP_LIMIT) {
                problems.add(name + " is larger than a ConfigMap can hold");
            }
            try {
                JsonNode dashboard = Manifests.YAML.readTree(content);
                if (!dashboard.isObject() || dashboard.path("uid").asText().isEmpty()) {
                    problems.add(name + " is not a Grafana dashboard with a uid");
                }
            } catch (IOException e) {
                problems.add(
                        name + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }

        List<Path> ruleFiles = ruleFiles(dashboards);
        List<Manifest> prometheusRules = rules.ofKind("PrometheusRule");
        if (prometheusRules.size() != ruleFiles.size()) {
            problems.add(
                    ruleFiles.size()
                            + " rule files but "
                            + prometheusRules.size()
                            + " PrometheusRules");
        }
        for (int i = 0; i < Math.min(ruleFiles.size(), prometheusRules.size()); i++) {
            try {
                JsonNode file = Manifests.YAML.readTree(ruleFiles.get(i).toFile());
                JsonNode spec = prometheusRules.get(i).tree().path("spec");
                if (!file.equals(spec)) {
                    problems.add(
                            ruleFiles.get(i).getFileName()
                                    + ": the PrometheusRule does not hold its groups unchanged");
                }
                if (file.path("groups").isEmpty()) {
                    problems.add(ruleFiles.get(i).getFileName() + " has no rule groups");
                }
            } catch (IOException e) {
                problems.add(ruleFiles.get(i).getFileName() + " is not YAML");
            }
        }
        return problems;
    }

    /** Labels a selector asks for. */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
