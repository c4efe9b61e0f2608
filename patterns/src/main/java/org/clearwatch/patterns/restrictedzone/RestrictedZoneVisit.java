package org.clearwatch.patterns.restrictedzone;

import java.util.List;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.vehicletrack.DwellParameters;

/**
 * The restricted-zone-visit model: an official vehicle staying inside a RESTRICTED zone
 * (entertainment venues, resorts, scenic spots) longer than a threshold without a dispatch.
 */
public final class RestrictedZoneVisit {

    public static final String ID = "restricted-zone-visit";
    public static final String VERSION = "1.0";

    public static final DwellParameters PARAMETERS =
            DwellParameters.of(30, "LAW_ENFORCEMENT,EMERGENCY", 120, "inside a restricted zone");

    public static final ModelSpec SPEC =
            new ModelSpec(
                    ID,
                    VERSION,
                    "公车违规进入禁入区域",
                    "An official vehicle staying inside a restricted zone (venues, resorts, scenic"
                            + " spots) longer than a threshold without a dispatch.",
                    List.copyOf(PARAMETERS.list()));

    private RestrictedZoneVisit() {}
}
