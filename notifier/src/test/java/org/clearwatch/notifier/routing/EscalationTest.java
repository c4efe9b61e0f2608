package org.clearwatch.notifier.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.clearwatch.notifier.routing.RoutingFixtures.COUNTY;
import static org.clearwatch.notifier.routing.RoutingFixtures.alert;
import static org.clearwatch.notifier.routing.RoutingFixtures.config;
import static org.clearwatch.notifier.routing.RoutingFixtures.plan;
import static org.clearwatch.notifier.routing.RoutingFixtures.shanghai;
import static org.clearwatch.notifier.routing.RoutingFixtures.to;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.clearwatch.notifier.plan.NotifyConfigException;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;
import org.junit.jupiter.api.Test;

/** A serious alert that nobody acknowledges in time goes to the level above as well. */
class EscalationTest {

    private static final String ESCALATING =
            "escalation: {min-severity: HIGH, ack-within: 30m}\n" + COUNTY;
    private static final Instant PUBLISHED = shanghai("2025-09-19T10:00");
    private static final Alert HIGH_IN_TOWNSHIP_103 =
            alert("330299103001", "late-deposit", Severity.HIGH);

    @Test
    void highRaisedAlertIsPlannedForTheCountyWhenTheAckTimeRunsOut() {
        List<PlannedDelivery> planned = plan(config(ESCALATING), HIGH_IN_TOWNSHIP_103, PUBLISHED);

        assertThat(to(planned, "county-mail"))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.notBefore()).isEqualTo(shanghai("2025-09-19T10:30"));
                            assertThat(p.unlessAcknowledged()).isTrue();
                            assertThat(p.recipientId()).isEqualTo("county-330299");
                            assertThat(p.routeId()).isEqualTo("t103/escalation");
                            assertThat(p.digestKey()).isNull();
                        });
    }

    @Test
    void directDeliveriesOfAnEscalatingAlertStillGoAtOnceAndUnconditionally() {
        List<PlannedDelivery> planned = plan(config(ESCALATING), HIGH_IN_TOWNSHIP_103, PUBLISHED);

        assertThat(planned)
                .filteredOn(p -> p.recipientId().equals("township-103"))
                .hasSize(2)
                .allMatch(p -> p.notBefore().equals(PUBLISHED) && !p.unlessAcknowledged());
    }

    @Test
    void criticalAlertEscalatesToo() {
        Alert critical = alert("330299103001", "late-deposit", Severity.CRITICAL);

        assertThat(to(plan(config(ESCALATING), critical, PUBLISHED), "county-mail")).hasSize(1);
    }

    @Test
    void mediumAlertDoesNotEscalate() {
        Alert medium = alert("330299103001", "late-deposit", Severity.MEDIUM);

        assertThat(plan(config(ESCALATING), medium, PUBLISHED))
                .isNotEmpty()
                .noneMatch(PlannedDelivery::unlessAcknowledged)
                .extracting(PlannedDelivery::recipientId)
                .containsOnly("township-103");
    }

    @Test
    void resolvedAlertDoesNotEscalate() {
        Alert resolved = alert("330299103001", "late-deposit", Severity.HIGH, AlertKind.RESOLVED);

        assertThat(plan(config(ESCALATING), resolved, PUBLISHED))
                .isNotEmpty()
                .noneMatch(PlannedDelivery::unlessAcknowledged);
    }

    @Test
    void updatedAlertDoesNotEscalate() {
        Alert updated = alert("330299103001", "late-deposit", Severity.HIGH, AlertKind.UPDATED);

        assertThat(plan(config(ESCALATING), updated, PUBLISHED))
                .isNotEmpty()
                .noneMatch(PlannedDelivery::unlessAcknowledged);
    }

    @Test
    void escalationGoesOnlyToTheCountyWhoseDivisionContainsTheTownship() {
        String twoCounties =
                ESCALATING.replace(
                        "  - id: county-330288",
                        """
                          - id: county-330299-deputy
                            level: county
                            division: "330299"
                            destinations:
                              - {name: deputy-mail, channel: email, to: fu@county.example}
                          - id: county-330288\
                        """);

        assertThat(plan(config(twoCounties), HIGH_IN_TOWNSHIP_103, PUBLISHED))
                .filteredOn(PlannedDelivery::unlessAcknowledged)
                .extracting(p -> p.destination().name())
                .containsExactly("county-mail", "deputy-mail");
    }

    @Test
    void villageAlertEscalatesToItsTownshipAndTheTownshipsToTheCounty() {
        Alert inVillage = alert("330299103002", "late-deposit", Severity.HIGH);

        assertThat(plan(config(ESCALATING), inVillage, PUBLISHED))
                .filteredOn(PlannedDelivery::unlessAcknowledged)
                .extracting(PlannedDelivery::routeId, p -> p.destination().name())
                .containsExactly(
                        tuple("t103/escalation", "county-mail"),
                        tuple("v103002/escalation", "t103-wecom"),
                        tuple("v103002/escalation", "t103-office"));
    }

    @Test
    void escalationIdsAreStableAcrossRestartsAndDistinctFromDirectOnes() {
        List<PlannedDelivery> first = plan(config(ESCALATING), HIGH_IN_TOWNSHIP_103, PUBLISHED);
        List<PlannedDelivery> afterRestart =
                plan(config(ESCALATING), HIGH_IN_TOWNSHIP_103, PUBLISHED);
        Alert inVillage = alert("330299103002", "late-deposit", Severity.HIGH);
        List<PlannedDelivery> village = plan(config(ESCALATING), inVillage, PUBLISHED);

        assertThat(afterRestart).containsExactlyElementsOf(first);
        assertThat(village)
                .extracting(PlannedDelivery::deliveryId)
                .doesNotHaveDuplicates()
                .hasSize(village.size());
        // t103-wecom gets the village alert directly (t103) and as an escalation (v103002).
        assertThat(to(village, "t103-wecom"))
                .hasSize(2)
                .extracting(PlannedDelivery::deliveryId)
                .doesNotHaveDuplicates();
    }

    @Test
    void aSubscriptionMaySetItsOwnSeverityAndTime() {
        String own =
                ESCALATING.replace(
                        "{id: t103, recipient: township-103, division: \"330299103\"}",
                        "{id: t103, recipient: township-103, division: \"330299103\","
                                + " escalation: {min-severity: MEDIUM, ack-within: 2h}}");
        Alert medium = alert("330299103001", "late-deposit", Severity.MEDIUM);

        assertThat(to(plan(config(own), medium, PUBLISHED), "county-mail"))
                .singleElement()
                .extracting(PlannedDelivery::notBefore)
                .isEqualTo(PUBLISHED.plus(Duration.ofHours(2)));
    }

    @Test
    void aSubscriptionMayTurnTheDefaultOff() {
        String off =
                ESCALATING.replace(
                        "{id: t103, recipient: township-103, division: \"330299103\"}",
                        "{id: t103, recipient: township-103, division: \"330299103\","
                                + " escalation: off}");

        assertThat(plan(config(off), HIGH_IN_TOWNSHIP_103, PUBLISHED))
                .noneMatch(PlannedDelivery::unlessAcknowledged);
    }

    @Test
    void withoutEscalationConfiguredNothingEscalates() {
        assertThat(plan(config(COUNTY), HIGH_IN_TOWNSHIP_103, PUBLISHED))
                .noneMatch(PlannedDelivery::unlessAcknowledged);
    }

    @Test
    void twoSubscriptionsEscalatingToOneDestinationPlanOneDeliveryAtTheEarlierTime() {
        String overlapping =
                ESCALATING
                        + "  - id: t103-cars\n"
                        + "    recipient: township-103\n"
                        + "    division: \"330299103\"\n"
                        + "    escalation: {ack-within: 10m}\n";

        assertThat(to(plan(config(overlapping), HIGH_IN_TOWNSHIP_103, PUBLISHED), "county-mail"))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.notBefore()).isEqualTo(shanghai("2025-09-19T10:10"));
                            assertThat(p.routeId()).isEqualTo("t103-cars/escalation");
                        });
    }

    @Test
    void theDefaultLeavesCountySubscriptionsAloneForNothingIsAboveThem() {
        String countySubscribes =
                ESCALATING
                        + "  - {id: county-all, recipient: county-330299, division: \"330299\"}\n";
        Alert inTownship101 = alert("330299101001", "late-deposit", Severity.CRITICAL);

        assertThat(plan(config(countySubscribes), inTownship101, PUBLISHED))
                .filteredOn(PlannedDelivery::unlessAcknowledged)
                .extracting(PlannedDelivery::routeId)
                .containsExactly("t101/escalation");
    }

    @Test
    void refusesAnEscalationAskedForByACountySubscription() {
        String countyEscalates =
                COUNTY
                        + "  - id: county-all\n"
                        + "    recipient: county-330299\n"
                        + "    division: \"330299\"\n"
                        + "    escalation: {ack-within: 30m}\n";

        assertThatThrownBy(() -> config(countyEscalates))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessage(
                        "subscriptions[4].escalation: recipient county-330299 is at county level;"
                                + " there is no level above to escalate to.");
    }

    @Test
    void refusesATownshipWithNoCountyAboveIt() {
        String noCounty = ESCALATING.replace("division: \"330299\"\n", "division: \"330277\"\n");

        assertThatThrownBy(() -> config(noCounty))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessage(
                        "subscriptions[0].recipient: no county recipient's division contains"
                                + " 330299103 of recipient township-103, so an unacknowledged"
                                + " alert could not escalate.");
    }

    @Test
    void refusesAnEscalatingRecipientWithoutALevel() {
        String levelless =
                """
                escalation: {ack-within: 30m}
                recipients:
                  - id: inspectors
                    destinations:
                      - {name: mail, channel: email, to: a@example.org}
                subscriptions:
                  - {id: all, recipient: inspectors, division: "330299"}
                """;

        assertThatThrownBy(() -> config(levelless))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessage(
                        "subscriptions[0].recipient: recipient inspectors has no level and"
                                + " division, so there is no level above to escalate to.");
    }

    @Test
    void refusesAMisspeltEscalationKeyInsteadOfNotEscalating() {
        String typo = ESCALATING.replace("ack-within: 30m", "ack-whithin: 30m");

        assertThatThrownBy(() -> config(typo))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessage(
                        "escalation.ack-whithin: unknown key; expected one of min-severity,"
                                + " ack-within.");
    }

    @Test
    void refusesAnEscalationWithoutAnAckTime() {
        assertThatThrownBy(() -> config(ESCALATING.replace(", ack-within: 30m", "")))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessage("escalation.ack-within: missing.");
    }
}
