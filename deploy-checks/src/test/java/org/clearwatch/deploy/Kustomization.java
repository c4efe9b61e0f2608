package org.clearwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** A kustomization.yaml lists every manifest beside it, and only files that exist. */
final class Kustomization {

    /** Written by generate.sh, so not there on a fresh clone. */
    private static final String GENERATED = "generated/";

    private Kustomization() {}

    static List<String> problems(Path folder) throws IOException {
        JsonNode kustomization =
                Manifests.YAML.readTree(folder.resolve("kustomization.yaml").toFile());
        Set<String> listed = new LinkedHashSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(f -> f.toString().endsWith(".yaml"))
                    .map(f -> folder.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.equals("kustomization.yaml"))
                    .filter(f -> !f.startsWith(GENERATED))
                    .filter(f -> !f.endsWith(".example.yaml"))
                    .sorted()
                    .forEach(present::add);
        }
        List<String> problems = new ArrayList<>();
        for (String file : present) {
            if (!listed.contains(file)) {
                problems.add("kustomization.yaml does not list " + file);
            }
        }
        for (String file : listed) {
            if (!file.startsWith(GENERATED) && !Files.exists(folder.resolve(file))) {
                problems.add("kustomization.yaml lists " + file + ", which does not exist");
            }
        }
        return problems;
    }
}
