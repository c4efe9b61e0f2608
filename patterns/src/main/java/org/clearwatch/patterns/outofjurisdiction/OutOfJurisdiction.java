package org.clearwatch.patterns.outofjurisdiction;

import java.util.ArrayList;
import java.util.List;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.Parameter;
import org.clearwatch.patterns.vehicletrack.DwellParameters;

/**
 * The out-of-jurisdiction model: an official vehicle staying outside its home JURISDICTION zone
 * longer than a threshold without a dispatch.
 */
public final class OutOfJurisdiction {

    public static final String ID = "out-of-jurisdiction";
    public static final String VERSION = "1.0";

    public static final DwellParameters PARAMETERS =
            DwellParameters.of(120, "EMERGENCY", 480, "outside the home jurisdiction");

    public static final Parameter<Integer> MARGIN_METRES =
            Parameter.integer(
                    "boundary-margin-metres",
                    500,
                    0,
                    50_000,
                    "A vehicle is outside once this far beyond its jurisdiction's boundary, and"
                            + " back once inside it: a road along the boundary does not count.");

    public static final ModelSpec SPEC =
            new ModelSpec(
                    ID,
                    VERSION,
                    "公车驶出管辖区域",
                    "An official vehicle staying outside its home jurisdiction longer than a"
                            + " threshold without a dispatch.",
                    parameters());

    private OutOfJurisdiction() {}

    private static List<Parameter<?>> parameters() {
        List<Parameter<?>> all = new ArrayList<>(PARAMETERS.list());
        all.add(1, MARGIN_METRES);
        return all;
    }
}
