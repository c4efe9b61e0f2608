package org.clearwatch.jobs.feeds;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.clearwatch.patterns.geo.Geo;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;
import org.clearwatch.schema.ref.CalendarDay;
import org.clearwatch.schema.ref.DeathRecord;
import org.clearwatch.schema.ref.Dispatch;
import org.clearwatch.schema.ref.Official;
import org.clearwatch.schema.ref.Vehicle;
import org.clearwatch.schema.ref.Zone;

/**
 * What a readable record must also satisfy before a model sees it. Reasons name the field, never
 * its value: a record may carry personal data.
 */
public final class RecordChecks {

    private static final Pattern TOWNSHIP = Pattern.compile("\\d{9}");
    private static final Pattern VILLAGE = Pattern.compile("\\d{12}");

    /** Mainland resident identity number: 17 digits and a check character. */
    private static final Pattern NATIONAL_ID = Pattern.compile("\\d{17}[\\dX]");

    private static final Pattern ACCOUNT = Pattern.compile("\\d{8,32}");

    /** Earlier than this is a typo, not a record of the supervised period. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private RecordChecks() {}

    public static Optional<String> ledger(LedgerEntry entry) {
        Optional<String> common =
                first(
                        blank(entry.getEntryId(), "entry_id"),
                        blank(entry.getAccountId(), "account_id"),
                        divisions(entry.getTownshipCode(), entry.getVillageCode()),
                        entry.getAmountFen() < 0 ? "amount_fen is negative" : null,
                        before2000(entry.getOccurredAt(), "occurred_at"));
        if (common.isPresent()) {
            return common;
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

    public static Optional<String> payout(BankPayout payout) {
        return first(
                blank(payout.getPayoutId(), "payout_id"),
                blank(payout.getProgramCode(), "program_code"),
                period(payout.getPeriod()),
                nationalId(payout.getBeneficiaryId(), "beneficiary_id"),
                nationalId(payout.getAccountHolderId(), "account_holder_id"),
                blank(payout.getBeneficiaryName(), "beneficiary_name"),
                ACCOUNT.matcher(payout.getAccountNo()).matches()
                        ? null
                        : "account_no is not 8 to 32 digits",
                blank(payout.getAgencyCode(), "agency_code"),
                divisions(payout.getTownshipCode(), payout.getVillageCode()),
                payout.getAmountFen() < 0 ? "amount_fen is negative" : null,
                before2000(payout.getPaidAt(), "paid_at"));
    }

    public static Optional<String> gps(GpsPing ping) {
        return first(
                blank(ping.getVehicleId(), "vehicle_id"),
                blank(ping.getDeviceId(), "device_id"),
                Geo.isValidPosition(ping.getLat(), ping.getLon())
                        ? null
                        : "lat/lon is not a position (out of range or 0,0)",
                ping.getSpeedKmh() >= 0 && ping.getSpeedKmh() <= 300
                        ? null
                        : "speed_kmh is not between 0 and 300",
                before2000(ping.getFixTime(), "fix_time"));
    }

    public static Optional<String> death(DeathRecord death) {
        return first(nationalId(death.getPersonId(), "person_id"));
    }

    public static Optional<String> official(Official official) {
        return first(
                nationalId(official.getPersonId(), "person_id"),
                blank(official.getName(), "name"),
                blank(official.getUnitCode(), "unit_code"),
                TOWNSHIP.matcher(official.getTownshipCode()).matches()
                        ? null
                        : "township_code is not a 9-digit division code",
                official.getValidTo() != null
                                && official.getValidTo().isBefore(official.getValidFrom())
                        ? "valid_to is before valid_from"
                        : null);
    }

    public static Optional<String> vehicle(Vehicle vehicle) {
        return first(
                blank(vehicle.getVehicleId(), "vehicle_id"),
                blank(vehicle.getUnitCode(), "unit_code"),
                TOWNSHIP.matcher(vehicle.getTownshipCode()).matches()
                        ? null
                        : "township_code is not a 9-digit division code");
    }

    public static Optional<String> dispatch(Dispatch dispatch) {
        return first(
                blank(dispatch.getDispatchId(), "dispatch_id"),
                blank(dispatch.getVehicleId(), "vehicle_id"),
                dispatch.getApprovedTo().isBefore(dispatch.getApprovedFrom())
                        ? "approved_to is before approved_from"
                        : null);
    }

    public static Optional<String> zone(Zone zone) {
        if (isBlank(zone.getZoneId())) {
            return Optional.of("zone_id is empty");
        }
        try {
            Geo.area(zone.getPolygonWkt());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("polygon_wkt is " + e.getMessage());
        }
    }

    public static Optional<String> calendarDay(CalendarDay day) {
        return first(
                day.getDate().getYear() < 2000 || day.getDate().getYear() > 2100
                        ? "date is not between 2000 and 2100"
                        : null);
    }

    private static Optional<String> first(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return Optional.of(problem);
            }
        }
        return Optional.empty();
    }

    private static String blank(String value, String field) {
        return isBlank(value) ? field + " is empty" : null;
    }

    private static String divisions(String township, String village) {
        if (!TOWNSHIP.matcher(township).matches()) {
            return "township_code is not a 9-digit division code";
        }
        if (!VILLAGE.matcher(village).matches()) {
            return "village_code is not a 12-digit division code";
        }
        if (!village.startsWith(township)) {
            return "village_code does not lie in township_code";
        }
        return null;
    }

    private static String nationalId(String value, String field) {
        return value != null && NATIONAL_ID.matcher(value).matches()
                ? null
                : field + " is not an 18-character national ID number";
    }

    private static String period(String value) {
        try {
            YearMonth.parse(value);
            return null;
        } catch (DateTimeParseException | NullPointerException e) {
            return "period is not a month (YYYY-MM)";
        }
    }

    private static String before2000(Instant time, String field) {
        return time.isBefore(EARLIEST) ? field + " is before 2000" : null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
