package org.clearwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Flink key Clearwatch writes is one Flink declares, and the deployment keeps state safely.
 */
class FlinkConfigurationTest {

    private static FlinkOptions options;

    @BeforeAll
    static void findFlinksOptions() {
        options = FlinkOptions.load();
    }

    private static Manifest deployment(Path file) {
        Manifests.Result result = Manifests.read(file);
        assertThat(result.problems()).isEmpty();
        return result.ofKind("FlinkDeployment").get(0);
    }

    private static Map<String, String> configurationOf(Manifest manifest) {
        return manifest.as(FlinkDeployment.class).getSpec().getFlinkConfiguration();
    }

    @Test
    void reflectionFindsFlinksOptionsFromEveryJar() {
        assertThat(options.size()).isGreaterThan(500);
        assertThat(options.problem(FlinkOptions.aCoreKey(), Map.of())).isNull();
        assertThat(options.problem("high-availability.type", Map.of())).isNull();
        assertThat(options.problem("kubernetes.rest-service.exposed.type", Map.of())).isNull();
        assertThat(options.problem("state.backend.rocksdb.localdir", Map.of())).isNull();
    }

    @Test
    void everyKeyOfTheFlinkDeploymentIsAFlinkOption() {
        Manifest manifest = deployment(Repo.KUBERNETES.resolve("flink/flinkdeployment.yaml"));

        assertThat(FlinkChecks.unknownKeys(manifest.where(), configurationOf(manifest), options))
                .isEmpty();
    }

    @Test
    void everyKeyOfTheComposeFileAndOfFlinkConfigFilesUnderDeployIsAFlinkOption() {
        List<String> problems = new ArrayList<>();
        Compose compose = Compose.read(Repo.COMPOSE);
        compose.flinkProperties()
                .forEach(
                        (service, conf) ->
                                problems.addAll(
                                        FlinkChecks.unknownKeys(
                                                "docker-compose.yml " + service, conf, options)));
        for (Path file : FlinkConfigFiles.find(Repo.ROOT.resolve("deploy"))) {
            problems.addAll(
                    FlinkChecks.unknownKeys(
                            Repo.ROOT.relativize(file).toString(),
                            FlinkConfigFiles.read(file),
                            options));
        }

        assertThat(compose.flinkProperties()).containsKeys("jobmanager", "taskmanager");
        assertThat(problems).isEmpty();
    }

    @Test
    void misspelledRemovedAndReporterKeysFlinkDoesNotKnowAreReported() {
        Manifest manifest = deployment(Repo.FIXTURES.resolve("flinkdeployment-bad-config.yaml"));

        assertThat(FlinkChecks.unknownKeys("fixture", configurationOf(manifest), options))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "taskmanager.numberOfTaskSlot is not a Flink configuration option"))
                .anySatisfy(p -> assertThat(p).contains("state.backend.incremental"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "metrics.reporter.prom.prot is not an option of org.apache.flink.metrics.prometheus.PrometheusReporterFactory"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "s3.endpoitn is not a Flink configuration option"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "kubernetes.operator.savepoint.formt.type is not a Flink configuration option"))
                .hasSize(5);
    }

    @Test
    void aFlinkConfigFileIsFlattenedAsFlinkReadsIt() {
        Map<String, String> keys =
                FlinkConfigFiles.read(Repo.FIXTURES.resolve("flink-config/config.yaml"));

        assertThat(keys)
                .containsEntry("execution.checkpointing.dir", "file:///tmp/cp")
                .containsEntry("rest.bind-address", "127.0.0.1");
        assertThat(FlinkChecks.unknownKeys("config.yaml", keys, options))
                .containsExactly(
                        "config.yaml: rest.bind-adress is not a Flink configuration option");
    }

    @Test
    void theDeploymentKeepsStateInRocksDbAndObjectStorageAndUpgradesThroughSavepoints() {
        Manifest manifest = deployment(Repo.KUBERNETES.resolve("flink/flinkdeployment.yaml"));

        assertThat(FlinkChecks.problems(manifest)).isEmpty();
    }

    @Test
    void aDeploymentThatWouldLoseStateOrRunTheWrongJarIsRejected() {
        Manifest manifest = deployment(Repo.FIXTURES.resolve("flinkdeployment-bad-config.yaml"));

        assertThat(FlinkChecks.problems(manifest))
                .anySatisfy(
                        p -> assertThat(p).contains("spec.flinkVersion must be v2_2, got v1_20"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "state.backend.type must be rocksdb, got hashmap"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "execution.checkpointing.dir must be in object storage"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "spec.job.upgradeMode must be savepoint, got stateless"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "spec.job.jarURI must be local:///opt/flink/usrlib/clearwatch-jobs-0.1.0-SNAPSHOT-job.jar"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "spec.job.entryClass must be org.clearwatch.jobs.cli.Clearwatch"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "--config /etc/other/clearwatch.properties is not a file of a mounted ConfigMap"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "ENABLE_BUILT_IN_PLUGINS names flink-s3-fs-hadoop-1.20.0.jar"))
                .anySatisfy(p -> assertThat(p).contains("does not declare port 9249"));
    }

    @Test
    void theOperatorSizesTheClusterForTheParallelismTheJobSetsItself() {
        Manifest manifest = deployment(Repo.KUBERNETES.resolve("flink/flinkdeployment.yaml"));
        int jobParallelism = KafkaTest.deployedJobConfig().get(ClearwatchConfig.PARALLELISM);

        assertThat(FlinkChecks.parallelismProblems(manifest, jobParallelism)).isEmpty();
        assertThat(FlinkChecks.parallelismProblems(manifest, jobParallelism + 2))
                .singleElement()
                .asString()
                .contains("differs from the job's job.parallelism " + (jobParallelism + 2));
    }

    @Test
    void theJobImageIsBuiltFromTheFlinkOfTheBuildWithTheJobJarWhereTheDeploymentLooksForIt() {
        String dockerfile = Repo.read(Repo.ROOT.resolve("deploy/docker/flink-job.Dockerfile"));
        String flink = Repo.rootProperty("flink.version");

        assertThat(dockerfile)
                .containsPattern("(?m)^FROM flink:" + flink.replace(".", "\\.") + "-java17$");
        assertThat(dockerfile)
                .containsPattern(
                        "(?m)^COPY .*flink-jobs/target/"
                                + Repo.jobJarName()
                                + " /opt/flink/usrlib/"
                                + Repo.jobJarName()
                                + "$");
    }
}
