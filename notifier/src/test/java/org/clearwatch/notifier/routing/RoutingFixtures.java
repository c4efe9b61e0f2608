package org.clearwatch.notifier.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;

/** Configurations, alerts and instants that the routing stories share. */
final class RoutingFixtures {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Map<String, String> ENV = Map.of("T103_SECRET", "whsec-test");

    /** A county, two of its townships, one village, and a county next door. */
    static final String COUNTY =
            """
            recipients:
              - id: county-330299
                level: county
                division: "330299"
                destinations:
                  - {name: county-mail, channel: email, to: jw@county.example}
              - id: county-330288
                level: county
                division: "330288"
                destinations:
                  - {name: next-county-mail, channel: email, to: jw@next.example}
              - id: township-103
                level: township
                division: "330299103"
                destinations:
                  - {name: t103-wecom, channel: wecom, url: "http://127.0.0.1:1/wecom"}
                  - name: t103-office
                    channel: webhook
                    url: "http://127.0.0.1:1/hooks"
                    secret-env: T103_SECRET
              - id: township-101
                level: township
                division: "330299101"
                destinations:
                  - {name: t101-wecom, channel: wecom, url: "http://127.0.0.1:1/wecom101"}
              - id: village-103002
                level: village
                division: "330299103002"
                destinations:
                  - {name: v103002-mail, channel: email, to: cun@example.org}
            subscriptions:
              - {id: t103, recipient: township-103, division: "330299103"}
              - {id: t101, recipient: township-101, division: "330299101"}
              - {id: v103002, recipient: village-103002, division: "330299103002"}
              - {id: next-county, recipient: county-330288, division: "330288"}
            """;

    private RoutingFixtures() {}

    static RoutingConfig config(String yaml) {
        return RoutingConfig.parse(yaml(yaml), ENV);
    }

    static JsonNode yaml(String text) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 2025-09-19T23:10} on the Shanghai wall clock. */
    static Instant shanghai(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    static List<PlannedDelivery> plan(RoutingConfig config, Alert alert, Instant publishedAt) {
        return config.router().plan(alert, publishedAt);
    }

    static List<PlannedDelivery> to(List<PlannedDelivery> planned, String destination) {
        return planned.stream().filter(p -> p.destination().name().equals(destination)).toList();
    }

    static Alert alert(String villageCode, String model, Severity severity) {
        return alert(villageCode, model, severity, AlertKind.RAISED);
    }

    static Alert alert(String villageCode, String model, Severity severity, AlertKind kind) {
        return Alert.newBuilder()
                .setAlertId("A-" + model + "-" + villageCode)
                .setKind(kind)
                .setModelId(model)
                .setModelVersion("1")
                .setSeverity(severity)
                .setEntityType("ledger_account")
                .setEntityId(villageCode + "-01")
                .setTownshipCode(villageCode.substring(0, 9))
                .setVillageCode(villageCode)
                .setTitle("标题")
                .setSummary("摘要")
                .setAmountFen(100L)
                .setEventTime(Instant.parse("2025-09-19T00:00:00Z"))
                .setDetectedAt(Instant.parse("2025-09-19T00:00:01Z"))
                .build();
    }

    /** An alert of a whole township, such as a car's, without a village. */
    static Alert townshipAlert(String townshipCode, String model, Severity severity) {
        return Alert.newBuilder(alert(townshipCode + "000", model, severity))
                .setAlertId("A-" + model + "-" + townshipCode)
                .setVillageCode(null)
                .setEntityType("vehicle")
                .setEntityId("浙A12345")
                .build();
    }
}
