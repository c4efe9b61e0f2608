package org.clearwatch.jobs.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.patterns.Models;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.Parameter;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.model.SupervisionModel;

/**
 * {@code clearwatch models [--config FILE]}: the models, their versions and parameters; with a
 * configuration, validates it and shows the values it sets.
 */
public final class ModelsCommand {

    public static final String USAGE =
            "models [--config FILE]                        list models and parameters; check a config";

    private ModelsCommand() {}

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        Args args = Args.parse("models", argv, Set.of("config"), Set.of());
        Map<String, ParameterValues> configured = null;
        if (args.has("config")) {
            ClearwatchConfig config =
                    ClearwatchConfig.load(
                            Args.existingFile(args.string("config", null), "Configuration file"),
                            System.getenv());
            configured = config.models();
            out.println("Configuration " + args.string("config", null) + " is valid.");
            out.println();
        }
        for (SupervisionModel model : Models.ALL) {
            ModelSpec spec = model.spec();
            String state =
                    configured == null
                            ? ""
                            : configured.containsKey(spec.id()) ? "  [enabled]" : "  [disabled]";
            out.printf("%s %s  %s%s%n", spec.id(), spec.version(), spec.title(), state);
            out.println("  " + spec.summary());
            ParameterValues values =
                    configured != null && configured.containsKey(spec.id())
                            ? configured.get(spec.id())
                            : spec.defaults();
            for (Parameter<?> p : spec.parameters()) {
                Object value = values.asMap().get(p.name());
                String shown =
                        value.equals(p.defaultValue())
                                ? value + ""
                                : value + " (default " + p.defaultValue() + ")";
                out.printf(
                        "  models.%s.%-30s = %-12s %s; %s%n",
                        spec.id(), p.name(), shown, p.accepted(), p.description());
            }
            out.println();
        }
        return 0;
    }
}
