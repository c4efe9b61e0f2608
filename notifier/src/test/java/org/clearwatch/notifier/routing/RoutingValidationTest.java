package org.clearwatch.notifier.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.clearwatch.notifier.routing.RoutingFixtures.COUNTY;
import static org.clearwatch.notifier.routing.RoutingFixtures.config;

import org.assertj.core.api.AbstractThrowableAssert;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.notifier.plan.NotifyConfigException;
import org.clearwatch.schema.alert.Severity;
import org.junit.jupiter.api.Test;

/** A configuration that cannot mean what its author wanted is refused with one sentence. */
class RoutingValidationTest {

    private static final String QUIET =
            "quiet-hours: {from: \"22:00\", to: \"07:30\", zone: Asia/Shanghai, below: MEDIUM}\n";
    private static final String T103 =
            "{id: t103, recipient: township-103, division: \"330299103\"}";

    @Test
    void acceptsTheFullExample() {
        String full =
                "escalation: {min-severity: HIGH, ack-within: 30m}\n"
                        + QUIET
                        + "rate-limit: {per-minute: 20, burst: 5}\n"
                        + "kafka: {bootstrap-servers: \"127.0.0.1:9092\"}\n"
                        + COUNTY;

        assertThat(config(full).destinations())
                .extracting(Destination::name)
                .containsExactly(
                        "county-mail",
                        "next-county-mail",
                        "t103-wecom",
                        "t103-office",
                        "t101-wecom",
                        "v103002-mail");
    }

    @Test
    void refusesASubscriptionNamedTwice() {
        refused(COUNTY.replace("{id: t101,", "{id: t103,"))
                .hasMessage("subscriptions[1].id: subscription t103 is named twice.");
    }

    @Test
    void refusesARecipientNamedTwice() {
        refused(COUNTY.replace("id: township-101", "id: township-103"))
                .hasMessage("recipients[3].id: recipient township-103 is named twice.");
    }

    @Test
    void refusesAMisspeltSubscriptionKey() {
        refused(
                        COUNTY.replace(
                                T103,
                                "{id: t103, recipient: township-103, division: \"330299103\", min-severty: HIGH}"))
                .hasMessage(
                        "subscriptions[0].min-severty: unknown key; expected one of id, recipient,"
                                + " division, models, min-severity, escalation, rate-limit.");
    }

    @Test
    void refusesAMisspeltRecipientKey() {
        refused(
                        COUNTY.replace(
                                "    level: township\n    division: \"330299103\"\n",
                                "    level: township\n    division: \"330299103\"\n    quiet-hour: off\n"))
                .hasMessage(
                        "recipients[2].quiet-hour: unknown key; expected one of id, level,"
                                + " division, quiet-hours, destinations.");
    }

    @Test
    void refusesAKeyThatDoesNotBelongToTheChannel() {
        refused(COUNTY.replace("to: cun@example.org", "url: \"http://127.0.0.1:1/cun\""))
                .hasMessage(
                        "recipients[4].destinations[0].url: unknown key; expected one of name,"
                                + " channel, to, secret-env.");
    }

    @Test
    void refusesAMisspeltQuietHoursKey() {
        refused(QUIET.replace("below:", "bellow:") + COUNTY)
                .hasMessage(
                        "quiet-hours.bellow: unknown key; expected one of from, to, zone, below.");
    }

    @Test
    void refusesAMisspeltRateLimitKey() {
        refused("rate-limit: {per-minut: 20}\n" + COUNTY)
                .hasMessage(
                        "rate-limit.per-minut: unknown key; expected one of per-minute, burst.");
    }

    @Test
    void refusesADurationWithoutAUnit() {
        refused("escalation: {ack-within: 30}\n" + COUNTY)
                .hasMessage(
                        "escalation.ack-within: 30 is not a duration such as 30m, 1h30m, 45s or"
                                + " PT30M.");
    }

    @Test
    void refusesADurationInWords() {
        refused("escalation: {ack-within: 30 minutes}\n" + COUNTY)
                .hasMessageStartingWith("escalation.ack-within: 30 minutes is not a duration");
    }

    @Test
    void refusesAZeroAckTime() {
        refused("escalation: {ack-within: 0m}\n" + COUNTY)
                .hasMessage("escalation.ack-within: must be longer than zero.");
    }

    @Test
    void acceptsAnIsoAndACompoundDuration() {
        assertThat(config("escalation: {ack-within: PT45M}\n" + COUNTY)).isNotNull();
        assertThat(config("escalation: {ack-within: 1h30m}\n" + COUNTY)).isNotNull();
    }

    @Test
    void refusesAnHourThatDoesNotExist() {
        refused(QUIET.replace("\"22:00\"", "\"25:00\"") + COUNTY)
                .hasMessage(
                        "quiet-hours.from: 25:00 is not a time of day such as \"22:00\" (HH:mm).");
    }

    @Test
    void refusesATimeWithoutLeadingZero() {
        refused(QUIET.replace("\"07:30\"", "\"7:30\"") + COUNTY)
                .hasMessageStartingWith("quiet-hours.to: 7:30 is not a time of day");
    }

