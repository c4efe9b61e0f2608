package org.clearwatch.patterns.rentarrears;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.clearwatch.patterns.alerting.Masking;
import org.clearwatch.patterns.calendar.DayDeadline;
import org.clearwatch.patterns.deadline.DayBook;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;

/**
 * The arithmetic of one lease contract's rent: which payment settles which due.
 *
 * <ul>
 *   <li>A RENT_RECEIVED pays the contract's open dues oldest first. One smaller than what is open
 *       leaves the rest of the due outstanding; a partly paid due is still in arrears at its
 *       deadline, for what is left.
 *   <li>What a payment leaves over when every due is paid is kept as credit (rent paid in advance,
 *       or a payment booked a little before its due) and pays the next dues as they fall due,
 *       oldest credit first. Credit is kept for the tracking horizon, then dropped and counted.
 *   <li>Entries must be given in event-time order ({@link #ORDER}): at the same instant dues before
 *       payments. An entry id seen within the duplicate window is applied once.
 * </ul>
 *
 * <p>Each change to a due that the deadline pattern already holds becomes a {@link DueEvent}. Plain
 * Java: the Flink operator around it only buffers, orders and stores.
 */
public final class RentBook implements DayBook<ContractBook, DueEvent> {

    /** Event-time order; at the same instant dues before payments, then by entry id. */
    public static final Comparator<LedgerEntry> ORDER = DayBook.order(LedgerEntryType.RENT_DUE);

    private final String contractKey;
    private final ContractBook book;
    private final DayDeadline deadline;
    private final RentArrears.Settings settings;

    private final List<DueEvent> events = new ArrayList<>();
    private final List<OpenDue> opened = new ArrayList<>();
    private int duplicates;
    private int abandoned;
    private long expiredCreditFen;

    public RentBook(
            String contractKey,
            ContractBook book,
            RentArrears.Settings settings,
            DayDeadline deadline) {
        this.contractKey = contractKey;
        this.book = mutable(book);
        this.settings = settings;
        this.deadline = deadline;
    }

    public static ContractBook emptyBook() {
        return ContractBook.newBuilder()
                .setOpen(new ArrayList<>())
                .setCredit(new ArrayList<>())
                .setRecentEntries(new HashMap<>())
                .build();
    }

    /** Avro's own collections read back from state cannot remove through their iterators. */
    private static ContractBook mutable(ContractBook book) {
        List<OpenDue> open = new ArrayList<>(book.getOpen().size());
        for (OpenDue due : book.getOpen()) {
            due.setPayments(new ArrayList<>(due.getPayments()));
            open.add(due);
        }
        book.setOpen(open);
        book.setCredit(new ArrayList<>(book.getCredit()));
        book.setRecentEntries(new HashMap<>(book.getRecentEntries()));
        return book;
    }

    /** Whether rent-arrears reads this entry: rent, with a contract number. */
    public static boolean isRent(LedgerEntry entry) {
        boolean rent =
                entry.getType() == LedgerEntryType.RENT_DUE
                        || entry.getType() == LedgerEntryType.RENT_RECEIVED;
        return rent && entry.getContractNo() != null && !entry.getContractNo().isBlank();
    }

    /**
     * The contract an entry belongs to. Contract numbers are issued by each village collective, so
     * the village code makes them unique.
     */
    public static String contractKey(LedgerEntry entry) {
        return entry.getVillageCode() + "#" + entry.getContractNo().trim();
    }

    public static String dueKey(String contractKey, String dueEntryId) {
        return contractKey + "#" + dueEntryId;
    }

    /**
     * Applies one entry.
     *
     * @return false if the entry id was already applied within the duplicate window
     */
    @Override
    public boolean apply(LedgerEntry entry) {
        Map<String, Long> recent = book.getRecentEntries();
        if (recent.containsKey(entry.getEntryId())) {
            duplicates++;
            return false;
        }
        recent.put(entry.getEntryId(), entry.getOccurredAt().toEpochMilli());
        if (entry.getType() == LedgerEntryType.RENT_DUE) {
            due(entry);
        } else if (entry.getType() == LedgerEntryType.RENT_RECEIVED) {
            receive(entry);
        }
        return true;
    }

