package org.clearwatch.patterns.officialbeneficiary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.Official;

/**
 * The recent restricted payouts of one person, kept for a roster record that may come after them.
 *
 * <p>A payout is kept while it is within the retention (look-back plus the late-record allowance)
 * of the beneficiary's latest payout, and within the per-beneficiary bound. Measuring from the
 * beneficiary's own payouts rather than from the watermark makes what is kept depend only on the
 * payouts, not on when the roster record happens to arrive. Each kept payout remembers whether it
 * was raised, so neither a re-sent payout nor a re-sent roster record raises twice.
 *
 * <p>Plain Java: the Flink operator around it only stores.
 */
public final class PayoutMemory {

    private static final Comparator<KeptPayout> ORDER =
            Comparator.comparing(KeptPayout::getPaidAt).thenComparing(KeptPayout::getPayoutId);

    private final OfficialBeneficiary.Settings settings;
    private BeneficiaryPayouts payouts;
    private int forgotten;

    /**
     * @param stored what the state holds, or null
     */
    public PayoutMemory(BeneficiaryPayouts stored, OfficialBeneficiary.Settings settings) {
        this.settings = settings;
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
     * The kept payouts a roster record raises that were not raised before, in the order they were
     * paid; they are marked raised.
     */
    public List<KeptPayout> raise(Official official) {
        List<KeptPayout> raised = new ArrayList<>();
        if (payouts == null) {
            return raised;
        }
        for (KeptPayout kept : payouts.getPayouts()) {
            if (!kept.getRaised()
                    && RosterCheck.raises(kept, official, settings.lookBackMonths())) {
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
                        .minusMonths(settings.retentionMonths())
                        .toInstant();
        List<KeptPayout> kept = payouts.getPayouts();
        int before = kept.size();
        kept.removeIf(p -> p.getPaidAt().isBefore(cutoff));
        if (kept.size() > settings.maxPayouts()) {
            kept.sort(ORDER);
            kept.subList(0, kept.size() - settings.maxPayouts()).clear();
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

    public int forgotten() {
        return forgotten;
    }
}