    @Test
    void readsAnUnquotedTimeAsTheTimeWritten() {
        RoutingConfig unquoted =
                config(QUIET.replace("\"22:00\"", "22:00").replace("\"07:30\"", "07:30") + COUNTY);

        assertThat(
                        unquoted.router()
                                .plan(
                                        RoutingFixtures.alert(
                                                "330299103001", "rent-arrears", Severity.LOW),
                                        RoutingFixtures.shanghai("2025-09-19T23:10")))
                .allMatch(p -> p.notBefore().equals(RoutingFixtures.shanghai("2025-09-20T07:30")));
    }

    @Test
    void refusesAQuietPeriodOfZeroLength() {
        refused(QUIET.replace("\"07:30\"", "\"22:00\"") + COUNTY)
                .hasMessage("quiet-hours.to: the quiet period from 22:00 to 22:00 has no length.");
    }

    @Test
    void refusesAnUnknownZone() {
        refused(QUIET.replace("Asia/Shanghai", "Asia/Beijing") + COUNTY)
                .hasMessage(
                        "quiet-hours.zone: Asia/Beijing is not a time zone such as Asia/Shanghai.");
    }

    @Test
    void refusesQuietHoursThatHoldNothing() {
        refused(QUIET.replace("below: MEDIUM", "below: LOW") + COUNTY)
                .hasMessage(
                        "quiet-hours.below: no alert is below LOW, so these quiet hours would hold"
                                + " nothing.");
    }

    @Test
    void refusesQuietHoursThatAreNotAMapping() {
        refused("quiet-hours: nights\n" + COUNTY)
                .hasMessageStartingWith("quiet-hours: must be a mapping such as {from:");
    }

    @Test
    void refusesARateLimitOfZero() {
        refused("rate-limit: {per-minute: 0}\n" + COUNTY)
                .hasMessage("rate-limit.per-minute: 0 is not a whole number above zero.");
    }

    @Test
    void refusesANegativeRateLimit() {
        refused("rate-limit: {per-minute: -5}\n" + COUNTY)
                .hasMessage("rate-limit.per-minute: -5 is not a whole number above zero.");
    }

    @Test
    void refusesAFractionalRateLimit() {
        refused("rate-limit: {per-minute: 2.5}\n" + COUNTY)
                .hasMessage("rate-limit.per-minute: 2.5 is not a whole number above zero.");
    }

    @Test
    void refusesABurstOfZero() {
        refused(
                        COUNTY.replace(
                                T103,
                                "{id: t103, recipient: township-103, division: \"330299103\", rate-limit: {per-minute: 20, burst: 0}}"))
                .hasMessage(
                        "subscriptions[0].rate-limit.burst: 0 is not a whole number above zero.");
    }

    @Test
    void refusesALevelThatDoesNotExist() {
        refused(COUNTY.replace("level: township", "level: town"))
                .hasMessage("recipients[2].level: town is not one of village, township, county.");
    }

    @Test
    void refusesADivisionOfTheWrongLengthForItsLevel() {
        refused(
                        COUNTY.replace(
                                "level: county\n    division: \"330299\"",
                                "level: county\n    division: \"330299103\""))
                .hasMessage("recipients[0].division: 330299103 has 9 digits, a county code has 6.");
    }

    @Test
    void refusesALevelWithoutADivision() {
        refused(COUNTY.replace("    division: \"330299101\"\n", ""))
                .hasMessage(
                        "recipients[3].division: missing; a township recipient needs its code.");
    }

    @Test
    void refusesARecipientDivisionThatIsNoCode() {
        refused(COUNTY.replace("division: \"330299101\"\n", "division: \"3302991\"\n"))
                .hasMessage(
                        "recipients[3].division: 3302991 is not a county (6 digits), township (9)"
                                + " or village (12) code.");
    }

    @Test
    void refusesASubscriptionOutsideTheRecipientsDivision() {
        refused(
                        COUNTY.replace(
                                T103,
                                "{id: t103, recipient: township-103, division: \"330299101\"}"))
                .hasMessage(
                        "subscriptions[0].division: 330299101 lies outside the division 330299103"
                                + " of recipient township-103.");
    }

    @Test
    void refusesASubscriptionPrefixThatIsNoLevel() {
        refused(
                        COUNTY.replace(
                                T103,
                                "{id: t103, recipient: township-103, division: \"3302991030\"}"))
                .hasMessage(
                        "subscriptions[0].division: 3302991030 is not a county (6 digits),"
                                + " township (9) or village (12) code prefix.");
    }

    @Test
    void refusesAnEmptyModelList() {
        refused(
                        COUNTY.replace(
                                T103,
                                "{id: t103, recipient: township-103, division: \"330299103\", models: []}"))
                .hasMessage("subscriptions[0].models: empty; leave it out to receive every model.");
    }

    @Test
    void refusesASubscriptionIdWithASlash() {
        refused(COUNTY.replace("{id: t103,", "{id: t/103,"))
                .hasMessage(
                        "subscriptions[0].id: t/103 may hold only letters, digits, '.', '_' and"
                                + " '-'.");
    }

    @Test
    void refusesAnEscalationThatIsNeitherAMappingNorOff() {
        refused(
                        COUNTY.replace(
                                T103,
                                "{id: t103, recipient: township-103, division: \"330299103\", escalation: yes}"))
                .hasMessageStartingWith("subscriptions[0].escalation: must be a mapping such as");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) {
        return assertThatThrownBy(() -> config(yaml)).isInstanceOf(NotifyConfigException.class);
    }
}
