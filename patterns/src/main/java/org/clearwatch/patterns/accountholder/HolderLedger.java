package org.clearwatch.patterns.accountholder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.payouts.ReferenceTiming;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.Official;

/**
 * The payouts one account holder received for other people, and the three rules over them.
 *
 * <ul>
 *   <li><b>Mismatch</b>: the first payout of a beneficiary into the holder's accounts raises a LOW
 *       case for that pair (if the model raises every mismatch).
 *   <li><b>Collector</b>: when the holder's accounts have received payouts of the threshold number
 *       of beneficiaries within the window back from a payout, a case opens; each further new
 *       beneficiary updates it; it closes when a payout finds fewer than the threshold.
 *   <li><b>Official holder</b>: a pair's earliest payout made while the holder was on the officials
 *       roster (and within the look-back of when that became known) raises once per pair — from the
 *       payout if the roster record came first, from the roster record if it came later.
 * </ul>
 *
 * <p>Payouts must be applied in event-time order ({@link #ORDER}) for "first" to mean the same on
 * every run. Pairs and payouts are kept for the retention after the holder's latest payout, within
 * the per-holder bound; a pair is named by its first payout for as long as it is kept. Plain Java:
 * the Flink operator around it only buffers, orders and stores.
 */
public final class HolderLedger {

    /** Event-time order; payouts at the same instant by id. */
    public static final Comparator<BankPayout> ORDER =
            Comparator.comparing(BankPayout::getPaidAt).thenComparing(BankPayout::getPayoutId);

    private static final Comparator<HeldPayout> HELD_ORDER =
            Comparator.comparing(HeldPayout::getPaidAt).thenComparing(HeldPayout::getPayoutId);

    private final AccountHolderMismatch.Settings settings;
    private HolderBook book;
    private int duplicates;
    private int forgotten;

    /**
     * @param stored what the state holds, or null
     */
    public HolderLedger(HolderBook stored, AccountHolderMismatch.Settings settings) {
        this.settings = settings;
        this.book = stored == null ? null : mutable(stored);
    }

    /** Whether a payout went into an account its beneficiary does not hold: all the model reads. */
    public static boolean paidToSomeoneElse(BankPayout payout) {
        return !payout.getAccountHolderId().equals(payout.getBeneficiaryId());
    }

    /** Avro's own lists from state cannot remove; the rules edit plain Java ones. */
    private static HolderBook mutable(HolderBook stored) {
        List<Pair> pairs = new ArrayList<>(stored.getPairs().size());
        for (Pair pair : stored.getPairs()) {
            pair.setPayouts(new ArrayList<>(pair.getPayouts()));
            pairs.add(pair);
        }
        stored.setPairs(pairs);
        return stored;
    }

    /**
     * Applies one payout into the holder's accounts.
     *
     * @param official the holder's roster record, or null if they are not on the roster
     * @return the cases it raised or updated, in the order mismatch, collector, official holder
     */
    public List<Finding> apply(BankPayout payout, Official official) {
        List<Finding> findings = new ArrayList<>();
        if (book == null) {
            book =
                    HolderBook.newBuilder()
                            .setLatestPaidAt(payout.getPaidAt())
                            .setPairs(new ArrayList<>())
                            .build();
        } else if (knows(payout.getPayoutId())) {
            duplicates++;
            return findings;
        }
        Instant paidAt = payout.getPaidAt();
        if (paidAt.isAfter(book.getLatestPaidAt())) {
            book.setLatestPaidAt(paidAt);
        }
        HeldPayout held = held(payout);
        Pair pair = pairOf(payout.getBeneficiaryId());
        boolean newPair = pair == null;
        if (newPair) {
            pair =
                    Pair.newBuilder()
                            .setBeneficiaryId(payout.getBeneficiaryId())
                            .setBeneficiaryName(payout.getBeneficiaryName())
                            .setFirstPayoutId(payout.getPayoutId())
                            .setLastPaidAt(paidAt)
                            .setOfficialRaised(false)
                            .setPayouts(new ArrayList<>())
                            .build();
            book.getPairs().add(pair);
        }
        pair.getPayouts().add(held);
        if (paidAt.isAfter(pair.getLastPaidAt())) {
            pair.setLastPaidAt(paidAt);
        }

        if (newPair && settings.raiseEveryMismatch()) {
            findings.add(
                    new Finding(
                            Finding.Rule.MISMATCH,
                            AlertKind.RAISED,
                            AccountHolderAlerts.mismatchAlertId(pair.getFirstPayoutId()),
                            pair,
                            held,
                            List.of(),
                            null,
                            held.getAmountFen()));
        }
        collector(pair, held, newPair).ifPresent(findings::add);
        if (official != null
                && !pair.getOfficialRaised()
                && onRosterWhenPaid(held, official, settings.lookBackMonths())) {
            findings.add(officialHolder(pair, held, official));
        }
        return findings;
    }

