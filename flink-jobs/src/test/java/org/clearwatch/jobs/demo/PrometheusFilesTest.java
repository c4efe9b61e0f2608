package org.clearwatch.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The watch floor's files hold together: promtool accepts the scrape configuration and the rules,
 * the rule unit tests pass (each alerting rule firing and staying quiet), and the dashboards follow
 * the conventions other parts rely on (data sources through variables, never a fixed uid).
 */
class PrometheusFilesTest {

    private record Run(int exit, String output) {}

    private static Run promtool(String... args) throws Exception {
        PrometheusServer.requireBinaries();
        List<String> command = new ArrayList<>();
        command.add(PrometheusServer.PROMTOOL.toString());
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command)
                        .directory(WatchFloorFiles.PROMETHEUS.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void promtoolAcceptsTheScrapeConfigurationAndItsRules() throws Exception {
        Run run = promtool("check", "config", WatchFloorFiles.SCRAPE_CONFIG.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("2 rule files found");
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Run run =
                promtool(
                        "check",
                        "rules",
                        WatchFloorFiles.RECORDING_RULES.toString(),
                        WatchFloorFiles.ALERTING_RULES.toString());

        assertThat(run.exit()).as(run.output()).isZero();
    }

    @Test
    void everyAlertingRuleFiresAndStaysQuietInTheRuleTests() throws Exception {
        Run run = promtool("test", "rules", WatchFloorFiles.RULE_TESTS.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        List<String> alerts = new ArrayList<>();
        WatchFloorFiles.YAML
                .readTree(WatchFloorFiles.ALERTING_RULES.toFile())
                .path("groups")
                .forEach(g -> g.path("rules").forEach(r -> alerts.add(r.path("alert").asText())));
        JsonNode tests = WatchFloorFiles.YAML.readTree(WatchFloorFiles.RULE_TESTS.toFile());
        for (String alert : alerts) {
            boolean fires = false;
            boolean quiet = false;
            for (JsonNode test : tests.path("tests")) {
                for (JsonNode check : test.path("alert_rule_test")) {
                    if (check.path("alertname").asText().equals(alert)) {
                        fires |= !check.path("exp_alerts").isEmpty();
                        quiet |= check.path("exp_alerts").isEmpty();
                    }
                }
            }
            assertThat(fires).as(alert + " is shown firing").isTrue();
            assertThat(quiet).as(alert + " is shown staying quiet").isTrue();
        }
    }

    @Test
    void theScrapeConfigurationCoversTheJobTheNotifierAndTheAlertHistory() throws IOException {
        String targets =
                WatchFloorFiles.YAML
                        .readTree(WatchFloorFiles.SCRAPE_CONFIG.toFile())
                        .path("scrape_configs")
                        .findValues("targets")
                        .toString();

        for (int port = 9249; port <= 9259; port++) {
            assertThat(targets).contains("localhost:" + port);
        }
        assertThat(targets).contains("localhost:9262").contains("localhost:9263");
    }

    @Test
    void panelsReachTheirDataSourcesThroughVariablesOnly() throws IOException {
        List<Path> dashboards = WatchFloorFiles.dashboards();
        assertThat(dashboards)
                .extracting(p -> p.getFileName().toString())
                .contains("watch-floor.json", "feeds-and-job-health.json");
        for (Path file : dashboards) {
            JsonNode dashboard = WatchFloorFiles.JSON.readTree(file.toFile());
            List<String> uids = new ArrayList<>();
            dashboard.findValues("datasource").stream()
                    .filter(JsonNode::isObject)
                    .forEach(
                            ds ->
                                    uids.add(
                                            ds.path("type").asText()
                                                    + " "
                                                    + ds.path("uid").asText()));
            assertThat(uids)
                    .as(file.toString())
                    .isNotEmpty()
                    .allMatch(
                            u ->
                                    u.equals("prometheus ${datasource}")
                                            || u.equals(
                                                    "grafana-postgresql-datasource ${history}"));
        }
    }

    @Test
    void theWatchFloorHasItsSelectorsAndItsTableOfLatestAlerts() throws IOException {
        JsonNode watchFloor =
                WatchFloorFiles.JSON.readTree(
                        WatchFloorFiles.DASHBOARDS.resolve("watch-floor.json").toFile());
        List<String> variables = new ArrayList<>();
        watchFloor
                .path("templating")
                .path("list")
                .forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).contains("datasource", "history", "township", "model");
        for (JsonNode variable : watchFloor.path("templating").path("list")) {
            if (List.of("township", "model").contains(variable.path("name").asText())) {
                assertThat(variable.path("multi").asBoolean()).isTrue();
                assertThat(variable.path("includeAll").asBoolean()).isTrue();
            }
        }
        List<WatchFloorFiles.Query> sql = WatchFloorFiles.sqlQueries();
        assertThat(sql).isNotEmpty();
        assertThat(sql)
                .anySatisfy(
                        q ->
                                assertThat(q.text())
                                        .contains(
                                                "title",
                                                "township_code",
                                                "severity",
                                                "detected_at"));
        for (WatchFloorFiles.Query q : sql) {
            String rest =
                    q.text()
                            .replaceAll("\\$__timeFilter\\(\\w+\\)", "")
                            .replace("$__timeFrom()", "")
                            .replace("$__timeTo()", "")
                            .replace("township_code IN ($township)", "")
                            .replace("model_id IN ($model)", "");
            assertThat(rest).as(q.source() + " uses only the agreed macros").doesNotContain("$");
        }
    }
}
