package org.clearwatch.patterns.model;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The values of one model's parameters: its defaults, with whatever was set over them. */
public final class ParameterValues implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ModelSpec spec;
    private final Map<String, Object> values = new LinkedHashMap<>();

    ParameterValues(ModelSpec spec) {
        this.spec = spec;
        for (Parameter<?> p : spec.parameters()) {
            values.put(p.name(), p.defaultValue());
        }
    }

    public ModelSpec spec() {
        return spec;
    }

    /** Sets a parameter; the value must be in its range. */
    public <T extends Comparable<T>> ParameterValues with(Parameter<T> parameter, T value) {
        if (spec.parameter(parameter.name()).isEmpty()) {
            throw new IllegalArgumentException(spec.id() + " has no parameter " + parameter.name());
        }
        if (!parameter.accepts(value)) {
            throw new IllegalArgumentException(
                    parameter.name() + " must be " + parameter.accepted() + ", got " + value);
        }
        values.put(parameter.name(), value);
        return this;
    }

    @SuppressWarnings("unchecked")
    public <T extends Comparable<T>> T get(Parameter<T> parameter) {
        Object value = values.get(parameter.name());
        if (value == null) {
            throw new IllegalArgumentException(spec.id() + " has no parameter " + parameter.name());
        }
        return (T) value;
    }

    /** Every parameter with its current value, in declaration order. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public String toString() {
        return spec.id() + values;
    }
}
