package org.clearwatch.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;

/** What the FlinkDeployment must say for Clearwatch's state, upgrades, metrics and job jar. */
final class FlinkChecks {

    static final String MAIN_CONTAINER = "flink-main-container";
    static final int PROMETHEUS_PORT = 9249;

    private FlinkChecks() {}

    /** Configuration keys that Flink does not know, from any source of Flink configuration. */
    static List<String> unknownKeys(
            String where, Map<String, String> configuration, FlinkOptions options) {
        List<String> problems = new ArrayList<>();
        configuration.keySet().stream()
                .sorted()
                .forEach(
                        key -> {
                            String problem = options.problem(key, configuration);
                            if (problem != null) {
                                problems.add(where + ": " + problem);
                            }
                        });
        return problems;
    }

    /** The deployment as Clearwatch needs it, against the build's versions and jar. */
    static List<String> problems(Manifest manifest) {
        FlinkDeployment deployment = manifest.as(FlinkDeployment.class);
        FlinkDeploymentSpec spec = deployment.getSpec();
        String at = manifest.where() + ": ";
        List<String> problems = new ArrayList<>();
        Map<String, String> conf =
                spec.getFlinkConfiguration() == null ? Map.of() : spec.getFlinkConfiguration();

        String flinkVersion = manifest.tree().path("spec").path("flinkVersion").asText();
        expect(problems, at + "spec.flinkVersion", Repo.operatorFlinkVersion(), flinkVersion);
        expect(problems, at + "state.backend.type", "rocksdb", conf.get("state.backend.type"));
        expect(
                problems,
                at + "execution.checkpointing.incremental",
                "true",
                conf.get("execution.checkpointing.incremental"));
        expect(
                problems,
                at + "high-availability.type",
                "kubernetes",
                conf.get("high-availability.type"));
        for (String dir :
                List.of(
                        "execution.checkpointing.dir",
                        "execution.checkpointing.savepoint-dir",
                        "high-availability.storageDir")) {
            String value = conf.getOrDefault(dir, "");
            if (!value.startsWith("s3://")) {
                problems.add(
                        at + dir + " must be in object storage (s3://...), got '" + value + "'");
            }
        }
        expect(
                problems,
                at + "metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                conf.get("metrics.reporter.prom.factory.class"));
        expect(
                problems,
                at + "metrics.reporter.prom.port",
                Integer.toString(PROMETHEUS_PORT),
                conf.get("metrics.reporter.prom.port"));

        JobSpec job = spec.getJob();
        if (job == null) {
            problems.add(at + "spec.job is missing: Clearwatch runs in application mode");
            return problems;
        }
        if (job.getUpgradeMode() != UpgradeMode.SAVEPOINT) {
            problems.add(
                    at
                            + "spec.job.upgradeMode must be savepoint, got "
                            + manifest.tree()
                                    .path("spec")
                                    .path("job")
                                    .path("upgradeMode")
                                    .asText());
        }
        String jar = "local:///opt/flink/usrlib/" + Repo.jobJarName();
        expect(problems, at + "spec.job.jarURI", jar, job.getJarURI());
        expect(problems, at + "spec.job.entryClass", Repo.jobMainClass(), job.getEntryClass());
        List<String> args = job.getArgs() == null ? List.of() : Arrays.asList(job.getArgs());
        if (args.size() != 3 || !args.get(0).equals("run") || !args.get(1).equals("--config")) {
            problems.add(at + "spec.job.args must be [run, --config, FILE], got " + args);
        }

        Optional<Container> main = mainContainer(spec);
        if (main.isEmpty()) {
            problems.add(at + "spec.podTemplate has no " + MAIN_CONTAINER);
            return problems;
        }
        if (args.size() == 3 && !isMounted(spec, main.get(), args.get(2))) {
            problems.add(
                    at
                            + "the job's --config "
                            + args.get(2)
                            + " is not a file of a mounted ConfigMap");
        }
        boolean metricsPort =
                main.get().getPorts().stream()
                        .map(ContainerPort::getContainerPort)
                        .anyMatch(p -> p == PROMETHEUS_PORT);
        if (!metricsPort) {
            problems.add(at + MAIN_CONTAINER + " does not declare port " + PROMETHEUS_PORT);
        }
        String plugins = env(main.get(), "ENABLE_BUILT_IN_PLUGINS");
        if (plugins == null || plugins.isBlank()) {
            problems.add(
                    at
                            + "ENABLE_BUILT_IN_PLUGINS is not set: s3:// needs flink-s3-fs-hadoop or -presto");
        } else {
            for (String plugin : plugins.split(";")) {
                String expected = "-" + Repo.rootProperty("flink.version") + ".jar";
                if (!plugin.matches("flink-s3-fs-(hadoop|presto)-.*")
                        || !plugin.endsWith(expected)) {
                    problems.add(
                            at
                                    + "ENABLE_BUILT_IN_PLUGINS names "
                                    + plugin
                                    + ", not an S3 plugin of Flink "
                                    + Repo.rootProperty("flink.version"));
                }
            }
        }
        return problems;
    }

    /**
     * The job sets its own parallelism (job.parallelism of its configuration), which wins over the
     * operator's; the operator sizes the TaskManagers from spec.job.parallelism. They must agree.
     */
    static List<String> parallelismProblems(Manifest manifest, int jobParallelism) {
        JobSpec job = manifest.as(FlinkDeployment.class).getSpec().getJob();
        if (job != null && job.getParallelism() != jobParallelism) {
            return List.of(
                    manifest.where()
                            + ": spec.job.parallelism "
                            + job.getParallelism()
                            + " differs from the job's job.parallelism "
                            + jobParallelism
                            + ": the operator would start TaskManagers for the wrong number of slots");
        }
        return List.of();
    }

    static Optional<Container> mainContainer(FlinkDeploymentSpec spec) {
        if (spec.getPodTemplate() == null || spec.getPodTemplate().getSpec() == null) {
            return Optional.empty();
        }
        return spec.getPodTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(MAIN_CONTAINER))
                .findFirst();
    }

    static String env(Container container, String name) {
        return container.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue)
                .findFirst()
                .orElse(null);
    }

    private static boolean isMounted(FlinkDeploymentSpec spec, Container container, String file) {
        for (VolumeMount mount : container.getVolumeMounts()) {
            if (!file.startsWith(mount.getMountPath() + "/")) {
                continue;
            }
            for (Volume volume : spec.getPodTemplate().getSpec().getVolumes()) {
                if (volume.getName().equals(mount.getName()) && volume.getConfigMap() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void expect(List<String> problems, String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            problems.add(what + " must be " + expected + ", got " + actual);
        }
    }
}
