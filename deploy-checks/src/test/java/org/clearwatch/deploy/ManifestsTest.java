package org.clearwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every manifest reads with the API class of the operator that will act on it. */
class ManifestsTest {

    @Test
    void everyKubernetesManifestBindsToItsApiClassWithoutUnknownFields() {
        Manifests.Result result = Manifests.kubernetes();

        assertThat(result.problems()).isEmpty();
        assertThat(result.manifests())
                .extracting(Manifest::kind)
                .contains(
                        "FlinkDeployment",
                        "Kafka",
                        "KafkaNodePool",
                        "KafkaTopic",
                        "KafkaUser",
                        "Deployment",
                        "PodMonitor",
                        "ServiceMonitor",
                        "NetworkPolicy");
    }

    @Test
    void aMisspelledFieldOfTheFlinkDeploymentIsRejectedThoughTheOperatorWouldIgnoreIt() {
        Manifests.Result result =
                Manifests.read(Repo.FIXTURES.resolve("flinkdeployment-typo.yaml"));

        assertThat(result.problems())
                .anySatisfy(p -> assertThat(p).contains("Unrecognized field \"upgradMode\""));
    }

    @Test
    void aMisspelledFieldOfAStrimziResourceIsRejectedThoughStrimziWouldKeepItAside() {
        Manifests.Result result = Manifests.read(Repo.FIXTURES.resolve("kafkatopic-typo.yaml"));

        assertThat(result.problems())
                .anySatisfy(p -> assertThat(p).contains("KafkaTopic has no field spec.partition"));
    }

    @Test
    void anAclOperationStrimziDoesNotKnowIsRejected() {
        Manifests.Result result =
                Manifests.read(Repo.FIXTURES.resolve("kafkauser-bad-operation.yaml"));

        assertThat(result.problems())
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "KafkaUser has an unknown value at spec.authorization.acls[0].operations[1]"));
    }

    @Test
    void anUnknownKindOrAnOldApiVersionIsRejected() {
        Manifests.Result result = Manifests.read(Repo.FIXTURES.resolve("unknown-kinds.yaml"));

        assertThat(result.problems())
                .anySatisfy(
                        p -> assertThat(p).contains("kind 'Ingress' is not one Clearwatch deploys"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "KafkaTopic must be apiVersion kafka.strimzi.io/v1"));
    }

    @Test
    void theKustomizationListsEveryManifestAndNothingMissing() throws IOException {
        assertThat(Kustomization.problems(Repo.KUBERNETES)).isEmpty();
    }

    @Test
    void aManifestLeftOutOfTheKustomizationIsNoticed() throws IOException {
        assertThat(Kustomization.problems(Repo.FIXTURES.resolve("kustomize")))
                .containsExactlyInAnyOrder(
                        "kustomization.yaml does not list forgotten.yaml",
                        "kustomization.yaml lists missing.yaml, which does not exist");
    }
}
