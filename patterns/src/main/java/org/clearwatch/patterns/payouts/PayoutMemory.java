package org.clearwatch.patterns.payouts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.feed.BankPayout;

/**
 * The recent payouts of one beneficiary, kept for a reference record (a death, a roster entry) that
 * may come after them. Shared by deceased-beneficiary and official-beneficiary, which differ only
 * in the rule a kept payout is raised by.
 *
 * <p>A payout is kept while it is within the retention of the beneficiary's latest payout, and
 * within the per-beneficiary bound. Measuring from the beneficiary's own payouts rather than from
 * the watermark makes what is kept depend only on the payouts, not on when the reference record
 * happens to arrive. Each kept payout remembers whether it was raised, so neither a re-sent payout
 * nor a re-sent reference record raises twice.
 *
 * <p>Plain Java: the Flink operator around it only stores.
 */
public final class PayoutMemory {

    /** Event-time order; payouts at the same instant by id. */
    public static final Comparator<KeptPayout> ORDER =
            Comparator.comparing(KeptPayout::getPaidAt).thenComparing(KeptPayout::getPayoutId);

    private final int retentionMonths;
    private final int maxPayouts;
    private BeneficiaryPayouts payouts;
    private int forgotten;

    /**
     * @param stored what the state holds, or null
     * @param retentionMonths how long a payout is kept after the beneficiary's latest payout
     * @param maxPayouts how many payouts are kept at most; the oldest go first
     */
    public PayoutMemory(BeneficiaryPayouts stored, int retentionMonths, int maxPayouts) {
        this.retentionMonths = retentionMonths;
        this.maxPayouts = maxPayouts;
        if (stored != null) {
            // Avro's own lists from state cannot remove; the rules edit plain Java ones.
            stored.setPayouts(new ArrayList<>(stored.getPayouts()));
        }
        this.payouts = stored;
    }

    /**
     * Keeps a payout.
     *
     * @return the kept payout, or null if its id is already kept
     */
    public KeptPayout remember(BankPayout payout) {
        if (payouts == null) {
            payouts =
                    BeneficiaryPayouts.newBuilder()
                            .setBeneficiaryName(payout.getBeneficiaryName())
                            .setLatestPaidAt(payout.getPaidAt())
                            .setPayouts(new ArrayList<>())
                            .build();
        }
        for (KeptPayout kept : payouts.getPayouts()) {
            if (kept.getPayoutId().equals(payout.getPayoutId())) {
                return null;
            }
        }
        KeptPayout kept =
                KeptPayout.newBuilder()
                        .setPayoutId(payout.getPayoutId())
                        .setProgramCode(payout.getProgramCode())
                        .setPeriod(payout.getPeriod())
                        .setAmountFen(payout.getAmountFen())
                        .setPaidAt(payout.getPaidAt())
                        .setAgencyCode(payout.getAgencyCode())
                        .setTownshipCode(payout.getTownshipCode())
                        .setVillageCode(payout.getVillageCode())
                        .setRaised(false)
                        .build();
        payouts.getPayouts().add(kept);
        if (payout.getPaidAt().isAfter(payouts.getLatestPaidAt())) {
            payouts.setLatestPaidAt(payout.getPaidAt());
            payouts.setBeneficiaryName(payout.getBeneficiaryName());
        }
        return kept;
    }

    /**
     * The kept payouts a newly arrived reference record raises that were not raised before, in the
     * order they were paid; they are marked raised.
     *
     * @param rule whether the record raises a payout
     */
    public List<KeptPayout> raise(Predicate<KeptPayout> rule) {
        List<KeptPayout> raised = new ArrayList<>();
        if (payouts == null) {
            return raised;
        }
        for (KeptPayout kept : payouts.getPayouts()) {
            if (!kept.getRaised() && rule.test(kept)) {
                kept.setRaised(true);
                raised.add(kept);
            }
        }
        raised.sort(ORDER);
        return raised;
    }

    /**
     * Forgets payouts beyond the retention of the latest payout, then the oldest beyond the bound.
     */
    public void forget() {
        if (payouts == null) {
            return;
        }
        Instant cutoff =
                payouts.getLatestPaidAt()
                        .atZone(WorkingCalendar.ZONE)
                        .minusMonths(retentionMonths)
                        .toInstant();
        List<KeptPayout> kept = payouts.getPayouts();
        int before = kept.size();
        kept.removeIf(p -> p.getPaidAt().isBefore(cutoff));
        if (kept.size() > maxPayouts) {
            kept.sort(ORDER);
            kept.subList(0, kept.size() - maxPayouts).clear();
        }
        forgotten += before - kept.size();
    }

    public String beneficiaryName() {
        return payouts == null ? "" : payouts.getBeneficiaryName();
    }

    /** What to store; null when nothing is kept. */
    public BeneficiaryPayouts payouts() {
        return payouts == null || payouts.getPayouts().isEmpty() ? null : payouts;
    }

    /** How many payouts {@link #forget()} let go. */
    public int forgotten() {
        return forgotten;
    }
}