    private Optional<Finding> collector(Pair pair, HeldPayout held, boolean newPair) {
        Instant windowStart =
                held.getPaidAt()
                        .atZone(WorkingCalendar.ZONE)
                        .minusMonths(settings.windowMonths())
                        .toInstant();
        List<Pair> members = new ArrayList<>();
        long collectedFen = 0;
        for (Pair candidate : book.getPairs()) {
            boolean counted = false;
            for (HeldPayout p : candidate.getPayouts()) {
                if (!p.getPaidAt().isBefore(windowStart)
                        && !p.getPaidAt().isAfter(held.getPaidAt())) {
                    collectedFen += p.getAmountFen();
                    counted = true;
                }
            }
            if (counted) {
                members.add(candidate);
            }
        }
        if (members.size() < settings.severalBeneficiaries()) {
            book.setCollectorCase(null);
            return Optional.empty();
        }
        AlertKind kind;
        if (book.getCollectorCase() == null) {
            book.setCollectorCase(held.getPayoutId());
            kind = AlertKind.RAISED;
        } else if (newPair) {
            kind = AlertKind.UPDATED;
        } else {
            return Optional.empty();
        }
        return Optional.of(
                new Finding(
                        Finding.Rule.COLLECTOR,
                        kind,
                        AccountHolderAlerts.collectorAlertId(book.getCollectorCase()),
                        pair,
                        held,
                        members,
                        null,
                        collectedFen));
    }

    /**
     * The holder's roster record has arrived (or changed): raises, for every pair not raised yet,
     * its earliest kept payout made while the holder was on the roster.
     */
    public List<Finding> officialArrived(Official official) {
        List<Finding> findings = new ArrayList<>();
        if (book == null) {
            return findings;
        }
        for (Pair pair : book.getPairs()) {
            if (pair.getOfficialRaised()) {
                continue;
            }
            pair.getPayouts().stream()
                    .filter(p -> onRosterWhenPaid(p, official, settings.lookBackMonths()))
                    .min(HELD_ORDER)
                    .ifPresent(p -> findings.add(officialHolder(pair, p, official)));
        }
        findings.sort(Comparator.comparing(Finding::payout, HELD_ORDER));
        return findings;
    }

    private static Finding officialHolder(Pair pair, HeldPayout held, Official official) {
        pair.setOfficialRaised(true);
        return new Finding(
                Finding.Rule.OFFICIAL_HOLDER,
                AlertKind.RAISED,
                AccountHolderAlerts.officialHolderAlertId(pair.getFirstPayoutId()),
                pair,
                held,
                List.of(),
                official,
                held.getAmountFen());
    }

    /**
     * On the roster on the day of the payment, and paid at most the look-back before the roster
     * record became known (a record without {@code recorded_at} holds from the start).
     */
    public static boolean onRosterWhenPaid(
            HeldPayout payout, Official official, int lookBackMonths) {
        return ReferenceTiming.onRosterWhenPaid(payout.getPaidAt(), official, lookBackMonths);
    }

    /** Forgets payouts beyond the retention of the latest one, then the oldest beyond the bound. */
    public void forget() {
        if (book == null) {
            return;
        }
        Instant cutoff =
                book.getLatestPaidAt()
                        .atZone(WorkingCalendar.ZONE)
                        .minusMonths(settings.retentionMonths())
                        .toInstant();
        int kept = 0;
        for (Pair pair : book.getPairs()) {
            int before = pair.getPayouts().size();
            pair.getPayouts().removeIf(p -> p.getPaidAt().isBefore(cutoff));
            forgotten += before - pair.getPayouts().size();
            kept += pair.getPayouts().size();
        }
        while (kept > settings.maxPayouts()) {
            Pair oldestIn = null;
            HeldPayout oldest = null;
            for (Pair pair : book.getPairs()) {
                for (HeldPayout p : pair.getPayouts()) {
                    if (oldest == null || HELD_ORDER.compare(p, oldest) < 0) {
                        oldest = p;
                        oldestIn = pair;
                    }
                }
            }
            oldestIn.getPayouts().remove(oldest);
            forgotten++;
            kept--;
        }
        book.getPairs().removeIf(pair -> pair.getPayouts().isEmpty());
    }

    private boolean knows(String payoutId) {
        for (Pair pair : book.getPairs()) {
            for (HeldPayout p : pair.getPayouts()) {
                if (p.getPayoutId().equals(payoutId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Pair pairOf(String beneficiaryId) {
        for (Pair pair : book.getPairs()) {
            if (pair.getBeneficiaryId().equals(beneficiaryId)) {
                return pair;
            }
        }
        return null;
    }

    private static HeldPayout held(BankPayout payout) {
        return HeldPayout.newBuilder()
                .setPayoutId(payout.getPayoutId())
                .setProgramCode(payout.getProgramCode())
                .setPeriod(payout.getPeriod())
                .setAmountFen(payout.getAmountFen())
                .setPaidAt(payout.getPaidAt())
                .setAccountNo(payout.getAccountNo())
                .setAgencyCode(payout.getAgencyCode())
                .setTownshipCode(payout.getTownshipCode())
                .setVillageCode(payout.getVillageCode())
                .build();
    }

    /** What to store; null when nothing is kept. */
    public HolderBook book() {
        return book == null || book.getPairs().isEmpty() ? null : book;
    }

    public int duplicates() {
        return duplicates;
    }

    public int forgotten() {
        return forgotten;
    }
}
