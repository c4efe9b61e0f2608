package org.clearwatch.patterns.latedeposit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clearwatch.patterns.deadline.DayBook;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;

/**
 * The arithmetic of one account's cash: which deposit banks which receipt.
 *
 * <p>A deposit that names receipts in {@code covers} pays those, oldest first; a deposit without
 * {@code covers} pays the oldest open receipts first. A deposit smaller than what it pays leaves
 * the rest outstanding; what a deposit cannot place is counted as unallocated. Entries must be
 * given in event-time order ({@link #ORDER}); an entry id seen within the duplicate window is
 * applied once.
 *
 * <p>Each change to a receipt that the deadline pattern already holds becomes a {@link
 * ReceiptEvent}. Plain Java: the Flink operator around it only buffers, orders and stores.
 */
public final class ReceiptBook implements DayBook<LedgerBook, ReceiptEvent> {

    /** Event-time order; at the same instant receipts before deposits, then by entry id. */
    public static final Comparator<LedgerEntry> ORDER = DayBook.order(LedgerEntryType.CASH_RECEIPT);

    private final String accountId;
    private final LedgerBook book;
    private final DepositDeadline deadline;
    private final LateDeposit.Settings settings;

    private final List<ReceiptEvent> events = new ArrayList<>();
    private final List<OpenReceipt> opened = new ArrayList<>();
    private long unallocatedFen;
    private int duplicates;
    private int abandoned;

    public ReceiptBook(
            String accountId,
            LedgerBook book,
            LateDeposit.Settings settings,
            DepositDeadline deadline) {
        this.accountId = accountId;
        this.book = mutable(book);
        this.settings = settings;
        this.deadline = deadline;
    }

    public static LedgerBook emptyBook() {
        return LedgerBook.newBuilder()
                .setOpen(new ArrayList<>())
                .setRecentEntries(new HashMap<>())
                .build();
    }

    /**
     * A book read back from state holds Avro's own collections, whose iterators cannot remove; the
     * rules below edit plain Java ones.
     */
    private static LedgerBook mutable(LedgerBook book) {
        List<OpenReceipt> open = new ArrayList<>(book.getOpen().size());
        for (OpenReceipt receipt : book.getOpen()) {
            receipt.setAllocations(new ArrayList<>(receipt.getAllocations()));
            open.add(receipt);
        }
        book.setOpen(open);
        book.setRecentEntries(new HashMap<>(book.getRecentEntries()));
        return book;
    }

    /** Whether late-deposit reads this kind of entry at all. */
    public static boolean isCash(LedgerEntry entry) {
        return entry.getType() == LedgerEntryType.CASH_RECEIPT
                || entry.getType() == LedgerEntryType.BANK_DEPOSIT;
    }

    public static String receiptKey(String accountId, String receiptEntryId) {
        return accountId + "#" + receiptEntryId;
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
        Instant at = entry.getOccurredAt();
        recent.put(entry.getEntryId(), at.toEpochMilli());
        if (entry.getType() == LedgerEntryType.CASH_RECEIPT) {
            open(entry);
        } else if (entry.getType() == LedgerEntryType.BANK_DEPOSIT) {
            deposit(entry);
        }
        return true;
    }

    private void open(LedgerEntry entry) {
        Instant due = deadline.dueAt(entry.getOccurredAt());
        OpenReceipt receipt =
                OpenReceipt.newBuilder()
                        .setEntryId(entry.getEntryId())
                        .setReceiptNo(entry.getReceiptNo())
                        .setVillageCode(entry.getVillageCode())
                        .setTownshipCode(entry.getTownshipCode())
                        .setAmountFen(entry.getAmountFen())
                        .setOutstandingFen(entry.getAmountFen())
                        .setReceivedAt(entry.getOccurredAt())
                        .setDueAt(due)
                        .setWindowOpensAt(deadline.windowOpensAt(due))
                        .setHandedOver(false)
                        .setEventsSent(0)
                        .setAllocations(new ArrayList<>())
                        .build();
        if (receipt.getAmountFen() == 0) {
            return;
        }
        List<OpenReceipt> open = book.getOpen();
        open.add(receipt);
        opened.add(receipt);
        while (open.size() > settings.maxOpenReceipts()) {
            open.remove(0);
            abandoned++;
        }
    }

