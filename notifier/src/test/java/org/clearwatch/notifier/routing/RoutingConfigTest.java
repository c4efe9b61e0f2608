package org.clearwatch.notifier.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.clearwatch.notifier.plan.NotifyConfigException;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;
import org.junit.jupiter.api.Test;

class RoutingConfigTest {

    private static final String CONFIG =
            """
            recipients:
              - id: township-103
                destinations:
                  - name: t103-wecom
                    channel: wecom
                    url: http://127.0.0.1:1/wecom
                  - name: t103-office
                    channel: webhook
                    url: http://127.0.0.1:1/hooks
                    secret-env: T103_SECRET
              - id: village-103002
                destinations:
                  - name: v103002-mail
                    channel: email
                    to: cun@example.org
            subscriptions:
              - id: t103
                recipient: township-103
                division: "330299103"
              - id: v103002-money
                recipient: village-103002
                division: "330299103002"
                models: [late-deposit]
                min-severity: HIGH
            """;

    private static final Instant PUBLISHED = Instant.parse("2025-09-19T01:00:00Z");

    @Test
    void townshipSubscriptionGetsEveryAlertOfItsTownshipOnEachDestination() {
        List<PlannedDelivery> planned =
                config().router()
                        .plan(alert("330299103001", "rent-arrears", Severity.LOW), PUBLISHED);

        assertThat(planned)
                .extracting(p -> p.destination().name())
                .containsExactly("t103-wecom", "t103-office");
        assertThat(planned).allMatch(p -> p.notBefore().equals(PUBLISHED));
    }

    @Test
    void villageSubscriptionFiltersByModelAndSeverity() {
        RoutingConfig config = config();

        assertThat(
                        config.router()
                                .plan(
                                        alert("330299103002", "late-deposit", Severity.HIGH),
                                        PUBLISHED))
                .extracting(PlannedDelivery::routeId)
                .containsExactly("t103", "t103", "v103002-money");
        assertThat(
                        config.router()
                                .plan(
                                        alert("330299103002", "late-deposit", Severity.MEDIUM),
                                        PUBLISHED))
                .extracting(PlannedDelivery::routeId)
                .containsExactly("t103", "t103");
        assertThat(
                        config.router()
                                .plan(
                                        alert("330299103002", "rent-arrears", Severity.CRITICAL),
                                        PUBLISHED))
                .extracting(PlannedDelivery::routeId)
                .containsExactly("t103", "t103");
    }

    @Test
    void anotherTownshipIsNotTold() {
        assertThat(
                        config().router()
                                .plan(
                                        alert("330299101001", "late-deposit", Severity.CRITICAL),
                                        PUBLISHED))
                .isEmpty();
    }

    @Test
    void deliveryIdsAreStableAndDifferPerStepAndDestination() {
        Alert raised = alert("330299103001", "late-deposit", Severity.HIGH);
        List<PlannedDelivery> first = config().router().plan(raised, PUBLISHED);
        List<PlannedDelivery> again = config().router().plan(raised, PUBLISHED.plusSeconds(60));
        Alert resolved = Alert.newBuilder(raised).setKind(AlertKind.RESOLVED).build();

        assertThat(again)
                .extracting(PlannedDelivery::deliveryId)
                .containsExactlyElementsOf(
                        first.stream().map(PlannedDelivery::deliveryId).toList());
        assertThat(first.get(0).deliveryId()).isNotEqualTo(first.get(1).deliveryId());
        assertThat(config().router().plan(resolved, PUBLISHED).get(0).deliveryId())
                .isNotEqualTo(first.get(0).deliveryId());
    }

    @Test
    void countySubscriptionHearsEveryTownshipOfTheCounty() {
        RoutingConfig county =
                RoutingFixtures.config(
                        RoutingFixtures.COUNTY
                                + "  - {id: county-high, recipient: county-330299,"
                                + " division: \"330299\", min-severity: HIGH}\n");

        assertThat(
                        county.router()
                                .plan(
                                        alert("330299101004", "late-deposit", Severity.HIGH),
                                        PUBLISHED))
                .extracting(PlannedDelivery::routeId)
                .containsExactly("t101", "county-high");
    }

    @Test
    void alertWithoutAVillageReachesTheTownshipButNoVillage() {
        RoutingConfig county = RoutingFixtures.config(RoutingFixtures.COUNTY);

        assertThat(
                        county.router()
                                .plan(
                                        RoutingFixtures.townshipAlert(
                                                "330299103", "off-hours-vehicle", Severity.HIGH),
                                        PUBLISHED))
                .extracting(PlannedDelivery::recipientId)
                .containsOnly("township-103");
    }

    @Test
    void villageAlertReachesItsVillageAndItsTownshipButNotTheNeighbouringVillage() {
        RoutingConfig county = RoutingFixtures.config(RoutingFixtures.COUNTY);

        assertThat(
                        county.router()
                                .plan(
                                        alert("330299103002", "late-deposit", Severity.LOW),
                                        PUBLISHED))
                .extracting(PlannedDelivery::recipientId)
                .containsExactly("township-103", "township-103", "village-103002");
        assertThat(
                        county.router()
                                .plan(
                                        alert("330299103003", "late-deposit", Severity.LOW),
                                        PUBLISHED))
                .extracting(PlannedDelivery::recipientId)
                .containsOnly("township-103");
    }

    @Test
    void overlappingSubscriptionsOfOneRecipientTellEachDestinationOnce() {
        RoutingConfig overlapping =
                RoutingFixtures.config(
                        RoutingFixtures.COUNTY
                                + "  - {id: t103-money, recipient: township-103,"
                                + " division: \"330299103\", models: [late-deposit]}\n");

        assertThat(
                        overlapping
                                .router()
                                .plan(
                                        alert("330299103001", "late-deposit", Severity.LOW),
                                        PUBLISHED))
                .extracting(PlannedDelivery::routeId, p -> p.destination().name())
                .containsExactly(tuple("t103", "t103-wecom"), tuple("t103", "t103-office"));
    }

    @Test
    void refusesASignedChannelWhoseSecretIsNotInTheEnvironment() {
        assertThatThrownBy(() -> RoutingConfig.parse(yaml(CONFIG), Map.of()))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessage(
                        "recipients[0].destinations[1].secret-env: the environment variable"
                                + " T103_SECRET is not set.");
    }

    @Test
    void refusesASubscriptionToAnUnknownRecipient() {
        assertThatThrownBy(
                        () ->
                                RoutingConfig.parse(
                                        yaml(
                                                CONFIG.replace(
                                                        "recipient: village-103002",
                                                        "recipient: nobody")),
                                        Map.of("T103_SECRET", "s")))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessage("subscriptions[1].recipient: no recipient with id nobody.");
    }

    @Test
    void refusesAnUnknownSeverity() {
        assertThatThrownBy(
                        () ->
                                RoutingConfig.parse(
                                        yaml(
                                                CONFIG.replace(
                                                        "min-severity: HIGH",
                                                        "min-severity: urgent")),
                                        Map.of("T103_SECRET", "s")))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessageContaining("subscriptions[1].min-severity: URGENT is not one of");
    }

    private static RoutingConfig config() {
        return RoutingConfig.parse(yaml(CONFIG), Map.of("T103_SECRET", "whsec-test"));
    }

    private static JsonNode yaml(String text) {
        return RoutingFixtures.yaml(text);
    }

    static Alert alert(String villageCode, String model, Severity severity) {
        return RoutingFixtures.alert(villageCode, model, severity);
    }
}
