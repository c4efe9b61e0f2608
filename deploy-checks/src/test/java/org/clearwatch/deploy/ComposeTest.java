package org.clearwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The laptop's docker-compose.yml: it cannot run here (no Docker engine), so it is read. */
class ComposeTest {

    @Test
    void everyServiceIsThereWithPinnedImagesAndEveryMountedFileExistsOrIsBuilt() {
        Compose compose = Compose.read(Repo.COMPOSE);

        assertThat(compose.services()).containsAll(Compose.SERVICES);
        assertThat(compose.problems())
                // dashboards/ is written for issue 5 at the same time; once it is merged, checked
                // too.
                .filteredOn(
                        p -> Files.isDirectory(Repo.DASHBOARDS) || !p.contains("mounts dashboards"))
                .isEmpty();
    }

    @Test
    void theFlinkServicesRunTheJobJarOfTheBuildWithItsMainClass() {
        Compose compose = Compose.read(Repo.COMPOSE);
        String command = compose.service("jobmanager").path("command").toString();

        assertThat(command)
                .contains(
                        "\"standalone-job\"",
                        "\"" + Repo.jobMainClass() + "\"",
                        "\"run\"",
                        "\"--config\"");
        assertThat(compose.service("jobmanager").path("image").asText())
                .isEqualTo("flink:" + Repo.rootProperty("flink.version") + "-java17");
        assertThat(compose.flinkProperties().get("taskmanager"))
                .containsEntry("metrics.reporter.prom.port", "9249")
                .containsEntry("state.backend.type", "rocksdb");
    }

    @Test
    void aBrokenComposeFileIsRejectedForEachOfItsFaults() {
        Compose compose = Compose.read(Repo.FIXTURES.resolve("compose/docker-compose.yml"));

        assertThat(compose.problems())
                .anySatisfy(p -> assertThat(p).endsWith("no service grafana"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains("kafka: image apache/kafka:latest is not pinned"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "jobmanager: mounts flink-jobs/target/clearwatch-jobs.jar but the build makes clearwatch-jobs-0.1.0-SNAPSHOT-job.jar"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "jobmanager: mounts deploy-checks/src/test/resources/broken/compose/missing.properties, which does not exist"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "taskmanager: depends on unknown service jobmanger"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "taskmanager: named volume flink-dat is not declared"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "postgres: POSTGRES_PASSWORD is written in clear"));
    }
}