    private void due(LedgerEntry entry) {
        if (entry.getAmountFen() <= 0) {
            return;
        }
        Instant deadlineAt = deadline.dueAt(entry.getOccurredAt());
        OpenDue due =
                OpenDue.newBuilder()
                        .setEntryId(entry.getEntryId())
                        .setAccountId(entry.getAccountId())
                        .setContractNo(entry.getContractNo().trim())
                        .setVillageCode(entry.getVillageCode())
                        .setTownshipCode(entry.getTownshipCode())
                        .setLesseeMasked(Masking.name(entry.getCounterparty()))
                        .setAmountFen(entry.getAmountFen())
                        .setOutstandingFen(entry.getAmountFen())
                        .setDueOn(entry.getOccurredAt())
                        .setDeadlineAt(deadlineAt)
                        .setWindowOpensAt(deadline.windowOpensAt(deadlineAt))
                        .setHandedOver(false)
                        .setEventsSent(0)
                        .setPayments(new ArrayList<>())
                        .build();
        payFromCredit(due);
        if (due.getOutstandingFen() == 0) {
            return;
        }
        List<OpenDue> open = book.getOpen();
        open.add(due);
        opened.add(due);
        while (open.size() > settings.maxOpenDues()) {
            open.remove(0);
            abandoned++;
        }
    }

    private void payFromCredit(OpenDue due) {
        Iterator<RentPayment> it = book.getCredit().iterator();
        while (due.getOutstandingFen() > 0 && it.hasNext()) {
            RentPayment credit = it.next();
            long paid = Math.min(credit.getAmountFen(), due.getOutstandingFen());
            due.setOutstandingFen(due.getOutstandingFen() - paid);
            due.getPayments().add(payment(credit.getEntryId(), paid, credit.getPaidAt()));
            credit.setAmountFen(credit.getAmountFen() - paid);
            if (credit.getAmountFen() == 0) {
                it.remove();
            }
        }
    }

    private void receive(LedgerEntry entry) {
        long remaining = entry.getAmountFen();
        Iterator<OpenDue> it = book.getOpen().iterator();
        while (remaining > 0 && it.hasNext()) {
            OpenDue due = it.next();
            long paid = Math.min(remaining, due.getOutstandingFen());
            remaining -= paid;
            due.setOutstandingFen(due.getOutstandingFen() - paid);
            due.getPayments().add(payment(entry.getEntryId(), paid, entry.getOccurredAt()));
            boolean settled = due.getOutstandingFen() == 0;
            if (due.getHandedOver()) {
                emit(
                        due,
                        settled ? DueEventKind.SETTLED : DueEventKind.PAID,
                        entry.getOccurredAt());
            }
            if (settled) {
                it.remove();
            }
        }
        if (remaining > 0) {
            List<RentPayment> credit = book.getCredit();
            credit.add(payment(entry.getEntryId(), remaining, entry.getOccurredAt()));
            while (credit.size() > settings.maxOpenDues()) {
                expiredCreditFen += credit.remove(0).getAmountFen();
            }
        }
    }

    private static RentPayment payment(String entryId, long amountFen, Instant at) {
        return RentPayment.newBuilder()
                .setEntryId(entryId)
                .setAmountFen(amountFen)
                .setPaidAt(at)
                .build();
    }

    /** Hands every due whose deadline window has opened by {@code now} to the pattern. */
    @Override
    public void handOver(Instant now) {
        for (OpenDue due : book.getOpen()) {
            if (!due.getHandedOver() && !due.getWindowOpensAt().isAfter(now)) {
                due.setHandedOver(true);
                emit(due, DueEventKind.OPENED, due.getWindowOpensAt());
            }
        }
    }

