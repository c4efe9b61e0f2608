package org.clearwatch.jobs.feeds;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;

/**
 * What a readable record must also satisfy before a model sees it. Reasons name the field, never
 * its value: a record may carry personal data.
 */
public final class RecordChecks {

    private static final Pattern TOWNSHIP = Pattern.compile("\\d{9}");
    private static final Pattern VILLAGE = Pattern.compile("\\d{12}");

    /** Earlier than this is a typo, not a record of the supervised period. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private RecordChecks() {}

    public static Optional<String> ledger(LedgerEntry entry) {
        if (entry.getEntryId().isBlank()) {
            return Optional.of("entry_id is empty");
        }
        if (entry.getAccountId().isBlank()) {
            return Optional.of("account_id is empty");
        }
        if (!TOWNSHIP.matcher(entry.getTownshipCode()).matches()) {
            return Optional.of("township_code is not a 9-digit division code");
        }
        if (!VILLAGE.matcher(entry.getVillageCode()).matches()) {
            return Optional.of("village_code is not a 12-digit division code");
        }
        if (!entry.getVillageCode().startsWith(entry.getTownshipCode())) {
            return Optional.of("village_code does not lie in township_code");
        }
        if (entry.getAmountFen() < 0) {
            return Optional.of("amount_fen is negative");
        }
        if (entry.getOccurredAt().isBefore(EARLIEST)) {
            return Optional.of("occurred_at is before 2000");
        }
        LedgerEntryType type = entry.getType();
        if (type == LedgerEntryType.CASH_RECEIPT && isBlank(entry.getReceiptNo())) {
            return Optional.of("a CASH_RECEIPT has no receipt_no");
        }
        if ((type == LedgerEntryType.RENT_DUE || type == LedgerEntryType.RENT_RECEIVED)
                && isBlank(entry.getContractNo())) {
            return Optional.of("a " + type + " entry has no contract_no");
        }
        return Optional.empty();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
