package org.clearwatch.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * Reads manifests with the API classes of the operators that will act on them: the Flink Kubernetes
 * Operator's, Strimzi's, and fabric8's for Kubernetes and the Prometheus Operator.
 *
 * <p>A document must name a known kind at its API version, bind to its class, and use no field the
 * class does not know: a field that the class drops (the operator's classes ignore unknown fields)
 * or keeps aside (Strimzi's and fabric8's keep them as additional properties) is a problem, since
 * the operator would silently do without it.
 */
final class Manifests {

    /** For reading YAML as a tree. */
    static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());

    /**
     * For binding to API classes: fails on an unknown field even where the class says to ignore
     * unknown fields (the operator's classes do; the operator would then silently do without it).
     */
    private static final ObjectMapper STRICT =
            new YAMLMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .setAnnotationIntrospector(
                            new JacksonAnnotationIntrospector() {
                                @Override
                                public JsonIgnoreProperties.Value findPropertyIgnoralByName(
                                        MapperConfig<?> config, Annotated annotated) {
                                    return super.findPropertyIgnoralByName(config, annotated)
                                            .withoutIgnoreUnknown();
                                }
                            });

    /** The kinds Clearwatch deploys, at the API version each is written in. */
    static final Map<String, Kind> KINDS =
            Map.ofEntries(
                    kind("flink.apache.org/v1beta1", "FlinkDeployment", FlinkDeployment.class),
                    kind("kafka.strimzi.io/v1", "Kafka", Kafka.class),
                    kind("kafka.strimzi.io/v1", "KafkaNodePool", KafkaNodePool.class),
                    kind("kafka.strimzi.io/v1", "KafkaTopic", KafkaTopic.class),
                    kind("kafka.strimzi.io/v1", "KafkaUser", KafkaUser.class),
                    kind("monitoring.coreos.com/v1", "PodMonitor", PodMonitor.class),
                    kind("monitoring.coreos.com/v1", "ServiceMonitor", ServiceMonitor.class),
                    kind("monitoring.coreos.com/v1", "PrometheusRule", PrometheusRule.class),
                    kind("v1", "Namespace", Namespace.class),
                    kind("v1", "ConfigMap", ConfigMap.class),
                    kind("v1", "Secret", Secret.class),
                    kind("v1", "Service", Service.class),
                    kind("v1", "ServiceAccount", ServiceAccount.class),
                    kind("apps/v1", "Deployment", Deployment.class),
                    kind("networking.k8s.io/v1", "NetworkPolicy", NetworkPolicy.class),
                    kind("rbac.authorization.k8s.io/v1", "Role", Role.class),
                    kind("rbac.authorization.k8s.io/v1", "RoleBinding", RoleBinding.class));

    record Kind(String apiVersion, Class<?> type) {}

    /** What reading a set of files gave: the documents that bound, and every problem. */
    record Result(List<Manifest> manifests, List<String> problems) {

        List<Manifest> ofKind(String kind) {
            return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
        }

        <T> List<T> all(Class<T> type) {
            return manifests.stream()
                    .filter(m -> type.isInstance(m.typed()))
                    .map(m -> type.cast(m.typed()))
                    .toList();
        }
    }

    private Manifests() {}

    private static Map.Entry<String, Kind> kind(String apiVersion, String kind, Class<?> type) {
        return Map.entry(kind, new Kind(apiVersion, type));
    }

    /** Every .yaml manifest under a folder (generated/ included if present; examples not). */
    static List<Path> yamlFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .filter(f -> !f.getFileName().toString().endsWith(".example.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result kubernetes;

    /** deploy/kubernetes, read once per test run: binding the fabric8 classes takes seconds. */
    static synchronized Result kubernetes() {
        if (kubernetes == null) {
            kubernetes = read(yamlFiles(Repo.KUBERNETES));
        }
        return kubernetes;
    }

    static Result read(List<Path> files) {
        List<Manifest> manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            readFile(file, manifests, problems);
        }
        return new Result(manifests, problems);
    }

    static Result read(Path... files) {
        return read(List.of(files));
    }

    private static void readFile(Path file, List<Manifest> manifests, List<String> problems) {
        String where = Repo.ROOT.relativize(file.toAbsolutePath().normalize()).toString();
        List<JsonNode> documents;
        try {
            documents = YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll();
        } catch (IOException e) {
            problems.add(where + ": not YAML: " + e.getMessage());
            return;
        }
        int index = 0;
        for (JsonNode document : documents) {
            if (document == null || document.isNull() || document.isMissingNode()) {
                continue; // a document of comments only
            }
            String at = where + " document " + index;
            Object typed = bind(document, at, problems);
            if (typed != null) {
                manifests.add(new Manifest(file, index, document, typed));
            }
            index++;
        }
    }

    private static Object bind(JsonNode document, String at, List<String> problems) {
        String kind = document.path("kind").asText();
        Kind known = KINDS.get(kind);
        if (known == null) {
            problems.add(
                    at + ": kind '" + kind + "' is not one Clearwatch deploys " + KINDS.keySet());
            return null;
        }
        String apiVersion = document.path("apiVersion").asText();
        if (!apiVersion.equals(known.apiVersion())) {
            problems.add(
                    at
                            + ": "
                            + kind
                            + " must be apiVersion "
                            + known.apiVersion()
                            + ", got '"
                            + apiVersion
                            + "'");
            return null;
        }
        JsonNode source = document.deepCopy();
        if (kind.equals("FlinkDeployment")) {
            // The operator API on Maven Central (1.10) predates the v2_x values of FlinkVersion;
            // FlinkChecks compares the version with the build instead.
            ((ObjectNode) source.path("spec")).remove("flinkVersion");
        }
        Object typed;
        try {
            typed = STRICT.treeToValue(source, known.type());
        } catch (JsonProcessingException e) {
            problems.add(at + ": not a valid " + kind + ": " + firstLine(e.getOriginalMessage()));
            return null;
        }
        List<String> unknown = new ArrayList<>();
        kept(typed, "", unknown, new IdentityHashMap<>());
        for (String field : unknown) {
            problems.add(at + ": " + kind + " " + field);
        }
        return typed;
    }

    /** Fields that binding kept aside as additional properties, anywhere in the object graph. */
    private static void kept(
            Object value, String path, List<String> out, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                if (item == null) {
                    // Strimzi reads a value outside an enum (an ACL operation) as null.
                    out.add("has an unknown value at " + (path + "[" + i + "]").substring(1));
                }
                kept(item, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> kept(v, path + "." + k, out, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!(pkg.startsWith("io.fabric8")
                || pkg.startsWith("io.strimzi")
                || pkg.startsWith("org.apache.flink.kubernetes"))) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    for (Object key : extra.keySet()) {
                        out.add("has no field " + (path + "." + key).substring(1));
                    }
                }
                continue;
            }
            String property =
                    Character.toLowerCase(getter.getName().charAt(3))
                            + getter.getName().substring(4);
            if (IGNORED_GETTERS.contains(property)) {
                continue;
            }
            kept(child, path + "." + property, out, seen);
        }
    }

    /** Getters that compute rather than hold (fabric8's custom resources). */
    private static final Set<String> IGNORED_GETTERS =
            Set.of(
                    "plural",
                    "singular",
                    "crdName",
                    "scope",
                    "group",
                    "version",
                    "served",
                    "storage");

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
