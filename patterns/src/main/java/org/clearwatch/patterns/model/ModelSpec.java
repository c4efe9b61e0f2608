package org.clearwatch.patterns.model;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * What the outside world needs to know of a supervision model: its id, version, what it catches,
 * and its parameters.
 *
 * @param id stable id, used in alert ids, configuration keys and metrics
 * @param version bumped whenever the model's alerts could change for the same input
 * @param title short Chinese name, as inspectors know the rule
 * @param summary one English sentence on what it catches
 * @param parameters the tunable parameters, with defaults
 */
public record ModelSpec(
        String id, String version, String title, String summary, List<Parameter<?>> parameters)
        implements Serializable {

    public ModelSpec {
        parameters = List.copyOf(parameters);
    }

    public Optional<Parameter<?>> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The defaults of every parameter. */
    public ParameterValues defaults() {
        return new ParameterValues(this);
    }
}
