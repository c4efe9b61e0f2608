package org.clearwatch.jobs.bench;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;
import org.clearwatch.jobs.sim.VehicleSimulation;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelInputs.FeedName;
import org.clearwatch.patterns.offhours.OffHoursVehicle;
import org.clearwatch.patterns.outofjurisdiction.OutOfJurisdiction;
import org.clearwatch.patterns.restrictedzone.RestrictedZoneVisit;

/**
 * {@code clearwatch bench --workload gps}: the three vehicle models over {@link
 * VehicleSimulation}'s pings, run as {@code clearwatch replay} runs them ({@link ReplayBench}),
 * once per backend; with checkpointing, the state per vehicle.
 */
final class GpsBench {

    static final int MAX_VEHICLES = 1_000_000;

    /** At most this many townships side by side (0.2° each), so that longitudes stay sensible. */
    static final int MAX_TOWNSHIPS = 100;

    static final Set<String> VEHICLE_MODELS =
            Set.of(
                    OffHoursVehicle.SPEC.id(),
                    RestrictedZoneVisit.SPEC.id(),
                    OutOfJurisdiction.SPEC.id());

    private GpsBench() {}

    /** Townships and cars per township for at least {@code vehicles} cars. */
    static int[] shape(int vehicles) {
        int townships = Math.min(MAX_TOWNSHIPS, vehicles);
        int perTownship = (vehicles + townships - 1) / townships;
        return new int[] {townships, perTownship};
    }

    static int run(BenchOptions options, PrintStream out, PrintStream err) throws Exception {
        int[] shape = shape(options.vehicles());
        Workload.Spec spec = options.workload();
        out.println(
                "Clearwatch bench: vehicle models " + VEHICLE_MODELS.stream().sorted().toList());
        out.println("machine: " + BenchCommand.machine());
        err.println("workload: generating pings");
        VehicleSimulation sim =
                VehicleSimulation.generate(
                        new VehicleSimulation.Options(
                                spec.seed(),
                                shape[0],
                                shape[1],
                                spec.firstDay(),
                                spec.days(),
                                0.12,
                                0.2,
                                0.05,
                                0.04),
                        WorkingCalendar.china());
        Map<FeedName, List<? extends SpecificRecordBase>> records = new EnumMap<>(FeedName.class);
        records.put(FeedName.GPS, sim.pings());
        records.put(FeedName.VEHICLES, sim.vehicles());
        records.put(FeedName.DISPATCHES, sim.dispatches());
        records.put(FeedName.ZONES, sim.zones());
        long pings = sim.pings().size();
        Set<String> truth = ReplayBench.groundTruth(sim.expected());
        out.printf(
                Locale.ROOT,
                "workload: %,d vehicles (%d townships of %d), %d days from %s, seed %d; %,d pings,"
                        + " %,d dispatches, %,d alerts in the simulation's ground truth%n",
                sim.vehicles().size(),
                shape[0],
                shape[1],
                spec.days(),
                spec.firstDay(),
                spec.seed(),
                pings,
                sim.dispatches().size(),
                truth.size());
        out.println(ReplayBench.flinkLine(options));
        out.println();
        return ReplayBench.measure(
                options,
                new ReplayBench.Workload(
                        VEHICLE_MODELS,
                        records,
                        pings,
                        "pings",
                        "gps file",
                        sim.vehicles().size(),
                        "vehicle",
                        "vehicles",
                        truth),
                out,
                err);
    }
}
