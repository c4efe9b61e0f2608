package org.clearwatch.notifier.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.clearwatch.notifier.routing.RoutingFixtures.alert;
import static org.clearwatch.notifier.routing.RoutingFixtures.shanghai;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.schema.alert.Severity;
import org.junit.jupiter.api.Test;

/**
 * The routing example in docs/NOTIFY.md is a configuration that works the way the reference tells.
 */
class RoutingReferenceTest {

    private static final Map<String, String> ENV =
            Map.of(
                    "CLEARWATCH_T103_WEBHOOK_SECRET", "whsec-a",
                    "CLEARWATCH_V103002_DINGTALK_SECRET", "SEC-b");

    @Test
    void theReferenceExampleRoutesAHighVillageAlertAsItsStoriesSay() throws IOException {
        RoutingConfig example = RoutingConfig.parse(RoutingFixtures.yaml(exampleYaml()), ENV);

        List<PlannedDelivery> planned =
                example.router()
                        .plan(
                                alert("330299103002", "late-deposit", Severity.HIGH),
                                shanghai("2025-09-19T10:00"));

        assertThat(planned)
                .extracting(
                        PlannedDelivery::routeId,
                        p -> p.destination().name(),
                        PlannedDelivery::notBefore)
                .containsExactly(
                        tuple("t103", "t103-wecom", shanghai("2025-09-19T10:00")),
                        tuple("t103", "t103-office", shanghai("2025-09-19T10:00")),
                        tuple("v103002-money", "v103002-dingtalk", shanghai("2025-09-19T10:00")),
                        tuple("t103/escalation", "county-mail", shanghai("2025-09-19T10:30")),
                        tuple(
                                "v103002-money/escalation",
                                "t103-wecom",
                                shanghai("2025-09-19T12:00")),
                        tuple(
                                "v103002-money/escalation",
                                "t103-office",
                                shanghai("2025-09-19T12:00")));
    }

    private static String exampleYaml() throws IOException {
        String reference = Files.readString(Path.of("../docs/NOTIFY.md"));
        int routing = reference.indexOf("\n## Routing\n");
        int start = reference.indexOf("```yaml\n", routing) + "```yaml\n".length();
        return reference.substring(start, reference.indexOf("```", start));
    }
}