    private void deposit(LedgerEntry entry) {
        long remaining = entry.getAmountFen();
        List<String> covers = entry.getCovers();
        Set<String> named = covers == null || covers.isEmpty() ? null : new HashSet<>(covers);
        Iterator<OpenReceipt> it = book.getOpen().iterator();
        while (remaining > 0 && it.hasNext()) {
            OpenReceipt receipt = it.next();
            if (named != null && !named.contains(receipt.getReceiptNo())) {
                continue;
            }
            long paid = Math.min(remaining, receipt.getOutstandingFen());
            remaining -= paid;
            receipt.setOutstandingFen(receipt.getOutstandingFen() - paid);
            receipt.getAllocations()
                    .add(
                            Allocation.newBuilder()
                                    .setDepositEntryId(entry.getEntryId())
                                    .setAmountFen(paid)
                                    .setDepositedAt(entry.getOccurredAt())
                                    .build());
            boolean settled = receipt.getOutstandingFen() == 0;
            if (receipt.getHandedOver()) {
                emit(
                        receipt,
                        settled ? ReceiptEventKind.SETTLED : ReceiptEventKind.COVERED,
                        entry.getOccurredAt());
            }
            if (settled) {
                it.remove();
            }
        }
        unallocatedFen += remaining;
    }

    /** Hands every receipt whose deadline window has opened by {@code now} to the pattern. */
    @Override
    public void handOver(Instant now) {
        for (OpenReceipt receipt : book.getOpen()) {
            if (!receipt.getHandedOver() && !receipt.getWindowOpensAt().isAfter(now)) {
                receipt.setHandedOver(true);
                emit(receipt, ReceiptEventKind.OPENED, receipt.getWindowOpensAt());
            }
        }
    }

    /**
     * Forgets what no rule can need any more at {@code now}: entry ids older than the duplicate
     * window, and receipts still unbanked after the tracking horizon.
     */
    @Override
    public void forget(Instant now) {
        long dupCutoff = now.minus(settings.duplicateWindow()).toEpochMilli();
        book.getRecentEntries().values().removeIf(at -> at < dupCutoff);
        Instant horizon = now.minus(settings.trackingHorizon());
        int before = book.getOpen().size();
        book.getOpen().removeIf(r -> r.getHandedOver() && r.getReceivedAt().isBefore(horizon));
        abandoned += before - book.getOpen().size();
    }

    /** When {@link #forget} next has something to do, or null if the book is empty. */
    @Override
    public Instant nextExpiry() {
        Long next = null;
        for (long at : book.getRecentEntries().values()) {
            long expiry = at + settings.duplicateWindow().toMillis();
            next = next == null ? expiry : Math.min(next, expiry);
        }
        for (OpenReceipt receipt : book.getOpen()) {
            Instant expiry = receipt.getReceivedAt().plus(settings.trackingHorizon());
            next = next == null ? expiry.toEpochMilli() : Math.min(next, expiry.toEpochMilli());
        }
        return next == null ? null : Instant.ofEpochMilli(next + 1);
    }

    private void emit(OpenReceipt receipt, ReceiptEventKind kind, Instant at) {
        int seq = receipt.getEventsSent();
        receipt.setEventsSent(seq + 1);
        events.add(
                ReceiptEvent.newBuilder()
                        .setKind(kind)
                        .setReceiptKey(receiptKey(accountId, receipt.getEntryId()))
                        .setAccountId(accountId)
                        .setReceipt(OpenReceipt.newBuilder(receipt).build())
                        .setAt(at)
                        .setSeq(seq)
                        .build());
    }

    /** Whether an event comes after its receipt's deadline (the deadline pattern is done then). */
    public static boolean afterDeadline(ReceiptEvent event) {
        return !event.getAt().isBefore(event.getReceipt().getDueAt());
    }

    @Override
    public boolean isEmpty() {
        return book.getOpen().isEmpty() && book.getRecentEntries().isEmpty();
    }

    @Override
    public LedgerBook book() {
        return book;
    }

    /** Events produced since this object was made, in the order they happened. */
    @Override
    public List<ReceiptEvent> events() {
        return events;
    }

    /** Receipts opened since this object was made. */
    public List<OpenReceipt> opened() {
        return opened;
    }

    public long unallocatedFen() {
        return unallocatedFen;
    }

    public int duplicates() {
        return duplicates;
    }

    /** Receipts dropped unbanked: past the tracking horizon, or beyond the per-account bound. */
    public int abandoned() {
        return abandoned;
    }

    @Override
    public List<Instant> openedWindows() {
        List<Instant> windows = new ArrayList<>(opened.size());
        for (OpenReceipt receipt : opened) {
            windows.add(receipt.getWindowOpensAt());
        }
        return windows;
    }

    @Override
    public boolean waitsForWindowAt(long epochMilli) {
        for (OpenReceipt receipt : book.getOpen()) {
            if (!receipt.getHandedOver()
                    && receipt.getWindowOpensAt().toEpochMilli() == epochMilli) {
                return true;
            }
        }
        return false;
    }
}
