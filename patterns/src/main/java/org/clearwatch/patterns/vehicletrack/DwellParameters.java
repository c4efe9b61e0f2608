package org.clearwatch.patterns.vehicletrack;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.clearwatch.patterns.model.Parameter;
import org.clearwatch.patterns.model.ParameterValues;

/**
 * The parameters every dwell model has, with its own defaults.
 *
 * @param dwellMinutes how long a stay may last before it raises
 * @param exemptKinds vehicle kinds never raised
 * @param dispatchSlackMinutes a dispatch covers a stay starting this close to its approved period
 * @param followUpHours how long after a raised stay ended a dispatch recorded late resolves it
 * @param highSeverityMinutes a stay this long is HIGH
 */
public record DwellParameters(
        Parameter<Integer> dwellMinutes,
        Parameter<String> exemptKinds,
        Parameter<Integer> dispatchSlackMinutes,
        Parameter<Integer> followUpHours,
        Parameter<Integer> highSeverityMinutes) {

    public static DwellParameters of(
            int dwellDefault, String exemptDefault, int highSeverityDefault, String where) {
        return new DwellParameters(
                Parameter.integer(
                        "dwell-minutes",
                        dwellDefault,
                        5,
                        2_880,
                        "A stay " + where + " this long without a dispatch raises."),
                Parameter.codeList(
                        "exempt-kinds",
                        exemptDefault,
                        "GENERAL|LAW_ENFORCEMENT|EMERGENCY",
                        "Vehicle kinds whose stays " + where + " are never raised."),
                Parameter.integer(
                        "dispatch-slack-minutes",
                        30,
                        0,
                        720,
                        "A dispatch covers a stay starting up to this long before or after its"
                                + " approved period."),
                Parameter.integer(
                        "follow-up-hours",
                        72,
                        1,
                        720,
                        "How long after a raised stay ended a dispatch recorded late still"
                                + " resolves it."),
                Parameter.integer(
                        "severity-high-minutes",
                        highSeverityDefault,
                        5,
                        10_080,
                        "A stay this long is HIGH (else MEDIUM)."));
    }

    public List<Parameter<?>> list() {
        return List.of(
                dwellMinutes,
                exemptKinds,
                dispatchSlackMinutes,
                followUpHours,
                highSeverityMinutes);
    }

    public StaySettings settings(String modelId, ParameterValues values) {
        if (!values.spec().id().equals(modelId)) {
            throw new IllegalArgumentException("not " + modelId + " parameters: " + values);
        }
        return new StaySettings(
                modelId,
                Duration.ofMinutes(values.get(dwellMinutes)),
                Set.copyOf(Parameter.codes(values.get(exemptKinds))),
                Duration.ofMinutes(values.get(dispatchSlackMinutes)),
                Duration.ofHours(values.get(followUpHours)),
                Duration.ofMinutes(values.get(highSeverityMinutes)));
    }
}
