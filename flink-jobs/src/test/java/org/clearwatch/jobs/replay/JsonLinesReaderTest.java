package org.clearwatch.jobs.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;
import org.clearwatch.schema.ref.CalendarDay;
import org.clearwatch.schema.ref.DayKind;
import org.clearwatch.schema.ref.DeathRecord;
import org.clearwatch.schema.ref.Dispatch;
import org.clearwatch.schema.ref.Official;
import org.clearwatch.schema.ref.Vehicle;
import org.clearwatch.schema.ref.VehicleKind;
import org.clearwatch.schema.ref.Zone;
import org.clearwatch.schema.ref.ZoneKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReaderTest {

    private static final String LEDGER_FIELDS =
            "\"entry_id\": \"L-1\", \"account_id\": \"ACC-1\", \"village_code\": \"330102001001\","
                    + " \"township_code\": \"330102001\", \"type\": \"CASH_RECEIPT\"";
    private static final String PAYOUT_FIELDS =
            "\"payout_id\": \"PAY-1\", \"program_code\": \"DIBAO\", \"beneficiary_id\":"
                    + " \"330102195001011234\", \"beneficiary_name\": \"张三\", \"account_no\":"
                    + " \"6222020200112233445\", \"account_holder_id\": \"330102195001011234\","
                    + " \"amount_fen\": 85000, \"agency_code\": \"MZJ\", \"township_code\":"
                    + " \"330102001\", \"village_code\": \"330102001001\"";
    private static final String GPS_FIELDS =
            "\"vehicle_id\": \"V-1\", \"device_id\": \"DEV-1\", \"speed_kmh\": 40";

    @TempDir Path dir;

    // ---- one valid line of every feed ----------------------------------------------------

    @Test
    void ledgerLineParsesToLedgerEntry() throws Exception {
        assertThat(everyFeed().ledgerEntries())
                .containsExactly(
                        LedgerEntry.newBuilder()
                                .setEntryId("L-0001")
                                .setAccountId("ACC-330102001001")
                                .setVillageCode("330102001001")
                                .setTownshipCode("330102001")
                                .setType(LedgerEntryType.BANK_DEPOSIT)
                                .setAmountFen(2_000_000L)
                                .setCovers(List.of("R-2025-0917", "R-2025-0918"))
                                .setCounterparty("城西保洁队")
                                .setRecordedBy("P-1001")
                                .setOccurredAt(Instant.parse("2025-10-01T13:14:00Z"))
                                .build());
    }

    @Test
    void payoutLineParsesToBankPayout() throws Exception {
        assertThat(everyFeed().payouts())
                .containsExactly(
                        BankPayout.newBuilder()
                                .setPayoutId("PAY-0001")
                                .setProgramCode("DIBAO")
                                .setPeriod("2025-10")
                                .setBeneficiaryId("330102195001011234")
                                .setBeneficiaryName("张三")
                                .setAccountNo("6222020200112233445")
                                .setAccountHolderId("330102197501015678")
                                .setAmountFen(85_000L)
                                .setAgencyCode("MZJ-330102")
                                .setTownshipCode("330102001")
                                .setVillageCode("330102001001")
                                .setPaidAt(Instant.parse("2025-10-10T01:30:00Z"))
                                .build());
    }

    @Test
    void gpsLineParsesToGpsPing() throws Exception {
        assertThat(everyFeed().gpsPings())
                .containsExactly(
                        GpsPing.newBuilder()
                                .setVehicleId("浙A·G1234")
                                .setDeviceId("DEV-77")
                                .setLat(30.2741)
                                .setLon(120.1551)
                                .setSpeedKmh(42.5)
                                .setIgnition(true)
                                .setFixTime(Instant.parse("2025-10-04T13:14:00Z"))
                                .build());
    }

    @Test
    void deathLineParsesToDeathRecord() throws Exception {
        assertThat(everyFeed().deaths())
                .containsExactly(
                        DeathRecord.newBuilder()
                                .setPersonId("330102195001011234")
                                .setDiedOn(LocalDate.of(2025, 6, 15))
                                .setRecordedAt(Instant.parse("2025-09-01T02:00:00Z"))
                                .build());
    }

    @Test
    void officialLineParsesToOfficial() throws Exception {
        assertThat(everyFeed().officials())
                .containsExactly(
                        Official.newBuilder()
                                .setPersonId("330102197501015678")
                                .setName("李四")
                                .setUnitCode("U-330102001")
                                .setTownshipCode("330102001")
                                .setRole("村会计")
                                .setValidFrom(LocalDate.of(2021, 1, 1))
                                .setValidTo(null)
                                .setRecordedAt(null)
                                .build());
    }

    @Test
    void vehicleLineParsesToVehicle() throws Exception {
        assertThat(everyFeed().vehicles())
                .containsExactly(
                        Vehicle.newBuilder()
                                .setVehicleId("浙A·G1234")
                                .setUnitCode("U-330102001")
                                .setTownshipCode("330102001")
                                .setKind(VehicleKind.GENERAL)
                                .setHomeZone("Z-JUR-330102001")
                                .build());
    }

    @Test
    void dispatchLineParsesToDispatch() throws Exception {
        assertThat(everyFeed().dispatches())
                .containsExactly(
                        Dispatch.newBuilder()
                                .setDispatchId("D-0001")
                                .setVehicleId("浙A·G1234")
                                .setApprovedFrom(Instant.parse("2025-10-08T00:00:00Z"))
                                .setApprovedTo(Instant.parse("2025-10-08T10:00:00Z"))
                                .setPurpose("防汛检查")
                                .build());
    }

    @Test
    void zoneLineParsesToZone() throws Exception {
        assertThat(everyFeed().zones())
                .containsExactly(
                        Zone.newBuilder()
                                .setZoneId("Z-R-01")
                                .setKind(ZoneKind.RESTRICTED)
                                .setName("西湖景区")
                                .setPolygonWkt(
                                        "POLYGON ((120.13 30.24, 120.16 30.24, 120.16 30.26,"
                                                + " 120.13 30.26, 120.13 30.24))")
                                .build());
    }

    @Test
    void calendarLineParsesToCalendarDay() throws Exception {
        assertThat(everyFeed().calendarDays())
                .containsExactly(
                        CalendarDay.newBuilder()
                                .setDate(LocalDate.of(2025, 10, 1))
                                .setKind(DayKind.HOLIDAY)
                                .setName("国庆节")
                                .setRecordedAt(Instant.parse("2024-11-11T16:00:00Z"))
                                .build());
    }

    @Test
    void sampleOfEveryFeedHasNoErrors() throws Exception {
        ReplayInput input = everyFeed();
        assertThat(input.errors()).isEmpty();
        assertThat(input.recordCount()).isEqualTo(9);
        assertThat(input.linesRead()).isEqualTo(9);
    }

    // ---- timestamps and dates ------------------------------------------------------------

    @Test
    void timestampWithOffsetIsTheInstantItNames() throws Exception {
        assertThat(ledgerTime("2025-10-01T21:14:00+08:00"))
                .isEqualTo(Instant.parse("2025-10-01T13:14:00Z"));
    }

    @Test
    void timestampInUtcWithFractionalSecondsKeepsMilliseconds() throws Exception {
        assertThat(ledgerTime("2025-10-01T13:14:00.123Z"))
                .isEqualTo(Instant.parse("2025-10-01T13:14:00.123Z"));
    }

    @Test
    void timestampBeyondMillisecondsIsTruncatedToMilliseconds() throws Exception {
        assertThat(ledgerTime("2025-10-01T13:14:00.123987Z"))
                .isEqualTo(Instant.parse("2025-10-01T13:14:00.123Z"));
    }

    @Test
    void timestampWithNegativeOffsetIsTheInstantItNames() throws Exception {
        assertThat(ledgerTime("2025-10-01T21:14:00-05:30"))
                .isEqualTo(Instant.parse("2025-10-02T02:44:00Z"));
    }

    @Test
    void timestampWithRegionAfterOffsetIsAccepted() throws Exception {
        assertThat(ledgerTime("2025-10-01T21:14:00+08:00[Asia/Shanghai]"))
                .isEqualTo(Instant.parse("2025-10-01T13:14:00Z"));
    }

    @Test
    void timestampOnDayThatDoesNotExistIsRejected() throws Exception {
        assertThat(onlyError(read(ledger(100, "\"2025-02-30T08:00:00+08:00\""))))
                .startsWith(
                        "scenario.jsonl:1: field \"occurred_at\" is \"2025-02-30T08:00:00+08:00\","
                                + " which is not an ISO-8601 time");
    }

    @Test
    void bareDateInTimestampFieldIsStartOfDayInShanghai() throws Exception {
        assertThat(ledgerTime("2025-10-01")).isEqualTo(Instant.parse("2025-09-30T16:00:00Z"));
    }

    @Test
    void localDateTimeWithoutOffsetIsRejectedAsAmbiguous() throws Exception {
        ReplayInput input = read(ledger(100, "\"2025-10-01T21:14:00\""));
        assertThat(onlyError(input))
                .isEqualTo(
                        "scenario.jsonl:1: field \"occurred_at\" is \"2025-10-01T21:14:00\", which"
                                + " has no UTC offset and so is ambiguous; write e.g."
                                + " 2025-10-01T21:14:00+08:00");
        assertThat(input.ledgerEntries()).isEmpty();
    }

    @Test
    void timestampThatIsNotATimeIsRejected() throws Exception {
        assertThat(onlyError(read(ledger(100, "\"2025-13-01T00:00:00+08:00\""))))
                .isEqualTo(
                        "scenario.jsonl:1: field \"occurred_at\" is \"2025-13-01T00:00:00+08:00\","
                                + " which is not an ISO-8601 time with an offset (e.g."
                                + " 2025-10-01T21:14:00+08:00) or a date (e.g. 2025-10-01)");
    }

    @Test
    void timestampAsEpochNumberIsRejected() throws Exception {
        assertThat(onlyError(read(ledger(100, "1759324440000"))))
                .isEqualTo(
                        "scenario.jsonl:1: field \"occurred_at\" must be a time with an offset"
                                + " (e.g. 2025-10-01T21:14:00+08:00) or a date (e.g. 2025-10-01),"
                                + " got 1759324440000");
    }

    @Test
    void dateFieldIsTheCalendarDayWritten() throws Exception {
        ReplayInput input =
                read(
                        "{\"feed\": \"ref.death\", \"person_id\": \"P\", \"died_on\": \"2025-06-15\"}");
        assertThat(input.deaths().get(0).getDiedOn()).isEqualTo(LocalDate.of(2025, 6, 15));
    }

    @Test
    void dateFieldRejectsTimestamp() throws Exception {
        assertThat(
                        onlyError(
                                read(
                                        "{\"feed\": \"ref.death\", \"person_id\": \"P\","
                                                + " \"died_on\": \"2025-06-15T00:00:00+08:00\"}")))
                .isEqualTo(
                        "scenario.jsonl:1: field \"died_on\" is \"2025-06-15T00:00:00+08:00\","
                                + " which is not a date written like 2025-10-01");
    }

    @Test
    void dateFieldRejectsDayThatDoesNotExist() throws Exception {
        assertThat(
                        onlyError(
                                read(
                                        "{\"feed\": \"ref.calendar\", \"date\": \"2025-02-30\","
                                                + " \"kind\": \"HOLIDAY\"}")))
                .isEqualTo(
                        "scenario.jsonl:1: field \"date\" is \"2025-02-30\", which is not a day of"
                                + " the calendar");
    }

    // ---- numbers -------------------------------------------------------------------------

    @Test
    void fractionalAmountIsRejectedShowingTheNumber() throws Exception {
        assertThat(onlyError(read(ledger("200.5", "\"2025-10-01\""))))
                .isEqualTo(
                        "scenario.jsonl:1: field \"amount_fen\" must be a whole number of fen, got"
                                + " 200.5");
    }

    @Test
    void amountWithDecimalPointIsRejectedEvenWhenWhole() throws Exception {
        assertThat(onlyError(read(ledger("2000000.0", "\"2025-10-01\""))))
                .endsWith("field \"amount_fen\" must be a whole number of fen, got 2000000.0");
    }

    @Test
    void amountAsStringIsRejectedWithoutQuotingIt() throws Exception {
        assertThat(onlyError(read(ledger("\"2000000\"", "\"2025-10-01\""))))
                .isEqualTo(
                        "scenario.jsonl:1: field \"amount_fen\" must be a whole number of fen, got"
                                + " a string");
    }

    @Test
    void negativeAmountIsRejected() throws Exception {
        assertThat(onlyError(read(ledger("-100", "\"2025-10-01\""))))
                .isEqualTo("scenario.jsonl:1: field \"amount_fen\" must not be negative, got -100");
    }

    @Test
    void amountBeyondLongIsRejectedAsOutOfRange() throws Exception {
        assertThat(onlyError(read(ledger("92233720368547758070", "\"2025-10-01\""))))
                .endsWith(
                        "field \"amount_fen\" must be a whole number of fen, got"
                                + " 92233720368547758070, which is out of range");
    }

    @Test
    void doubleFieldAcceptsIntegers() throws Exception {
        ReplayInput input = read(gps("30", "120", "\"2025-10-04T13:14:00Z\""));
        assertThat(input.gpsPings().get(0).getLat()).isEqualTo(30.0);
    }

    @Test
    void doubleFieldRejectsString() throws Exception {
        assertThat(onlyError(read(gps("\"30.1\"", "120", "\"2025-10-04T13:14:00Z\""))))
                .isEqualTo("scenario.jsonl:1: field \"lat\" must be a number, got a string");
    }

    @Test
    void latitudeOutOfRangeIsRejected() throws Exception {
        assertThat(onlyError(read(gps("120.1", "30.2", "\"2025-10-04T13:14:00Z\""))))
                .isEqualTo(
                        "scenario.jsonl:1: field \"lat\" must be a latitude from -90 to 90, got"
                                + " 120.1");
    }

    @Test
    void booleanFieldRejectsString() throws Exception {
        String line =
                "{\"feed\": \"gps\", "
                        + GPS_FIELDS
                        + ", \"lat\": 30, \"lon\": 120, \"ignition\": \"yes\", \"fix_time\":"
                        + " \"2025-10-04\"}";
        assertThat(onlyError(read(line)))
                .isEqualTo(
                        "scenario.jsonl:1: field \"ignition\" must be true or false, got a string");
    }

    // ---- strings, enums, arrays ----------------------------------------------------------

    @Test
    void enumMessageListsAcceptedSymbols() throws Exception {
        String line =
                "{\"feed\": \"ref.vehicle\", \"vehicle_id\": \"V\", \"unit_code\": \"U\","
                        + " \"township_code\": \"T\", \"kind\": \"CAR\"}";
        assertThat(onlyError(read(line)))
                .isEqualTo(
                        "scenario.jsonl:1: field \"kind\" must be one of GENERAL, LAW_ENFORCEMENT or"
                                + " EMERGENCY (case-sensitive), got \"CAR\"");
    }

    @Test
    void enumIsCaseSensitive() throws Exception {
        String line =
                "{\"feed\": \"ref.vehicle\", \"vehicle_id\": \"V\", \"unit_code\": \"U\","
                        + " \"township_code\": \"T\", \"kind\": \"general\"}";
        assertThat(onlyError(read(line))).contains("got \"general\"");
    }

    @Test
    void stringFieldGivenNumberIsRejectedWithoutQuotingIt() throws Exception {
        String line =
                "{\"feed\": \"ref.death\", \"person_id\": 330102195001011234, \"died_on\":"
                        + " \"2025-06-15\"}";
        assertThat(onlyError(read(line)))
                .isEqualTo("scenario.jsonl:1: field \"person_id\" must be a string, got a number");
    }

    @Test
    void coversMustBeArrayOfStrings() throws Exception {
        String line =
                "{\"feed\": \"ledger\", "
                        + LEDGER_FIELDS
                        + ", \"amount_fen\": 1, \"covers\": [\"R-1\", 2], \"occurred_at\":"
                        + " \"2025-10-01\"}";
        assertThat(onlyError(read(line)))
                .isEqualTo(
                        "scenario.jsonl:1: field \"covers\" must be an array of strings, but item 2"
                                + " is a number");
    }

    @Test
    void periodMustBeYearAndMonth() throws Exception {
        String line =
                "{\"feed\": \"payout\", "
                        + PAYOUT_FIELDS
                        + ", \"period\": \"2025-1\", \"paid_at\": \"2025-10-10\"}";
        assertThat(onlyError(read(line)))
                .isEqualTo(
                        "scenario.jsonl:1: field \"period\" must be a month written YYYY-MM, e.g."
                                + " 2025-10, got \"2025-1\"");
    }

    // ---- presence --------------------------------------------------------------------------

    @Test
    void missingRequiredFieldIsNamed() throws Exception {
        String line = "{\"feed\": \"ref.death\", \"died_on\": \"2025-06-15\"}";
        assertThat(onlyError(read(line)))
                .isEqualTo("scenario.jsonl:1: field \"person_id\" is missing");
    }

    @Test
    void nullRequiredFieldIsRejected() throws Exception {
        String line = "{\"feed\": \"ref.death\", \"person_id\": null, \"died_on\": \"2025-06-15\"}";
        assertThat(onlyError(read(line)))
                .isEqualTo("scenario.jsonl:1: field \"person_id\" must not be null");
    }

    @Test
    void nullableFieldMayBeNullOrAbsent() throws Exception {
        ReplayInput input =
                read(
                        "{\"feed\": \"ref.zone\", \"zone_id\": \"Z1\", \"kind\": \"JURISDICTION\","
                                + " \"name\": \"n\", \"polygon_wkt\": \"POINT (1 2)\","
                                + " \"recorded_at\": null}",
                        "{\"feed\": \"ref.zone\", \"zone_id\": \"Z2\", \"kind\": \"JURISDICTION\","
                                + " \"name\": \"n\", \"polygon_wkt\": \"POINT (1 2)\"}");
        assertThat(input.errors()).isEmpty();
        assertThat(input.zones()).extracting(Zone::getRecordedAt).containsExactly(null, null);
    }

    @Test
    void allProblemsOfALineAreReportedTogether() throws Exception {
        String line = "{\"feed\": \"ref.death\", \"persn_id\": \"P\", \"died_on\": 5}";
        assertThat(onlyError(read(line)))
                .isEqualTo(
                        "scenario.jsonl:1: unknown field \"persn_id\" in a ref.death record (did you"
                                + " mean \"person_id\"?); field \"person_id\" is missing; field"
                                + " \"died_on\" must be a date written like 2025-10-01, got 5");
    }

    // ---- unknown names ---------------------------------------------------------------------

    @Test
    void unknownFieldSuggestsTheFieldItMisspells() throws Exception {
        String line =
                "{\"feed\": \"ledger\", "
                        + LEDGER_FIELDS
                        + ", \"amount_fen\": 1, \"ocurred_at\": \"2025-10-01\", \"occurred_at\":"
                        + " \"2025-10-01\"}";
        assertThat(onlyError(read(line)))
                .isEqualTo(
                        "scenario.jsonl:1: unknown field \"ocurred_at\" in a ledger record (did you"
                                + " mean \"occurred_at\"?)");
    }

    @Test
    void unknownFieldSuggestsSnakeCaseOfCamelCase() throws Exception {
        String line =
                "{\"feed\": \"ledger\", "
                        + LEDGER_FIELDS
                        + ", \"amountFen\": 1, \"occurred_at\": \"2025-10-01\"}";
        assertThat(onlyError(read(line)))
                .startsWith(
                        "scenario.jsonl:1: unknown field \"amountFen\" in a ledger record (did you"
                                + " mean \"amount_fen\"?)");
    }

    @Test
    void unknownFieldSuggestsTheFieldItAbbreviates() throws Exception {
        String line =
                "{\"feed\": \"ledger\", "
                        + LEDGER_FIELDS
                        + ", \"amount\": 1, \"occurred_at\": \"2025-10-01\"}";
        assertThat(onlyError(read(line))).contains("(did you mean \"amount_fen\"?)");
    }

    @Test
    void unknownFieldWithoutCloseMatchListsTheFeedsFields() throws Exception {
        String line =
                "{\"feed\": \"ref.death\", \"person_id\": \"P\", \"died_on\": \"2025-06-15\","
                        + " \"cause\": \"x\"}";
        assertThat(onlyError(read(line)))
                .isEqualTo(
                        "scenario.jsonl:1: unknown field \"cause\" in a ref.death record, whose"
                                + " fields are person_id, died_on, recorded_at");
    }

    @Test
    void unknownFeedIsNamedWithSuggestion() throws Exception {
        assertThat(onlyError(read("{\"feed\": \"ledgr\"}")))
                .isEqualTo(
                        "scenario.jsonl:1: unknown feed \"ledgr\"; expected one of ledger, payout,"
                                + " gps, ref.death, ref.official, ref.vehicle, ref.dispatch,"
                                + " ref.zone, ref.calendar (did you mean \"ledger\"?)");
    }

    @Test
    void missingFeedIsReported() throws Exception {
        assertThat(onlyError(read("{\"person_id\": \"P\"}")))
                .startsWith("scenario.jsonl:1: field \"feed\" is missing");
    }

    // ---- malformed lines -------------------------------------------------------------------

    @Test
    void badJsonIsReportedAndReadingGoesOn() throws Exception {
        ReplayInput input =
                read(
                        "{\"feed\": \"ref.death\", \"person_id\": \"330102195001011234\" \"died_on\"}",
                        "{\"feed\": \"ref.death\", \"person_id\": \"P\", \"died_on\": \"2025-06-15\"}");
        assertThat(input.errors())
                .extracting(LineError::toString)
                .containsExactly("scenario.jsonl:1: not valid JSON: syntax error at column 57");
        assertThat(input.deaths()).hasSize(1);
    }

    @Test
    void truncatedJsonIsReported() throws Exception {
        assertThat(onlyError(read("{\"feed\": \"ledger\", \"entry_id\": \"L")))
                .isEqualTo(
                        "scenario.jsonl:1: not valid JSON: the line ends before the object is"
                                + " closed");
    }

    @Test
    void lineThatIsNotAnObjectIsRejected() throws Exception {
        assertThat(onlyError(read("[1, 2]")))
                .isEqualTo(
                        "scenario.jsonl:1: the line must be one JSON object like {\"feed\":"
                                + " \"ledger\", ...}, got an array");
    }

    @Test
    void textAfterTheObjectIsRejected() throws Exception {
        assertThat(onlyError(read("{\"feed\": \"ledger\"} {\"feed\": \"gps\"}")))
                .isEqualTo(
                        "scenario.jsonl:1: there is more text after the JSON object, at column 20");
    }

    @Test
    void duplicateFieldIsRejected() throws Exception {
        String line =
                "{\"feed\": \"ref.death\", \"person_id\": \"P\", \"person_id\": \"Q\", \"died_on\":"
                        + " \"2025-06-15\"}";
        assertThat(onlyError(read(line)))
                .isEqualTo("scenario.jsonl:1: field \"person_id\" appears more than once");
    }

    @Test
    void errorMessagesNeverQuoteStringFieldValues() throws Exception {
        ReplayInput input =
                read(
                        "{\"feed\": \"payout\", " + PAYOUT_FIELDS + ", \"period\": 202510}",
                        "{\"feed\": 330102195001011234}",
                        "{\"feed\": \"张三\"}",
                        "{\"feed\": \"ref.vehicle\", \"vehicle_id\": \"V\", \"unit_code\": \"U\","
                                + " \"township_code\": \"T\", \"kind\": \"330102195001011234\"}",
                        "{\"feed\": \"ref.death\", \"person_id\": \"P\", \"died_on\": \"张三\"}",
                        "{\"feed\": \"ref.death\", \"person_id\": \"P\", \"died_on\":"
                                + " \"6222020200112233445\"}",
                        "[\"330102195001011234\" 张三]");
        assertThat(input.errors()).hasSize(7);
        assertThat(input.errors())
                .extracting(LineError::message)
                .allSatisfy(
                        message ->
                                assertThat(message)
                                        .doesNotContain("330102195001011234")
                                        .doesNotContain("6222020200112233445")
                                        .doesNotContain("张三"));
    }

    @Test
    void invalidUtf8LineIsReportedAndReadingGoesOn() throws Exception {
        Path file = dir.resolve("gbk.jsonl");
        byte[] gbk = "{\"feed\": \"ref.death\", \"person_id\": \"张三\"}\n".getBytes("GBK");
        byte[] good =
                "{\"feed\": \"ref.death\", \"person_id\": \"P\", \"died_on\": \"2025-06-15\"}\n"
                        .getBytes(UTF_8);
        Files.write(file, concat(gbk, good));
        ReplayInput input = new JsonLinesReader().read(file);
        assertThat(input.errors())
                .extracting(LineError::line, LineError::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                1L,
                                "the line is not valid UTF-8 text (is the file in another"
                                        + " encoding, such as GBK?)"));
        assertThat(input.deaths()).hasSize(1);
    }

    @Test
    void byteOrderMarkAtStartIsIgnored() throws Exception {
        ReplayInput input =
                read(
                        "\uFEFF{\"feed\": \"ref.death\", \"person_id\": \"P\", \"died_on\": \"2025-06-15\"}");
        assertThat(input.errors()).isEmpty();
        assertThat(input.deaths()).hasSize(1);
    }

    @Test
    void dispatchEndingBeforeItStartsIsRejected() throws Exception {
        String line =
                "{\"feed\": \"ref.dispatch\", \"dispatch_id\": \"D\", \"vehicle_id\": \"V\","
                        + " \"approved_from\": \"2025-10-08T18:00:00+08:00\", \"approved_to\":"
                        + " \"2025-10-08T08:00:00+08:00\"}";
        assertThat(onlyError(read(line)))
                .isEqualTo("scenario.jsonl:1: field \"approved_to\" is before \"approved_from\"");
    }

    // ---- counting, order, files ------------------------------------------------------------

    @Test
    void blankLinesAreSkippedButCountInLineNumbers() throws Exception {
        ReplayInput input = read("", "   ", "{\"feed\": \"nope\"}", "\t", death("P"));
        assertThat(input.linesRead()).isEqualTo(5);
        assertThat(input.errors()).extracting(LineError::line).containsExactly(3L);
        assertThat(input.recordCount()).isEqualTo(1);
    }

    @Test
    void recordsKeepFileOrderAcrossFiles() throws Exception {
        Path first = write("a.jsonl", death("P1"), death("P2"));
        Path second = write("b.jsonl", death("P3"));
        ReplayInput input = new JsonLinesReader().read(first, second);
        assertThat(input.deaths())
                .extracting(DeathRecord::getPersonId)
                .containsExactly("P1", "P2", "P3");
        assertThat(input.linesRead()).isEqualTo(3);
    }

    @Test
    void errorsNameTheFileTheyAreIn() throws Exception {
        Path first = write("a.jsonl", death("P1"));
        Path second = write("b.jsonl", death("P2"), "{");
        ReplayInput input = new JsonLinesReader().read(first, second);
        assertThat(input.errors())
                .extracting(LineError::file, LineError::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(second.toString(), 2L));
    }

    @Test
    void missingFileThrowsNamingIt() {
        Path missing = dir.resolve("nowhere.jsonl");
        assertThatThrownBy(() -> new JsonLinesReader().read(missing))
                .isInstanceOf(IOException.class)
                .hasMessage("Input file " + missing + " does not exist.");
    }

    @Test
    void keptErrorsAreCappedButAllAreCounted() throws Exception {
        ReplayInput input =
                new JsonLinesReader(2).read("s", new StringReader("x\nx\nx\nx\n" + death("P")));
        assertThat(input.errors()).hasSize(2);
        assertThat(input.errorCount()).isEqualTo(4);
        assertThat(input.deaths()).hasSize(1);
    }

    // ---- max event time --------------------------------------------------------------------

    @Test
    void maxEventTimeIsLatestAcrossFeeds() throws Exception {
        ReplayInput input =
                read(
                        ledger(1, "\"2025-10-01T10:00:00+08:00\""),
                        gps("30", "120", "\"2025-10-03T10:00:00+08:00\""),
                        ledger(1, "\"2025-10-02T10:00:00+08:00\""));
        assertThat(input.maxEventTime()).contains(Instant.parse("2025-10-03T02:00:00Z"));
    }

    @Test
    void maxEventTimeCountsRecordedAtOfReferenceRecords() throws Exception {
        ReplayInput input =
                read(
                        ledger(1, "\"2025-10-01T10:00:00+08:00\""),
                        "{\"feed\": \"ref.death\", \"person_id\": \"P\", \"died_on\":"
                                + " \"2025-06-15\", \"recorded_at\": \"2025-10-05T00:00:00+08:00\"}");
        assertThat(input.maxEventTime()).contains(Instant.parse("2025-10-04T16:00:00Z"));
    }

    @Test
    void maxEventTimeIgnoresDatesAndApprovalTimesOfReferenceRecords() throws Exception {
        ReplayInput input =
                read(
                        ledger(1, "\"2025-10-01T10:00:00+08:00\""),
                        "{\"feed\": \"ref.death\", \"person_id\": \"P\", \"died_on\": \"2026-01-01\"}",
                        "{\"feed\": \"ref.dispatch\", \"dispatch_id\": \"D\", \"vehicle_id\": \"V\","
                                + " \"approved_from\": \"2026-01-01\", \"approved_to\":"
                                + " \"2026-01-02\"}");
        assertThat(input.maxEventTime()).contains(Instant.parse("2025-10-01T02:00:00Z"));
    }

    @Test
    void maxEventTimeIgnoresRejectedLines() throws Exception {
        ReplayInput input =
                read(
                        ledger(1, "\"2025-10-01T10:00:00+08:00\""),
                        ledger(-1, "\"2030-01-01T00:00:00+08:00\""));
        assertThat(input.maxEventTime()).contains(Instant.parse("2025-10-01T02:00:00Z"));
    }

    @Test
    void maxEventTimeIsEmptyWithoutEventTimes() throws Exception {
        assertThat(read(death("P")).maxEventTime()).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private ReplayInput everyFeed() throws IOException, URISyntaxException {
        Path sample = Path.of(getClass().getResource("/replay/every-feed.jsonl").toURI());
        return new JsonLinesReader().read(sample);
    }

    private static ReplayInput read(String... lines) throws IOException {
        return new JsonLinesReader()
                .read("scenario.jsonl", new StringReader(String.join("\n", lines)));
    }

    private static String onlyError(ReplayInput input) {
        assertThat(input.errors()).hasSize(1);
        assertThat(input.recordCount()).isZero();
        return input.errors().get(0).toString();
    }

    private static Instant ledgerTime(String time) throws IOException {
        ReplayInput input = read(ledger(100, "\"" + time + "\""));
        assertThat(input.errors()).isEmpty();
        return input.ledgerEntries().get(0).getOccurredAt();
    }

    private static String ledger(Object amount, String occurredAt) {
        return "{\"feed\": \"ledger\", "
                + LEDGER_FIELDS
                + ", \"amount_fen\": "
                + amount
                + ", \"occurred_at\": "
                + occurredAt
                + "}";
    }

    private static String gps(String lat, String lon, String fixTime) {
        return "{\"feed\": \"gps\", "
                + GPS_FIELDS
                + ", \"lat\": "
                + lat
                + ", \"lon\": "
                + lon
                + ", \"fix_time\": "
                + fixTime
                + "}";
    }

    private static String death(String personId) {
        return "{\"feed\": \"ref.death\", \"person_id\": \""
                + personId
                + "\", \"died_on\": \"2025-06-15\"}";
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines), UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
