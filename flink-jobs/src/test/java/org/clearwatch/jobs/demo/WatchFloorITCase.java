package org.clearwatch.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.config.Setting;
import org.clearwatch.jobs.local.FlinkRest;
import org.clearwatch.jobs.local.LocalFlink;
import org.clearwatch.jobs.pipeline.ClearwatchJob;
import org.clearwatch.jobs.sim.Scenario;
import org.clearwatch.localkafka.LocalKafka;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch floor against a real Prometheus: the job runs as in the demo (a KRaft broker, every
 * feed simulated, a MiniCluster with RocksDB and the Prometheus reporter on a free port), a
 * Prometheus of its own scrapes it every second with the project's scrape configuration and rules,
 * and then every PromQL query of every dashboard panel and every recording rule must return data.
 * The job's scrape output must not carry an entity id in any label.
 */
class WatchFloorITCase {

    private static final String JOB = "clearwatch-job";
    private static final Duration FEEDING = Duration.ofSeconds(30);
    private static final int DAYS = 8;

    @TempDir static Path work;

    private static LocalKafka kafka;
    private static JobClient job;
    private static PrometheusServer prometheus;
    private static Scenario scenario;
    private static int metricsPort;

    @BeforeAll
    static void runTheJobAndPrometheus() throws Exception {
        PrometheusServer.requireBinaries();
        kafka = LocalKafka.start();
        for (Setting<String> topic : ClearwatchConfig.FEED_TOPICS.values()) {
            String name = topic.defaultValue();
            kafka.createTopic(
                    name,
                    1,
                    name.startsWith("ref-") ? Map.of("cleanup.policy", "compact") : Map.of());
        }
        kafka.createTopic("alerts", 2, Map.of());
        kafka.createTopic("feed-rejects", 1, Map.of());
        ClearwatchConfig config =
                ClearwatchConfig.defaults(
                        Map.of(
                                "kafka.bootstrap-servers", kafka.bootstrapServers(),
                                "kafka.group-id", "watch-" + UUID.randomUUID(),
                                "kafka.transactional-id-prefix", "watch-" + UUID.randomUUID(),
                                "checkpoint.interval", "1s",
                                "feeds.idleness", "2s",
                                "job.parallelism", "1",
                                "job.name", "clearwatch-watch-floor"));
        LocalDate first = LocalDate.of(2025, 9, 15);
        scenario =
                Scenario.generate(
                        new Scenario.Options(7, first, DAYS),
                        config.models(),
                        WorkingCalendar.china());

        metricsPort = FlinkRest.freePort();
        StreamExecutionEnvironment env =
                LocalFlink.environment(
                        config, Integer.toString(metricsPort), work.resolve("checkpoints"), 0);
        ClearwatchJob.build(env, config, false);
        job = env.executeAsync("clearwatch-watch-floor");

        prometheus = PrometheusServer.start(prometheusConfig(metricsPort), work);

        long end = System.currentTimeMillis() + 60_000;
        while (job.getJobStatus().get(10, TimeUnit.SECONDS) != JobStatus.RUNNING) {
            assertThat(System.currentTimeMillis()).as("job running").isLessThan(end);
            Thread.sleep(100);
        }
        Thread.sleep(2_000);
        ScenarioProducer producer =
                new ScenarioProducer(
                        kafka.bootstrapServers(),
                        feed -> config.get(ClearwatchConfig.FEED_TOPICS.get(feed.feed())),
                        scenario.publications(),
                        scenario.start(),
                        (double) Duration.ofDays(DAYS).toMillis() / FEEDING.toMillis(),
                        7);
        Thread feeding = new Thread(producer, "watch-floor-feed");
        feeding.start();
        feeding.join(FEEDING.plusSeconds(20).toMillis());
        producer.stop();
        feeding.join();
    }

