package org.clearwatch.jobs.bench;

import java.io.PrintStream;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;
import org.clearwatch.jobs.sim.PayoutSimulation;
import org.clearwatch.patterns.accountholder.AccountHolderMismatch;
import org.clearwatch.patterns.deceasedbeneficiary.DeceasedBeneficiary;
import org.clearwatch.patterns.model.ModelInputs.FeedName;
import org.clearwatch.patterns.officialbeneficiary.OfficialBeneficiary;
import org.clearwatch.patterns.repeatedpayout.RepeatedPayout;

/**
 * {@code clearwatch bench --workload payout}: the four payout models over {@link
 * PayoutSimulation}'s payouts, death registry and officials roster, run as {@code clearwatch
 * replay} runs them ({@link ReplayBench}), once per backend; with checkpointing, the state per
 * beneficiary.
 */
final class PayoutBench {

    /** Township codes stay three digits and the simulation's records fit a 3 GB heap. */
    static final int MAX_BENEFICIARIES = 1_000_000;

    /** People paid per village, villages per township, as a rural county has them. */
    static final int PER_VILLAGE = 50;

    static final int VILLAGES_PER_TOWNSHIP = 20;

    static final int MAX_TOWNSHIPS = 100;

    static final YearMonth FIRST_MONTH = YearMonth.of(2025, 1);

    /** Re-sent payouts (the same payout id twice), as the demo has them. */
    static final double RESEND_RATE = 0.01;

    static final Set<String> PAYOUT_MODELS =
            Set.of(
                    RepeatedPayout.ID,
                    DeceasedBeneficiary.ID,
                    OfficialBeneficiary.ID,
                    AccountHolderMismatch.ID);

    private PayoutBench() {}

    /** Townships, villages per township and people per village, for at least that many people. */
    static int[] shape(int beneficiaries) {
        int perVillage = Math.min(PER_VILLAGE, beneficiaries);
        int villages = ceilDiv(beneficiaries, perVillage);
        int townships = Math.min(MAX_TOWNSHIPS, ceilDiv(villages, VILLAGES_PER_TOWNSHIP));
        return new int[] {townships, ceilDiv(villages, townships), perVillage};
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static int run(BenchOptions options, PrintStream out, PrintStream err) throws Exception {
        int[] shape = shape(options.beneficiaries());
        int beneficiaries = shape[0] * shape[1] * shape[2];
        long seed = options.workload().seed();
        out.println("Clearwatch bench: payout models " + PAYOUT_MODELS.stream().sorted().toList());
        out.println("machine: " + BenchCommand.machine());
        err.println("workload: generating payouts");
        PayoutSimulation sim =
                PayoutSimulation.generate(
                        new PayoutSimulation.Options(
                                seed,
                                shape[0],
                                shape[1],
                                shape[2],
                                FIRST_MONTH,
                                options.months(),
                                RESEND_RATE),
                        PayoutSimulation.ModelSettings.defaults());
        Map<FeedName, List<? extends SpecificRecordBase>> records = new EnumMap<>(FeedName.class);
        records.put(FeedName.PAYOUTS, sim.payouts());
        records.put(FeedName.DEATHS, sim.deaths());
        records.put(FeedName.OFFICIALS, sim.officials());
        long payouts = sim.payouts().size();
        Set<String> truth = ReplayBench.groundTruth(sim.expected());
        out.printf(
                Locale.ROOT,
                "workload: %,d beneficiaries (%d townships of %d villages of %d), %d months from"
                        + " %s, seed %d; %,d payouts, %,d death records, %,d roster records, %,d"
                        + " alerts in the simulation's ground truth%n",
                beneficiaries,
                shape[0],
                shape[1],
                shape[2],
                options.months(),
                FIRST_MONTH,
                seed,
                payouts,
                sim.deaths().size(),
                sim.officials().size(),
                truth.size());
        out.println(ReplayBench.flinkLine(options));
        out.println();
        return ReplayBench.measure(
                options,
                new ReplayBench.Workload(
                        PAYOUT_MODELS,
                        records,
                        payouts,
                        "payouts",
                        "payout file",
                        beneficiaries,
                        "beneficiary",
                        "beneficiaries",
                        truth),
                out,
                err);
    }
}