    /**
     * Forgets what no rule can need any more at {@code now}: entry ids older than the duplicate
     * window, dues still unpaid a tracking horizon after their deadline, and credit older than the
     * horizon.
     */
    @Override
    public void forget(Instant now) {
        long dupCutoff = now.minus(settings.duplicateWindow()).toEpochMilli();
        book.getRecentEntries().values().removeIf(at -> at < dupCutoff);
        Instant horizon = now.minus(settings.trackingHorizon());
        int before = book.getOpen().size();
        // Measured from the deadline, so a due is always handed over (and raised) before it goes.
        book.getOpen().removeIf(d -> d.getDeadlineAt().isBefore(horizon));
        abandoned += before - book.getOpen().size();
        Iterator<RentPayment> credit = book.getCredit().iterator();
        while (credit.hasNext()) {
            RentPayment payment = credit.next();
            if (payment.getPaidAt().isBefore(horizon)) {
                expiredCreditFen += payment.getAmountFen();
                credit.remove();
            }
        }
    }

    /** When {@link #forget} next has something to do, or null if the book is empty. */
    @Override
    public Instant nextExpiry() {
        long next = Long.MAX_VALUE;
        for (long at : book.getRecentEntries().values()) {
            next = Math.min(next, at + settings.duplicateWindow().toMillis());
        }
        long horizon = settings.trackingHorizon().toMillis();
        for (OpenDue due : book.getOpen()) {
            next = Math.min(next, due.getDeadlineAt().toEpochMilli() + horizon);
        }
        for (RentPayment payment : book.getCredit()) {
            next = Math.min(next, payment.getPaidAt().toEpochMilli() + horizon);
        }
        return next == Long.MAX_VALUE ? null : Instant.ofEpochMilli(next + 1);
    }

    private void emit(OpenDue due, DueEventKind kind, Instant at) {
        int seq = due.getEventsSent();
        due.setEventsSent(seq + 1);
        events.add(
                DueEvent.newBuilder()
                        .setKind(kind)
                        .setDueKey(dueKey(contractKey, due.getEntryId()))
                        .setDue(OpenDue.newBuilder(due).build())
                        .setAt(at)
                        .setSeq(seq)
                        .build());
    }

    /** Whether an event comes after its due's deadline (the deadline pattern is done then). */
    public static boolean afterDeadline(DueEvent event) {
        return !event.getAt().isBefore(event.getDue().getDeadlineAt());
    }

    @Override
    public boolean isEmpty() {
        return book.getOpen().isEmpty()
                && book.getCredit().isEmpty()
                && book.getRecentEntries().isEmpty();
    }

    @Override
    public ContractBook book() {
        return book;
    }

    /** Events produced since this object was made, in the order they happened. */
    @Override
    public List<DueEvent> events() {
        return events;
    }

    /** Dues opened since this object was made. */
    public List<OpenDue> opened() {
        return opened;
    }

    public int duplicates() {
        return duplicates;
    }

    /** Dues dropped unpaid: past the tracking horizon, or beyond the per-contract bound. */
    public int abandoned() {
        return abandoned;
    }

    /** Advance payments dropped unused: past the tracking horizon, or beyond the bound. */
    public long expiredCreditFen() {
        return expiredCreditFen;
    }

    @Override
    public List<Instant> openedWindows() {
        List<Instant> windows = new ArrayList<>(opened.size());
        for (OpenDue due : opened) {
            windows.add(due.getWindowOpensAt());
        }
        return windows;
    }

    @Override
    public boolean waitsForWindowAt(long epochMilli) {
        for (OpenDue due : book.getOpen()) {
            if (!due.getHandedOver() && due.getWindowOpensAt().toEpochMilli() == epochMilli) {
                return true;
            }
        }
        return false;
    }
}
