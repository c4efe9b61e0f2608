package org.clearwatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the repository is, and what its build says: versions, the job jar's name and main class.
 */
final class Repo {

    static final Path ROOT =
            Path.of(System.getProperty("clearwatch.root", "..")).toAbsolutePath().normalize();
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    static final Path COMPOSE = ROOT.resolve("deploy/compose/docker-compose.yml");
    static final Path DASHBOARDS = ROOT.resolve("dashboards");
    static final Path FIXTURES = Path.of("src/test/resources/broken").toAbsolutePath();

    private Repo() {}

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A property of the root pom, e.g. flink.version. */
    static String rootProperty(String name) {
        return tag(read(ROOT.resolve("pom.xml")), name);
    }

    /** The file name the shade plugin gives the job jar: artifactId-version-classifier.jar. */
    static String jobJarName() {
        String pom = read(ROOT.resolve("flink-jobs/pom.xml"));
        String withoutParent = pom.replaceFirst("(?s)<parent>.*?</parent>", "");
        String artifactId = tag(withoutParent, "artifactId");
        String version =
                tag(
                        read(ROOT.resolve("pom.xml")).replaceFirst("(?s)<parent>.*?</parent>", ""),
                        "version");
        return artifactId + "-" + version + "-" + tag(pom, "shadedClassifierName") + ".jar";
    }

    /** The main class the job jar's manifest names. */
    static String jobMainClass() {
        String pom = read(ROOT.resolve("flink-jobs/pom.xml"));
        String main = tag(pom, "mainClass");
        Matcher property = Pattern.compile("\\$\\{(.+)}").matcher(main);
        return property.matches() ? tag(pom, property.group(1)) : main;
    }

    /** The Flink version as the operator's FlinkVersion enum spells it: 2.2.1 is v2_2. */
    static String operatorFlinkVersion() {
        String[] parts = rootProperty("flink.version").split("\\.");
        return "v" + parts[0] + "_" + parts[1];
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("no <" + name + "> in the pom");
        }
        return m.group(1).trim();
    }
}
