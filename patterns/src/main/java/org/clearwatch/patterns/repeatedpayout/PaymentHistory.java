package org.clearwatch.patterns.repeatedpayout;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.BankPayout;

/**
 * The payments of one beneficiary, by programme and period, and the two rules over them.
 *
 * <p>A second payment for a programme and period raises the case; every later one updates it. A
 * programme with a yearly limit of N raises when a payment opens its (N+1)-th period of a calendar
 * year, and updates for every further period; a second payment for a period already paid is the
 * same-period rule's business, not a new period. Payouts are applied as they arrive, in any order:
 * a period's payments are kept in event-time order ({@link #ORDER}) and a year's periods in
 * calendar order, and a case's id is taken from the earliest of them, so a case has the same id
 * whichever order its payouts arrived in. A payout id seen before is applied once.
 *
 * <p>Plain Java: the Flink operator around it only buffers, orders and stores.
 */
public final class PaymentHistory {

    /** Event-time order; payouts at the same instant by id. */
    public static final Comparator<BankPayout> ORDER =
            Comparator.comparing(BankPayout::getPaidAt).thenComparing(BankPayout::getPayoutId);

    private static final Comparator<Payment> PAYMENT_ORDER =
            Comparator.comparing(Payment::getPaidAt).thenComparing(Payment::getPayoutId);

    private final PaymentBook book;
    private final RepeatedPayout.Settings settings;
    private int duplicates;
    private int ignored;
    private int forgotten;

    public PaymentHistory(PaymentBook stored, RepeatedPayout.Settings settings) {
        this.book = mutable(stored);
        this.settings = settings;
    }

    public static PaymentBook emptyBook() {
        return PaymentBook.newBuilder().setPeriods(new ArrayList<>()).build();
    }

    /** A book read back from state holds Avro's own lists; the rules edit plain Java ones. */
    private static PaymentBook mutable(PaymentBook stored) {
        List<PaidPeriod> periods = new ArrayList<>(stored.getPeriods().size());
        for (PaidPeriod period : stored.getPeriods()) {
            period.setPayments(new ArrayList<>(period.getPayments()));
            periods.add(period);
        }
        stored.setPeriods(periods);
        return stored;
    }

    /**
     * Applies one payout.
     *
     * @return the case it raised or updated, if any
     */
    public Optional<Repeat> apply(BankPayout payout) {
        if (payout.getAmountFen() <= 0 || !isPeriod(payout.getPeriod())) {
            ignored++;
            return Optional.empty();
        }
        if (knows(payout.getPayoutId())) {
            duplicates++;
            return Optional.empty();
        }
        Instant paidAt = payout.getPaidAt();
        if (book.getLatestPaidAt() == null || paidAt.isAfter(book.getLatestPaidAt())) {
            book.setLatestPaidAt(paidAt);
            // What the horizon has passed is forgotten before the payout is judged against it.
            forget();
        }
        Payment payment =
                Payment.newBuilder()
                        .setPayoutId(payout.getPayoutId())
                        .setAmountFen(payout.getAmountFen())
                        .setPaidAt(paidAt)
                        .build();
        PaidPeriod paid = find(payout.getProgramCode(), payout.getPeriod());
        if (paid != null) {
            List<Payment> payments = paid.getPayments();
            int at = 0;
            while (at < payments.size() && PAYMENT_ORDER.compare(payments.get(at), payment) < 0) {
                at++;
            }
            payments.add(at, payment);
            if (paidAt.isAfter(paid.getLastPaidAt())) {
                paid.setLastPaidAt(paidAt);
            }
            return Optional.of(samePeriod(payout, paid));
        }
        paid =
                PaidPeriod.newBuilder()
                        .setProgramCode(payout.getProgramCode())
                        .setPeriod(payout.getPeriod())
                        .setPayments(new ArrayList<>(List.of(payment)))
                        .setLastPaidAt(paidAt)
                        .build();
        book.getPeriods().add(paid);
        return yearlyLimit(payout);
    }

    private Repeat samePeriod(BankPayout payout, PaidPeriod paid) {
        List<Payment> payments = paid.getPayments();
        BankPayout trigger = payout;
        if (payments.size() == 2 && payments.get(0).getPayoutId().equals(payout.getPayoutId())) {
            // The earlier payment arrived second: the case is still raised by the later one.
            Payment second = payments.get(1);
            trigger =
                    BankPayout.newBuilder(payout)
                            .setPayoutId(second.getPayoutId())
                            .setPaidAt(second.getPaidAt())
                            .setAmountFen(second.getAmountFen())
                            .build();
        }
        long overpaid = 0;
        for (Payment p : payments.subList(1, payments.size())) {
            overpaid += p.getAmountFen();
        }
        return new Repeat(
                Repeat.Rule.SAME_PERIOD,
                payments.size() == 2 ? AlertKind.RAISED : AlertKind.UPDATED,
                RepeatedPayoutAlerts.samePeriodAlertId(payments.get(0).getPayoutId()),
                trigger,
                payments,
                List.of(paid.getPeriod()),
                1,
                overpaid);
    }

