package org.clearwatch.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The watch floor's files as the tests read them: the Grafana dashboards' PromQL and the Prometheus
 * rules in {@code dashboards/}, with Grafana's variables filled in as Grafana would for "All" and a
 * short time range.
 */
final class WatchFloorFiles {

    static final Path DASHBOARDS = Path.of("..", "dashboards").toAbsolutePath().normalize();
    static final Path PROMETHEUS = DASHBOARDS.resolve("prometheus");
    static final Path SCRAPE_CONFIG = PROMETHEUS.resolve("prometheus.yml");
    static final Path RECORDING_RULES = PROMETHEUS.resolve("recording-rules.yml");
    static final Path ALERTING_RULES = PROMETHEUS.resolve("alerting-rules.yml");
    static final Path RULE_TESTS = PROMETHEUS.resolve("rules-test.yml");

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What Grafana puts in place of its variables, for the whole floor and a short range. */
    private static final Map<String, String> VARIABLES =
            Map.of(
                    "township", ".*",
                    "model", ".*",
                    "feed", ".*",
                    "__rate_interval", "20s",
                    "__interval", "5s",
                    "__range", "5m",
                    "__range_s", "300");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");

    /** A query and where it comes from. */
    record Query(String source, String text) {}

    private WatchFloorFiles() {}

    static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /**
     * Every PromQL expression of every Prometheus panel of every dashboard, and the query of every
     * variable read from Prometheus ({@code label_values(expr, label)} gives {@code expr}).
     */
    static List<Query> panelQueries() throws IOException {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboards()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            String title = dashboard.path("title").asText();
            panels(dashboard.path("panels"), title, queries);
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (isPrometheus(variable.path("datasource"))) {
                    String query =
                            variable.path("query").isObject()
                                    ? variable.path("query").path("query").asText()
                                    : variable.path("query").asText();
                    Matcher labelValues =
                            Pattern.compile("label_values\\((.*),\\s*\\w+\\)").matcher(query);
                    queries.add(
                            new Query(
                                    title + " / variable " + variable.path("name").asText(),
                                    substitute(
                                            labelValues.matches() ? labelValues.group(1) : query)));
                }
            }
        }
        return queries;
    }

    private static void panels(JsonNode panels, String title, List<Query> queries) {
        for (JsonNode panel : panels) {
            panels(panel.path("panels"), title, queries);
            for (JsonNode target : panel.path("targets")) {
                JsonNode datasource =
                        target.has("datasource")
                                ? target.path("datasource")
                                : panel.path("datasource");
                if (isPrometheus(datasource) && target.has("expr")) {
                    queries.add(
                            new Query(
                                    title
                                            + " / "
                                            + panel.path("title").asText()
                                            + " / "
                                            + target.path("refId").asText(),
                                    substitute(target.path("expr").asText())));
                }
            }
        }
    }

    static boolean isPrometheus(JsonNode datasource) {
        return "prometheus".equals(datasource.path("type").asText());
    }

    /** Every SQL panel's raw query, with where it comes from. */
    static List<Query> sqlQueries() throws IOException {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboards()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            collectSql(dashboard.path("panels"), dashboard.path("title").asText(), queries);
        }
        return queries;
    }

    private static void collectSql(JsonNode panels, String title, List<Query> queries) {
        for (JsonNode panel : panels) {
            collectSql(panel.path("panels"), title, queries);
            for (JsonNode target : panel.path("targets")) {
                if (target.has("rawSql")) {
                    queries.add(
                            new Query(
                                    title + " / " + panel.path("title").asText(),
                                    target.path("rawSql").asText()));
                }
            }
        }
    }

    /** Every recording rule's expression. */
    static List<Query> recordingRules() throws IOException {
        List<Query> queries = new ArrayList<>();
        for (JsonNode group : YAML.readTree(RECORDING_RULES.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("record")) {
                    queries.add(
                            new Query(
                                    "recording rule " + rule.path("record").asText(),
                                    rule.path("expr").asText()));
                }
            }
        }
        return queries;
    }

    static String substitute(String promql) {
        Matcher m = VARIABLE.matcher(promql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = VARIABLES.get(name);
            if (value == null) {
                throw new AssertionError(
                        "no test value for Grafana variable $" + name + " in " + promql);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
