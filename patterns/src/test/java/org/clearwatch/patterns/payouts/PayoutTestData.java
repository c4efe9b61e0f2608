package org.clearwatch.patterns.payouts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.DeathRecord;
import org.clearwatch.schema.ref.Official;

/**
 * Payouts, death records and roster records of the four payout models' stories, with sensible
 * defaults and named instants in Asia/Shanghai. Shared by the payout models' tests.
 *
 * <p>People have valid-looking national ID numbers (area 330299, birth date, sequence, check
 * character) and 19-digit accounts; they live in township 330299101, village 330299101002. DIBAO is
 * paid on the 10th of each month at 10:00.
 */
public final class PayoutTestData {

    public static final String TOWNSHIP = "330299101";
    public static final String VILLAGE = "330299101002";
    public static final String OTHER_TOWNSHIP = "330299102";
    public static final String AGENCY = "MCA-330299";

    /** 650 yuan: a month of 低保 for one person. */
    public static final long DIBAO_FEN = 65_000L;

    /** 120 yuan a mu for ten mu: a year of 耕地地力保护补贴. */
    public static final long FARMLAND_FEN = 120_000L;

    public static final Instant JANUARY_10 = at("2025-01-10T10:00");
    public static final Instant FEBRUARY_10 = at("2025-02-10T10:00");
    public static final Instant MARCH_10 = at("2025-03-10T10:00");
    public static final Instant MARCH_20 = at("2025-03-20T15:30");
    public static final Instant MARCH_25 = at("2025-03-25T09:00");
    public static final Instant APRIL_10 = at("2025-04-10T10:00");
    public static final Instant MAY_10 = at("2025-05-10T10:00");
    public static final Instant JUNE_10 = at("2025-06-10T10:00");

    /** When the late death and roster records of the stories became known. */
    public static final Instant JUNE_2 = at("2025-06-02T09:00");

    public static final Instant JULY_10 = at("2025-07-10T10:00");
    public static final Instant AUGUST_10 = at("2025-08-10T10:00");
    public static final Instant SEPTEMBER_15 = at("2025-09-15T10:00");
    public static final Instant DECEMBER_31 = at("2025-12-31T23:00");

    /** Past every window the payout models keep, for every story of 2025. */
    public static final Instant THREE_YEARS_LATER = at("2028-06-30T00:00");

    public static final LocalDate MARCH_14 = LocalDate.of(2025, 3, 14);
    public static final LocalDate JANUARY_20 = LocalDate.of(2025, 1, 20);

    /** A person as the payout feed names them. */
    public record Person(String id, String name, String account) {}

    public static final Person WANG = person("19470315", 2, "王秀英", "6217001234567890012");
    public static final Person LI = person("19400802", 13, "李建国", "6217001234567890023");
    public static final Person ZHAO = person("19780611", 31, "赵志刚", "6217001234567890034");
    public static final Person QIAN = person("19700120", 15, "钱德明", "6217001234567890045");
    public static final Person QIAN_SON = person("19990905", 37, "钱小宝", "6217001234567890056");
    public static final Person SUN = person("19650418", 51, "孙桂兰", "6217001234567890067");
    public static final Person ZHOU = person("19381130", 24, "周福来", "6217001234567890078");
    public static final Person WU = person("19420716", 62, "吴秀珍", "6217001234567890089");
    public static final Person ZHENG = person("19450203", 79, "郑长根", "6217001234567890090");
    public static final Person FENG = person("19391009", 86, "冯玉兰", "6217001234567890101");

    private PayoutTestData() {}

