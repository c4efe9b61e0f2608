package org.clearwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prometheus finds every metrics endpoint; dashboards and rules reach Kubernetes unchanged. */
class MonitoringTest {

    private static Manifests.Result all() {
        Manifests.Result result = Manifests.kubernetes();
        assertThat(result.problems()).isEmpty();
        return result;
    }

    @Test
    void thePodMonitorScrapesTheFlinkPodsOnTheReportersNamedPort() {
        Manifests.Result all = all();
        PodMonitor monitor = all.all(PodMonitor.class).get(0);
        FlinkDeployment flink = all.all(FlinkDeployment.class).get(0);
        // Flink's native Kubernetes mode labels its pods so.
        Map<String, String> podLabels =
                Map.of("type", "flink-native-kubernetes", "app", flink.getMetadata().getName());
        Container main = FlinkChecks.mainContainer(flink.getSpec()).orElseThrow();
        String port = monitor.getSpec().getPodMetricsEndpoints().get(0).getPort();

        assertThat(Generated.selects(monitor.getSpec().getSelector().getMatchLabels(), podLabels))
                .isTrue();
        assertThat(main.getPorts())
                .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .contains(org.assertj.core.groups.Tuple.tuple(port, FlinkChecks.PROMETHEUS_PORT));
    }

    @Test
    void theServiceMonitorScrapesTheNotifierAndTheHistoryWriterOnTheirPorts() {
        Manifests.Result all = all();
        ServiceMonitor monitor = all.all(ServiceMonitor.class).get(0);
        String port = monitor.getSpec().getEndpoints().get(0).getPort();
        Map<String, Integer> expected =
                Map.of("clearwatch-notifier", 9262, "clearwatch-alert-history", 9263);

        expected.forEach(
                (name, number) -> {
                    Service service =
                            all.all(Service.class).stream()
                                    .filter(s -> s.getMetadata().getName().equals(name))
                                    .findFirst()
                                    .orElseThrow();
                    Deployment deployment =
                            all.all(Deployment.class).stream()
                                    .filter(d -> d.getMetadata().getName().equals(name))
                                    .findFirst()
                                    .orElseThrow();
                    assertThat(
                                    monitor.getSpec()
                                            .getSelector()
                                            .getMatchExpressions()
                                            .get(0)
                                            .getValues())
                            .contains(name);
                    assertThat(service.getSpec().getPorts())
                            .anySatisfy(
                                    p -> {
                                        assertThat(p.getName()).isEqualTo(port);
                                        assertThat(p.getPort()).isEqualTo(number);
                                    });
                    assertThat(
                                    Generated.selects(
                                            service.getSpec().getSelector(),
                                            deployment
                                                    .getSpec()
                                                    .getTemplate()
                                                    .getMetadata()
                                                    .getLabels()))
                            .isTrue();
                    assertThat(
                                    deployment
                                            .getSpec()
                                            .getTemplate()
                                            .getSpec()
                                            .getContainers()
                                            .get(0)
                                            .getPorts())
                            .anySatisfy(
                                    p -> {
                                        assertThat(p.getName()).isEqualTo(port);
                                        assertThat(p.getContainerPort()).isEqualTo(number);
                                    });
                });
    }

    @Test
    void generateMakesOneConfigMapPerDashboardAndOnePrometheusRulePerRuleFile(@TempDir Path out) {
        Generated.generate(Repo.DASHBOARDS, out);

        assertThat(Generated.problems(Repo.DASHBOARDS, out)).isEmpty();
    }

    @Test
    void generateCopiesDashboardsAndRulesUnchanged(@TempDir Path out) {
        Path dashboards = Repo.FIXTURES.resolve("../dashboards-good").normalize();
        Generated.generate(dashboards, out);

        assertThat(Generated.dashboards(dashboards)).hasSize(2);
        assertThat(Generated.problems(dashboards, out)).isEmpty();
        assertThat(Repo.read(out.resolve("grafana-dashboards.yaml")))
                .contains(
                        "name: grafana-dashboard-clearwatch-overview",
                        "name: grafana-dashboard-feed-health");
        assertThat(Repo.read(out.resolve("prometheus-rules.yaml")))
                .contains("name: clearwatch-alerting-rules");
    }

    @Test
    void aBrokenDashboardOrRuleFileIsReported(@TempDir Path out) {
        Path dashboards = Repo.FIXTURES.resolve("dashboards");
        Generated.generate(dashboards, out);

        assertThat(Generated.problems(dashboards, out))
                .anySatisfy(p -> assertThat(p).startsWith("broken.json is not JSON"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "no-uid.json is not a Grafana dashboard with a uid"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "PrometheusRule has no field spec.groups[0].rules[0].expresion"));
    }
}