    /** The project's scrape configuration, pointed at this job, every second, with the rules. */
    private static Path prometheusConfig(int port) throws Exception {
        ObjectNode config =
                (ObjectNode) WatchFloorFiles.YAML.readTree(WatchFloorFiles.SCRAPE_CONFIG.toFile());
        ObjectNode global = config.with("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        ArrayNode rules = config.putArray("rule_files");
        rules.add(WatchFloorFiles.RECORDING_RULES.toString());
        rules.add(WatchFloorFiles.ALERTING_RULES.toString());
        ArrayNode kept = WatchFloorFiles.YAML.createArrayNode();
        for (var scrape : config.path("scrape_configs")) {
            if (scrape.path("job_name").asText().equals(JOB)) {
                ObjectNode only = ((ObjectNode) scrape).deepCopy();
                only.remove("static_configs");
                only.putArray("static_configs")
                        .addObject()
                        .putArray("targets")
                        .add("127.0.0.1:" + port);
                kept.add(only);
            }
        }
        assertThat(kept).as("a scrape job named " + JOB + " in prometheus.yml").hasSize(1);
        config.set("scrape_configs", kept);
        config.remove("alerting");
        Path file = work.resolve("prometheus.yml");
        WatchFloorFiles.YAML.writeValue(file.toFile(), config);
        return file;
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyDashboardQueryAndRecordingRuleReturnsData() throws Exception {
        List<WatchFloorFiles.Query> queries = new ArrayList<>(WatchFloorFiles.panelQueries());
        queries.addAll(WatchFloorFiles.recordingRules());
        assertThat(queries).hasSizeGreaterThan(20);

        // Rates need a few scrapes after the last alerts, and recording rules an evaluation.
        List<String> empty = new ArrayList<>();
        long end = System.currentTimeMillis() + 60_000;
        do {
            empty.clear();
            for (WatchFloorFiles.Query q : queries) {
                if (prometheus.resultCount(q.text()) == 0) {
                    empty.add(q.source() + ": " + q.text());
                }
            }
            if (!empty.isEmpty()) {
                Thread.sleep(2_000);
            }
        } while (!empty.isEmpty() && System.currentTimeMillis() < end);

        assertThat(empty).as("queries without data; targets: " + prometheus.targets()).isEmpty();
    }

    @Test
    void theTriggerDelayHistogramHasMeasuredAlerts() throws Exception {
        String count = "sum(flink_taskmanager_job_task_operator_model_alertDelaySeconds_count)";
        long end = System.currentTimeMillis() + 60_000;
        while (prometheus.resultCount(count) == 0 && System.currentTimeMillis() < end) {
            Thread.sleep(1_000);
        }

        assertThat(prometheus.query(count).path("result").path(0).path("value").path(1).asDouble())
                .as("alerts timed from their triggering record")
                .isPositive();
    }

    @Test
    void noMetricLabelCarriesAnEntityId() throws Exception {
        String scrape =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + metricsPort
                                                                + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        // Kept for a look after the run.
        Files.writeString(Path.of("target", "watch-floor-scrape.txt"), scrape);
        Set<String> labelValues = labelValues(scrape);
        assertThat(labelValues).as("the scrape has labelled series").hasSizeGreaterThan(50);
        assertThat(scrape).as("alerts are counted by township").contains("township=\"");

        Set<String> ids = entityIds(scenario);
        assertThat(ids).hasSizeGreaterThan(100);
        List<String> leaks = new ArrayList<>();
        for (String value : labelValues) {
            for (String id : ids) {
                if (value.contains(id)) {
                    leaks.add(value + " carries " + id);
                }
            }
            for (Pattern pattern : ENTITY_PATTERNS) {
                if (pattern.matcher(value).find()) {
                    leaks.add(value + " looks like " + pattern);
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    /** Shapes of entity ids: national ID numbers, bank accounts, plates, record ids with a time. */
    private static final List<Pattern> ENTITY_PATTERNS =
            List.of(
                    Pattern.compile("(?<![0-9A-Za-z])\\d{17}[\\dXx](?![0-9A-Za-z])"),
                    Pattern.compile("(?<![0-9A-Za-z])\\d{16,19}(?![0-9A-Za-z])"),
                    Pattern.compile("[\\u4e00-\\u9fa5][A-Z][A-Z0-9]{5,6}"),
                    Pattern.compile("@\\d{13}"));

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static Set<String> labelValues(String scrape) {
        Set<String> values = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int open = line.indexOf('{');
            int close = line.lastIndexOf('}');
            if (open < 0 || close < open) {
                continue;
            }
            Matcher m = LABEL.matcher(line.substring(open + 1, close));
            while (m.find()) {
                values.add(m.group(2));
            }
        }
        return values;
    }

    /**
     * Every id the scenario gave a person, an account, a vehicle or a record: the string fields
     * named {@code *_id}, {@code *_no} and {@code recorded_by}, and the records' keys.
     */
    private static Set<String> entityIds(Scenario scenario) {
        Set<String> ids = new HashSet<>();
        for (Scenario.Publication p : scenario.publications()) {
            SpecificRecordBase record = p.record();
            ids.add(p.key());
            for (Schema.Field field : record.getSchema().getFields()) {
                String name = field.name();
                if (name.endsWith("_id") || name.endsWith("_no") || name.equals("recorded_by")) {
                    Object value = record.get(field.pos());
                    if (value != null) {
                        ids.add(value.toString());
                    }
                }
            }
        }
        // Short values (a unit code, a kind) say nothing about a person.
        ids.removeIf(id -> id.length() < 6);
        return ids;
    }
}