    public static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingCalendar.ZONE).toInstant();
    }

    /**
     * A resident identity number of county 330299 with its ISO 7064 MOD 11-2 check character, so it
     * passes the feed's checks the way a real one would.
     */
    public static String nationalId(String birthDate, int sequence) {
        String body = "330299" + birthDate + String.format("%03d", sequence);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private static Person person(String birthDate, int sequence, String name, String account) {
        return new Person(nationalId(birthDate, sequence), name, account);
    }

    /** A DIBAO payout of 650 yuan into the beneficiary's own account. */
    public static BankPayout.Builder payout(
            String payoutId, Person beneficiary, String period, Instant paidAt) {
        return BankPayout.newBuilder()
                .setPayoutId(payoutId)
                .setProgramCode("DIBAO")
                .setPeriod(period)
                .setBeneficiaryId(beneficiary.id())
                .setBeneficiaryName(beneficiary.name())
                .setAccountNo(beneficiary.account())
                .setAccountHolderId(beneficiary.id())
                .setAmountFen(DIBAO_FEN)
                .setAgencyCode(AGENCY)
                .setTownshipCode(TOWNSHIP)
                .setVillageCode(VILLAGE)
                .setPaidAt(paidAt);
    }

    public static BankPayout dibao(
            String payoutId, Person beneficiary, String period, Instant paidAt) {
        return payout(payoutId, beneficiary, period, paidAt).build();
    }

    /** A payout of the beneficiary's into the account of {@code holder}. */
    public static BankPayout paidInto(
            Person holder, String payoutId, Person beneficiary, String period, Instant paidAt) {
        return payout(payoutId, beneficiary, period, paidAt)
                .setAccountNo(holder.account())
                .setAccountHolderId(holder.id())
                .build();
    }

    /** A death known from the start. */
    public static DeathRecord death(Person person, LocalDate diedOn) {
        return death(person, diedOn, null);
    }

    public static DeathRecord death(Person person, LocalDate diedOn, Instant recordedAt) {
        return DeathRecord.newBuilder()
                .setPersonId(person.id())
                .setDiedOn(diedOn)
                .setRecordedAt(recordedAt)
                .build();
    }

    /** On the roster of village 330299101002 from 2020 on, known from the start. */
    public static Official.Builder official(Person person, String role) {
        return Official.newBuilder()
                .setPersonId(person.id())
                .setName(person.name())
                .setUnitCode(VILLAGE)
                .setTownshipCode(TOWNSHIP)
                .setRole(role)
                .setValidFrom(LocalDate.of(2020, 1, 1))
                .setValidTo(null)
                .setRecordedAt(null);
    }

    /** Every text of an alert an inspector's phone shows, and the facts, as one string. */
    public static String everyText(Alert alert) {
        StringBuilder text =
                new StringBuilder()
                        .append(alert.getTitle())
                        .append('\n')
                        .append(alert.getSummary())
                        .append('\n')
                        .append(alert.getEntityId())
                        .append('\n')
                        .append(alert.getAlertId())
                        .append('\n')
                        .append(alert.getFacts());
        alert.getEvidence().forEach(e -> text.append('\n').append(e.getRecordId()));
        return text.toString();
    }

    /**
     * 17 digits and a check character, not inside a longer run of digits: an ID number in clear.
     */
    private static final Pattern ID_NUMBER_IN_CLEAR =
            Pattern.compile("(?<![0-9])[0-9]{17}[0-9X](?![0-9])");

    /**
     * Every 18-character national ID number an alert shows in clear (a masked one keeps only its
     * first and last four characters). Account numbers in clear are runs of digits too: the
     * personal-data check catches those of the stories.
     */
    public static List<String> idNumbersInClear(Alert alert) {
        Matcher matcher = ID_NUMBER_IN_CLEAR.matcher(everyText(alert));
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    /** What no alert may show in clear: ID numbers, account numbers and full names. */
    public static List<String> personalData() {
        return List.of(WANG, LI, ZHAO, QIAN, QIAN_SON, SUN, ZHOU, WU, ZHENG, FENG).stream()
                .flatMap(p -> java.util.stream.Stream.of(p.id(), p.account(), p.name()))
                .toList();
    }
}
