package org.clearwatch.patterns.rentarrears;

import java.time.Instant;
import java.time.LocalDateTime;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;

/**
 * Rent entries of one village's lease contracts with sensible defaults, and named instants in
 * Asia/Shanghai.
 *
 * <p>With the default grace of 10 working days, rent due on Monday 2025-03-03 must be in by the end
 * of Monday 2025-03-17 (no holidays in between). The end of September 2025 has a make-up working
 * Sunday (9-28) before the National Day holiday (10-1 to 10-8) and another on Saturday 10-11.
 */
public final class RentTestData {

    public static final String ACCOUNT = "130102001001-01";
    public static final String VILLAGE = "130102001001";
    public static final String OTHER_VILLAGE = "130102001002";
    public static final String TOWNSHIP = "130102001";
    public static final String CONTRACT = "ZL-2025-001";
    public static final String OTHER_CONTRACT = "ZL-2025-002";
    public static final String LESSEE = "张三丰";

    public static final Instant MONDAY_0900 = at("2025-03-03T09:00");
    public static final Instant WEDNESDAY_1000 = at("2025-03-05T10:00");
    public static final Instant NEXT_MONDAY_0900 = at("2025-03-10T09:00");
    public static final Instant NEXT_WEDNESDAY_1000 = at("2025-03-12T10:00");
    public static final Instant LAST_GRACE_DAY_2359 = at("2025-03-17T23:59");

    /** Ten working days after Monday 3-03 end with Monday 3-17: the first late instant. */
    public static final Instant DEADLINE = at("2025-03-18T00:00");

    public static final Instant DEADLINE_DAY_1000 = at("2025-03-18T10:00");

    /** Seven days into the arrears: 8 days late (paid on the first late day is 1 day late). */
    public static final Instant A_WEEK_LATE = at("2025-03-25T10:00");

    public static final Instant TWO_MONTHS_LATER = at("2025-05-05T00:00");

    /** Past every window rent-arrears keeps open for a due of March 2025. */
    public static final Instant TWO_YEARS_LATER = at("2027-03-03T00:00");

    public static final long TWENTY_THOUSAND_YUAN = 2_000_000L;

    private RentTestData() {}

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
                .setContractNo(CONTRACT)
                .setOccurredAt(at);
    }

    /** 20,000 yuan of rent falling due on {@link #CONTRACT}, leased to {@link #LESSEE}. */
    public static LedgerEntry due(String entryId, Instant at) {
        return due(entryId, TWENTY_THOUSAND_YUAN, at);
    }

    public static LedgerEntry due(String entryId, long amountFen, Instant at) {
        return entry(entryId, LedgerEntryType.RENT_DUE, at)
                .setAmountFen(amountFen)
                .setCounterparty(LESSEE)
                .build();
    }

    /** Rent received on {@link #CONTRACT}. */
    public static LedgerEntry paid(String entryId, long amountFen, Instant at) {
        return entry(entryId, LedgerEntryType.RENT_RECEIVED, at)
                .setAmountFen(amountFen)
                .setCounterparty(LESSEE)
                .build();
    }
}
