package org.clearwatch.notifier.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.notifier.routing.RoutingFixtures.COUNTY;
import static org.clearwatch.notifier.routing.RoutingFixtures.alert;
import static org.clearwatch.notifier.routing.RoutingFixtures.config;
import static org.clearwatch.notifier.routing.RoutingFixtures.plan;
import static org.clearwatch.notifier.routing.RoutingFixtures.shanghai;
import static org.clearwatch.notifier.routing.RoutingFixtures.to;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;
import org.junit.jupiter.api.Test;

/** Low-severity alerts of the night wait, and go out together in the morning. */
class QuietHoursTest {

    private static final String NIGHTS =
            "quiet-hours: {from: \"22:00\", to: \"07:30\", zone: Asia/Shanghai, below: MEDIUM}\n"
                    + COUNTY;
    private static final Alert LOW = alert("330299103001", "rent-arrears", Severity.LOW);
    private static final Alert LOW_ELSEWHERE = alert("330299103005", "late-deposit", Severity.LOW);
    private static final Alert HIGH = alert("330299103001", "late-deposit", Severity.HIGH);

    @Test
    void lowAlertAtTenPastElevenWaitsUntilHalfPastSevenNextMorning() {
        assertThat(plan(config(NIGHTS), LOW, shanghai("2025-09-19T23:10")))
                .hasSize(2)
                .allSatisfy(
                        p -> {
                            assertThat(p.notBefore()).isEqualTo(shanghai("2025-09-20T07:30"));
                            assertThat(p.digestKey()).startsWith("dig_");
                        });
    }

    @Test
    void lowAlertsOfOneNightShareOneDigestPerDestination() {
        RoutingConfig config = config(NIGHTS);
        List<PlannedDelivery> evening = plan(config, LOW, shanghai("2025-09-19T23:10"));
        List<PlannedDelivery> small = plan(config, LOW_ELSEWHERE, shanghai("2025-09-20T03:45"));

        assertThat(to(small, "t103-wecom").get(0).digestKey())
                .isEqualTo(to(evening, "t103-wecom").get(0).digestKey());
        assertThat(to(small, "t103-wecom").get(0).notBefore())
                .isEqualTo(to(evening, "t103-wecom").get(0).notBefore());
        assertThat(to(evening, "t103-office").get(0).digestKey())
                .isNotEqualTo(to(evening, "t103-wecom").get(0).digestKey());
    }

    @Test
    void theNextNightIsAnotherDigest() {
        RoutingConfig config = config(NIGHTS);
        PlannedDelivery friday = wecom(plan(config, LOW, shanghai("2025-09-19T23:10")));
        PlannedDelivery saturday = wecom(plan(config, LOW, shanghai("2025-09-20T23:10")));

        assertThat(saturday.notBefore()).isEqualTo(shanghai("2025-09-21T07:30"));
        assertThat(saturday.digestKey()).isNotEqualTo(friday.digestKey());
    }

    @Test
    void lowAlertAfterMidnightWaitsUntilTheSameMorning() {
        assertThat(plan(config(NIGHTS), LOW, shanghai("2025-09-20T02:40")))
                .allMatch(p -> p.notBefore().equals(shanghai("2025-09-20T07:30")));
    }

    @Test
    void highAlertAtTenPastElevenGoesAtOnce() {
        Instant published = shanghai("2025-09-19T23:10");

        assertThat(plan(config(NIGHTS), HIGH, published))
                .hasSize(2)
                .allMatch(p -> p.notBefore().equals(published) && p.digestKey() == null);
    }

    @Test
    void mediumAlertIsNotBelowMediumAndGoesAtOnce() {
        Instant published = shanghai("2025-09-19T23:10");
        Alert medium = alert("330299103001", "late-deposit", Severity.MEDIUM);

        assertThat(plan(config(NIGHTS), medium, published))
                .allMatch(p -> p.notBefore().equals(published) && p.digestKey() == null);
    }

    @Test
    void lowAlertAtSevenThirtyOneGoesAtOnce() {
        Instant published = shanghai("2025-09-20T07:31");

        assertThat(plan(config(NIGHTS), LOW, published))
                .allMatch(p -> p.notBefore().equals(published) && p.digestKey() == null);
    }

    @Test
    void theEndOfThePeriodIsNoLongerQuiet() {
        Instant published = shanghai("2025-09-20T07:30");

        assertThat(plan(config(NIGHTS), LOW, published))
                .allMatch(p -> p.notBefore().equals(published) && p.digestKey() == null);
    }

    @Test
    void theStartOfThePeriodIsQuiet() {
        assertThat(plan(config(NIGHTS), LOW, shanghai("2025-09-19T22:00")))
                .allMatch(p -> p.notBefore().equals(shanghai("2025-09-20T07:30")));
    }

    @Test
    void lowAlertInTheEveningBeforeTheStartGoesAtOnce() {
        Instant published = shanghai("2025-09-19T21:59");

        assertThat(plan(config(NIGHTS), LOW, published))
                .allMatch(p -> p.notBefore().equals(published));
    }

    @Test
    void resolutionOfALowAlertWaitsToo() {
        Alert resolved = alert("330299103001", "rent-arrears", Severity.LOW, AlertKind.RESOLVED);

        assertThat(plan(config(NIGHTS), resolved, shanghai("2025-09-19T23:10")))
                .allMatch(p -> p.notBefore().equals(shanghai("2025-09-20T07:30")));
    }

