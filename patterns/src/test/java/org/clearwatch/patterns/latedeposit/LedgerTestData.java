package org.clearwatch.patterns.latedeposit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;

/**
 * Ledger entries with sensible defaults, and named instants in Asia/Shanghai.
 *
 * <p>The plain week of 2025-03-03 has no holidays; the end of September 2025 has a make-up working
 * Sunday (9-28) before the National Day holiday (10-1 to 10-8) and another on Saturday 10-11.
 */
public final class LedgerTestData {

    public static final String ACCOUNT = "ACC-130102001001-01";
    public static final String OTHER_ACCOUNT = "ACC-130102001002-01";
    public static final String VILLAGE = "130102001001";
    public static final String TOWNSHIP = "130102001";

    public static final Instant MONDAY_0930 = at("2025-03-03T09:30");
    public static final Instant MONDAY_1600 = at("2025-03-03T16:00");
    public static final Instant TUESDAY_1000 = at("2025-03-04T10:00");
    public static final Instant WEDNESDAY_1000 = at("2025-03-05T10:00");
    public static final Instant THURSDAY_2359 = at("2025-03-06T23:59");

    /** Three working days after Monday end with Thursday: the first late instant. */
    public static final Instant FRIDAY_MIDNIGHT = at("2025-03-07T00:00");

    public static final Instant FRIDAY_1000 = at("2025-03-07T10:00");
    public static final Instant NEXT_MONDAY_1000 = at("2025-03-10T10:00");
    public static final Instant NEXT_WEDNESDAY_MIDNIGHT = at("2025-03-12T00:00");
    public static final Instant A_MONTH_LATER = at("2025-04-03T00:00");

    /** Past every window late-deposit keeps open for a receipt of the plain week. */
    public static final Instant A_YEAR_LATER = at("2026-03-03T00:00");

    public static final long TWENTY_THOUSAND_YUAN = 2_000_000L;

    private LedgerTestData() {}

    public static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingCalendar.ZONE).toInstant();
    }

    public static LedgerEntry.Builder entry(String entryId, LedgerEntryType type, Instant at) {
        return LedgerEntry.newBuilder()
                .setEntryId(entryId)
                .setAccountId(ACCOUNT)
                .setVillageCode(VILLAGE)
                .setTownshipCode(TOWNSHIP)
                .setType(type)
                .setAmountFen(TWENTY_THOUSAND_YUAN)
                .setOccurredAt(at);
    }

    /** A cash receipt of 20,000 yuan; entry id and receipt number alike. */
    public static LedgerEntry receipt(String receiptNo, Instant at) {
        return receipt(receiptNo, TWENTY_THOUSAND_YUAN, at);
    }

    public static LedgerEntry receipt(String receiptNo, long amountFen, Instant at) {
        return entry("E-" + receiptNo, LedgerEntryType.CASH_RECEIPT, at)
                .setReceiptNo(receiptNo)
                .setAmountFen(amountFen)
                .build();
    }

    /** A deposit that names the receipts it banks. */
    public static LedgerEntry deposit(
            String entryId, long amountFen, Instant at, String... covers) {
        return entry(entryId, LedgerEntryType.BANK_DEPOSIT, at)
                .setAmountFen(amountFen)
                .setCovers(covers.length == 0 ? null : List.of(covers))
                .build();
    }
}
