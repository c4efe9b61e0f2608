package org.clearwatch.jobs.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.clearwatch.jobs.bench.BenchJob.Backend;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.replay.Replay;
import org.clearwatch.jobs.sim.VehicleSimulation;
import org.clearwatch.patterns.Models;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelInputs.FeedName;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.patterns.offhours.OffHoursVehicle;
import org.clearwatch.patterns.outofjurisdiction.OutOfJurisdiction;
import org.clearwatch.patterns.restrictedzone.RestrictedZoneVisit;
import org.clearwatch.schema.alert.Alert;

/**
 * {@code clearwatch bench --workload gps}: the three vehicle models over {@link
 * VehicleSimulation}'s pings, run as {@code clearwatch replay} runs them ({@link Replay#run}:
 * records written to time-ordered files, the real pipeline on a local Flink, alerts collected),
 * once per backend. The wall time covers writing those files, starting the local cluster and the
 * job.
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
        Set<String> truth =
                sim.expected().stream()
                        .map(e -> e.alertId() + " " + e.kind())
                        .collect(Collectors.toSet());
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
        out.println(
                "flink: as replay runs it (JobEnvironment's options, local environment), parallelism "
                        + options.parallelism());
        out.println();

        Map<Backend, Double> rates = new EnumMap<>(Backend.class);
        Map<Backend, Set<String>> alerts = new EnumMap<>(Backend.class);
        int n = 0;
        int runs = options.repeat() * options.backends().size();
        Map<Backend, List<Double>> all = new EnumMap<>(Backend.class);
        for (int round = 0; round < options.repeat(); round++) {
            for (Backend backend : options.order(round)) {
                n++;
                err.printf(Locale.ROOT, "run %d/%d: %s ...%n", n, runs, backend.label());
                long started = System.nanoTime();
                List<Alert> result =
                        Replay.run(
                                records, WorkingCalendar.china(), config(options, backend), null);
                Duration wall = Duration.ofNanos(System.nanoTime() - started);
                double rate = pings / (wall.toNanos() / 1e9);
                all.computeIfAbsent(backend, b -> new java.util.ArrayList<>()).add(rate);
                alerts.put(
                        backend,
                        result.stream()
                                .map(a -> a.getAlertId() + " " + a.getKind())
                                .collect(Collectors.toCollection(HashSet::new)));
                out.printf(
                        Locale.ROOT,
                        "run %d/%d  %-7s %,d pings in %.1f s = %,.0f pings/s, %,d alerts%n",
                        n,
                        runs,
                        backend.label(),
                        pings,
                        wall.toNanos() / 1e9,
                        rate,
                        result.size());
            }
        }
        all.forEach((b, r) -> rates.put(b, Figures.median(r)));
        out.println();
        rates.forEach(
                (b, r) ->
                        out.printf(
                                Locale.ROOT,
                                "%-8s median %,.0f pings/s over %d run(s)%n",
                                b.label(),
                                r,
                                all.get(b).size()));
        boolean failed = false;
        Set<String> reference = alerts.values().iterator().next();
        for (Map.Entry<Backend, Set<String>> e : alerts.entrySet()) {
            Figures.Difference d = Figures.Difference.between(reference, e.getValue());
            if (!d.none()) {
                failed = true;
                out.println("FAILED: " + e.getKey().label() + " differs: " + d.describe());
            }
        }
        Figures.Difference t = Figures.Difference.between(truth, reference);
        out.println(
                t.none()
                        ? "alerts: "
                                + reference.size()
                                + ", equal to the simulation's ground truth."
                        : "alerts: WARNING, they differ from the simulation's ground truth: "
                                + t.describe());
        if (rates.containsKey(Backend.HEAP) && rates.containsKey(Backend.ROCKSDB)) {
            out.printf(
                    Locale.ROOT,
                    "RocksDB/heap throughput ratio: %.2f%n",
                    rates.get(Backend.ROCKSDB) / rates.get(Backend.HEAP));
        }
        return failed ? 1 : 0;
    }

    /** The vehicle models alone, on this backend, at the bench's parallelism. */
    static ClearwatchConfig config(BenchOptions options, Backend backend) {
        Map<String, String> settings = new HashMap<>();
        settings.put(
                ClearwatchConfig.STATE_BACKEND.key(),
                backend == Backend.HEAP ? "hashmap" : "rocksdb");
        settings.put(ClearwatchConfig.PARALLELISM.key(), Integer.toString(options.parallelism()));
        for (SupervisionModel model : Models.ALL) {
            if (!VEHICLE_MODELS.contains(model.spec().id())) {
                settings.put("models." + model.spec().id() + ".enabled", "false");
            }
        }
        return ClearwatchConfig.defaults(settings);
    }
}
