package org.clearwatch.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.clearwatch.jobs.config.ClearwatchConfig;
import org.clearwatch.jobs.sim.ExpectedAlert;
import org.clearwatch.jobs.sim.Scenario;
import org.clearwatch.notifier.config.NotifierConfig;
import org.clearwatch.notifier.plan.NotifyConfigException;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.notifier.plan.Router;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.Severity;
import org.junit.jupiter.api.Test;

/** The demo's generated notifier configuration passes the real parser and routes every case. */
class DemoNotifierTest {

    private static final Map<String, String> ENV =
            Map.of(
                    "CLEARWATCH_DEMO_INBOX_SECRET",
                    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    "CLEARWATCH_ACK_SECRET",
                    "demo-ack");
    private static final String INBOX = "http://127.0.0.1:40123/webhook";

    @Test
    void everyAlertTheDemoScenarioPlantsIsPushedToTheInboxOnce() throws Exception {
        NotifierConfig config = DemoNotifier.config("127.0.0.1:9092", INBOX, 0, ENV);
        Router router = config.routing().router();
        List<ExpectedAlert> expected =
                Scenario.generate(
                                new Scenario.Options(7, LocalDate.of(2025, 9, 15), 30),
                                ClearwatchConfig.defaults(
                                                Map.of("kafka.bootstrap-servers", "127.0.0.1:9092"))
                                        .models(),
                                WorkingCalendar.china())
                        .expected();

        assertThat(expected).isNotEmpty();
        for (ExpectedAlert e : expected) {
            List<PlannedDelivery> planned = router.plan(alert(e), e.eventTime());
            assertThat(planned)
                    .as("pushes of %s in %s", e.key(), e.townshipCode())
                    .singleElement()
                    .satisfies(
                            p -> {
                                assertThat(p.destination().address()).isEqualTo(INBOX);
                                assertThat(p.notBefore()).isEqualTo(e.eventTime());
                                assertThat(p.digestKey()).isNull();
                            });
        }
    }

    @Test
    void anAlertOutsideTheSimulatedCountyIsNotPushed() throws Exception {
        NotifierConfig config = DemoNotifier.config("127.0.0.1:9092", INBOX, 0, ENV);
        ExpectedAlert elsewhere =
                new ExpectedAlert(
                        "late-deposit:x",
                        org.clearwatch.schema.alert.AlertKind.RAISED,
                        100L,
                        Instant.parse("2025-09-19T02:00:00Z"),
                        "110101001",
                        "x");

        assertThat(config.routing().router().plan(alert(elsewhere), elsewhere.eventTime()))
                .isEmpty();
    }

    @Test
    void withoutTheInboxSecretTheConfigurationIsRefused() {
        assertThatThrownBy(
                        () ->
                                DemoNotifier.config(
                                        "127.0.0.1:9092",
                                        INBOX,
                                        0,
                                        Map.of("CLEARWATCH_ACK_SECRET", "demo-ack")))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessageContaining("CLEARWATCH_DEMO_INBOX_SECRET");
    }

    private static Alert alert(ExpectedAlert e) {
        return Alert.newBuilder()
                .setAlertId(e.alertId())
                .setKind(e.kind())
                .setModelId(e.modelId())
                .setModelVersion("1")
                .setSeverity(Severity.LOW)
                .setEntityType("case")
                .setEntityId(e.label() == null ? "-" : e.label())
                .setTownshipCode(e.townshipCode())
                .setVillageCode(null)
                .setTitle("t")
                .setSummary("s")
                .setAmountFen(e.amountFen())
                .setEvidence(List.of())
                .setEventTime(e.eventTime())
                .setDetectedAt(e.eventTime())
                .build();
    }
}
