package org.clearwatch.deploy;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runnable jars the build makes, by module folder, read from the modules' poms. */
final class BuildOutputs {

    private BuildOutputs() {}

    /**
     * The jar a module's shade plugin makes. Modules that are not on this branch yet (the notifier
     * and alert-history are written at the same time) get the name fixed for them in names.md.
     */
    static String jarOf(String module) {
        if (module.equals("flink-jobs")) {
            return Repo.jobJarName();
        }
        var pom = Repo.ROOT.resolve(module).resolve("pom.xml");
        String artifact = "clearwatch-" + module;
        String classifier = "app";
        if (Files.exists(pom)) {
            String text = Repo.read(pom).replaceFirst("(?s)<parent>.*?</parent>", "");
            artifact = first(text, "artifactId", artifact);
            classifier = first(text, "shadedClassifierName", classifier);
        }
        return artifact + "-" + Repo.rootProperty("version") + "-" + classifier + ".jar";
    }

    private static String first(String xml, String tag, String otherwise) {
        Matcher m = Pattern.compile("<" + tag + ">([^<]+)</").matcher(xml);
        return m.find() ? m.group(1).trim() : otherwise;
    }
}