    @Test
    void aPeriodWithinOneDayHoldsOnlyInsideIt() {
        RoutingConfig lunch =
                config(
                        NIGHTS.replace(
                                "from: \"22:00\", to: \"07:30\"",
                                "from: \"12:00\", to: \"14:00\""));

        assertThat(plan(lunch, LOW, shanghai("2025-09-19T13:00")))
                .allMatch(p -> p.notBefore().equals(shanghai("2025-09-19T14:00")));
        assertThat(plan(lunch, LOW, shanghai("2025-09-19T14:30")))
                .allMatch(p -> p.notBefore().equals(shanghai("2025-09-19T14:30")));
        assertThat(plan(lunch, LOW, shanghai("2025-09-19T23:10")))
                .allMatch(p -> p.notBefore().equals(shanghai("2025-09-19T23:10")));
    }

    @Test
    void theWallClockIsTheConfiguredZones() {
        RoutingConfig utcNights = config(NIGHTS.replace("zone: Asia/Shanghai", "zone: UTC"));
        // 23:10 in Shanghai is 15:10 UTC: not quiet on a UTC clock.
        Instant published = shanghai("2025-09-19T23:10");

        assertThat(plan(utcNights, LOW, published)).allMatch(p -> p.notBefore().equals(published));
    }

    @Test
    void theZoneDefaultsToShanghai() {
        RoutingConfig noZone = config(NIGHTS.replace(", zone: Asia/Shanghai", ""));

        assertThat(plan(noZone, LOW, shanghai("2025-09-19T23:10")))
                .allMatch(p -> p.notBefore().equals(shanghai("2025-09-20T07:30")));
    }

    @Test
    void inAZoneThatMovesItsClocksTheMorningEndIsOnTheNewWallClock() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        RoutingConfig berlinNights = config(NIGHTS.replace("Asia/Shanghai", "Europe/Berlin"));
        // Clocks go from 02:00 to 03:00 in the night of 2025-03-30: the night is an hour shorter.
        Instant published = LocalDateTime.parse("2025-03-29T23:10").atZone(berlin).toInstant();

        assertThat(plan(berlinNights, LOW, published))
                .allMatch(p -> p.notBefore().equals(Instant.parse("2025-03-30T05:30:00Z")));
    }

    @Test
    void aRecipientsOwnQuietHoursReplaceTheDefault() {
        String own =
                NIGHTS.replace(
                        "    division: \"330299103\"\n",
                        "    division: \"330299103\"\n"
                                + "    quiet-hours: {from: \"20:00\", to: \"08:00\"}\n");

        assertThat(plan(config(own), LOW, shanghai("2025-09-19T21:00")))
                .allMatch(p -> p.notBefore().equals(shanghai("2025-09-20T08:00")));
    }

    @Test
    void aRecipientMayTurnTheDefaultOff() {
        String off =
                NIGHTS.replace(
                        "    division: \"330299103\"\n",
                        "    division: \"330299103\"\n" + "    quiet-hours: off\n");
        Instant published = shanghai("2025-09-19T23:10");

        assertThat(plan(config(off), LOW, published))
                .allMatch(p -> p.notBefore().equals(published) && p.digestKey() == null);
    }

    @Test
    void withoutQuietHoursLowAlertsGoAtNight() {
        Instant published = shanghai("2025-09-19T23:10");

        assertThat(plan(config(COUNTY), LOW, published))
                .allMatch(p -> p.notBefore().equals(published) && p.digestKey() == null);
    }

    @Test
    void anEscalationDueInTheCountysQuietHoursWaitsForItsMorningDigest() {
        String escalatingMedium =
                "escalation: {min-severity: MEDIUM, ack-within: 30m}\n"
                        + NIGHTS.replace("below: MEDIUM", "below: HIGH");
        Alert medium = alert("330299103001", "late-deposit", Severity.MEDIUM);

        assertThat(
                        to(
                                plan(
                                        config(escalatingMedium),
                                        medium,
                                        shanghai("2025-09-19T21:45")),
                                "county-mail"))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.notBefore()).isEqualTo(shanghai("2025-09-20T07:30"));
                            assertThat(p.unlessAcknowledged()).isTrue();
                            assertThat(p.digestKey()).startsWith("dig_");
                        });
    }

    @Test
    void theTimeToAcknowledgeStartsWhenTheTownshipIsToldAfterItsQuietHours() {
        String quietUntilCritical =
                "escalation: {min-severity: HIGH, ack-within: 30m}\n"
                        + NIGHTS.replace("below: MEDIUM", "below: CRITICAL")
                                .replace(
                                        "    level: county\n    division: \"330299\"\n",
                                        "    level: county\n    division: \"330299\"\n"
                                                + "    quiet-hours: off\n");

        assertThat(
                        to(
                                plan(
                                        config(quietUntilCritical),
                                        HIGH,
                                        shanghai("2025-09-19T23:10")),
                                "county-mail"))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.notBefore()).isEqualTo(shanghai("2025-09-20T08:00"));
                            assertThat(p.digestKey()).isNull();
                        });
    }

    private static PlannedDelivery wecom(List<PlannedDelivery> planned) {
        return to(planned, "t103-wecom").get(0);
    }
}