    private Optional<Repeat> yearlyLimit(BankPayout payout) {
        Integer limit = settings.yearlyLimits().get(payout.getProgramCode());
        if (limit == null) {
            return Optional.empty();
        }
        String year = payout.getPeriod().substring(0, 4);
        List<PaidPeriod> inYear = new ArrayList<>();
        for (PaidPeriod paid : book.getPeriods()) {
            if (paid.getProgramCode().equals(payout.getProgramCode())
                    && paid.getPeriod().startsWith(year)) {
                inYear.add(paid);
            }
        }
        if (inYear.size() <= limit) {
            return Optional.empty();
        }
        inYear.sort(Comparator.comparing(PaidPeriod::getPeriod));
        List<Payment> firsts = new ArrayList<>();
        List<String> periods = new ArrayList<>();
        long overpaid = 0;
        for (int i = 0; i < inYear.size(); i++) {
            Payment first = inYear.get(i).getPayments().get(0);
            firsts.add(first);
            periods.add(inYear.get(i).getPeriod());
            if (i >= limit) {
                overpaid += first.getAmountFen();
            }
        }
        return Optional.of(
                new Repeat(
                        Repeat.Rule.YEARLY_LIMIT,
                        inYear.size() == limit + 1 ? AlertKind.RAISED : AlertKind.UPDATED,
                        RepeatedPayoutAlerts.yearlyLimitAlertId(
                                payout.getProgramCode(),
                                Integer.parseInt(year),
                                firsts.get(0).getPayoutId()),
                        payout,
                        firsts,
                        periods,
                        limit,
                        overpaid));
    }

    /**
     * Forgets the periods last paid more than the horizon before the beneficiary's latest payout,
     * then the oldest periods beyond the per-beneficiary bound.
     */
    public void forget() {
        Instant latest = book.getLatestPaidAt();
        if (latest == null) {
            return;
        }
        Instant cutoff =
                latest.atZone(WorkingCalendar.ZONE)
                        .minusMonths(settings.horizonMonths())
                        .toInstant();
        List<PaidPeriod> periods = book.getPeriods();
        int before = periods.size();
        periods.removeIf(p -> p.getLastPaidAt().isBefore(cutoff));
        while (periods.size() > settings.maxPeriods()) {
            periods.remove(0);
        }
        forgotten += before - periods.size();
    }

    /**
     * When the whole book can go: the horizon after the latest payout, in event time; null for an
     * empty book.
     */
    public Instant expiresAt() {
        return expiresAt(book, settings);
    }

    static Instant expiresAt(PaymentBook book, RepeatedPayout.Settings settings) {
        Instant latest = book.getLatestPaidAt();
        if (latest == null || book.getPeriods().isEmpty()) {
            return null;
        }
        return latest.atZone(WorkingCalendar.ZONE).plusMonths(settings.horizonMonths()).toInstant();
    }

    private boolean knows(String payoutId) {
        for (PaidPeriod paid : book.getPeriods()) {
            for (Payment payment : paid.getPayments()) {
                if (payment.getPayoutId().equals(payoutId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private PaidPeriod find(String programCode, String period) {
        for (PaidPeriod paid : book.getPeriods()) {
            if (paid.getProgramCode().equals(programCode) && paid.getPeriod().equals(period)) {
                return paid;
            }
        }
        return null;
    }

    private static boolean isPeriod(String period) {
        try {
            YearMonth.parse(period);
            return true;
        } catch (DateTimeParseException | NullPointerException e) {
            return false;
        }
    }

    public boolean isEmpty() {
        return book.getPeriods().isEmpty();
    }

    public PaymentBook book() {
        return book;
    }

    /** Payouts applied before under the same id. */
    public int duplicates() {
        return duplicates;
    }

    /** Payouts of no amount or with an unreadable period; the feed's checks should stop them. */
    public int ignored() {
        return ignored;
    }

    /** Periods dropped past the horizon or beyond the bound. */
    public int forgotten() {
        return forgotten;
    }
}
