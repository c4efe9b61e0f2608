package org.clearwatch.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.clearwatch.notifier.plan.Channel;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.notifier.plan.NotifyConfigException;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.notifier.testing.TestAlerts;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.Severity;
import org.junit.jupiter.api.Test;

class NotifierConfigTest {

    static final String CONFIG =
            """
            kafka:
              bootstrap-servers: 127.0.0.1:9092
            delivery:
              max-attempts: 5
              initial-backoff: 500ms
              request-timeout: 3s
            allow-list:
              - 127.0.0.1:*
              - "*.example.org"
            links:
              alert-base-url: https://watch.example.org/alerts/
              ack-base-url: https://notify.example.org/
            recipients:
              - id: township-103
                destinations:
                  - name: t103-office
                    channel: webhook
                    url: https://hooks.example.org/clearwatch
                    secret-env: T103_SECRET
                  - name: t103-inbox
                    channel: webhook
                    url: http://127.0.0.1:9270/webhook
                    secret-env: T103_SECRET
            subscriptions:
              - id: t103
                recipient: township-103
                division: "330299103"
            """;

    private static final Map<String, String> ENV =
            Map.of(
                    "T103_SECRET",
                    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    "CLEARWATCH_ACK_SECRET",
                    "ack");

    @Test
    void readsItsSectionsWithDefaultsForWhatIsNotSaid() {
        NotifierConfig config = NotifierConfig.parse(yaml(CONFIG), ENV);

        assertThat(config.kafka()).containsEntry("bootstrap.servers", "127.0.0.1:9092");
        assertThat(config.kafka()).containsEntry("security.protocol", "PLAINTEXT");
        assertThat(config.topics())
                .isEqualTo(
                        new NotifierConfig.Topics(
                                "alerts", "notify-ledger", "notify-dead-letters"));
        assertThat(config.delivery().retry().maxAttempts()).isEqualTo(5);
        assertThat(config.delivery().retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.delivery().requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.delivery().retry().giveUpAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(config.metricsPort()).isEqualTo(9262);
        assertThat(config.routing().destinations()).hasSize(2);
        assertThat(config.smtp()).isNull();
    }

    @Test
    void saslSslTakesThePasswordFromTheEnvironment() {
        String sasl =
                CONFIG.replace(
                        "  bootstrap-servers: 127.0.0.1:9092\n",
                        """
                          bootstrap-servers: kafka.example.org:9093
                          security-protocol: SASL_SSL
                          sasl-mechanism: SCRAM-SHA-512
                          sasl-username: clearwatch-notifier
                          sasl-password-env: KAFKA_PASSWORD
                        """);
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("KAFKA_PASSWORD", "pa\"ss");

        NotifierConfig config = NotifierConfig.parse(yaml(sasl), env);

        assertThat(config.kafka())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"clearwatch-notifier\" password=\"pa\\\"ss\";");
        assertThatThrownBy(() -> NotifierConfig.parse(yaml(sasl), ENV))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessage(
                        "kafka.sasl-password-env: the environment variable KAFKA_PASSWORD is not set.");
    }

    @Test
    void aDestinationOutsideTheAllowListIsRefusedWhenTheFileIsRead() {
        String outside =
                CONFIG.replace(
                        "https://hooks.example.org/clearwatch", "https://evil.example.com/x");

        assertThatThrownBy(() -> NotifierConfig.parse(yaml(outside), ENV))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessage(
                        "destination t103-office: https://evil.example.com is not in the allow-list.");
    }

    @Test
    void aSubdomainPatternDoesNotAllowAnotherPort() {
        String otherPort =
                CONFIG.replace(
                        "https://hooks.example.org/clearwatch", "https://hooks.example.org:8443/x");

        assertThatThrownBy(() -> NotifierConfig.parse(yaml(otherPort), ENV))
                .hasMessage(
                        "destination t103-office: https://hooks.example.org:8443 is not in the allow-list.");
    }

    @Test
    void theAcknowledgementSecretMustBeInTheEnvironment() {
        assertThatThrownBy(
                        () ->
                                NotifierConfig.parse(
                                        yaml(CONFIG),
                                        Map.of(
                                                "T103_SECRET",
                                                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))
                .hasMessage(
                        "links.ack-secret-env: the environment variable CLEARWATCH_ACK_SECRET is not set.");
    }

    @Test
    void aBadDurationNamesItsKey() {
        assertThatThrownBy(
                        () ->
                                NotifierConfig.parse(
                                        yaml(CONFIG.replace("500ms", "half a second")), ENV))
                .hasMessage(
                        "delivery.initial-backoff: half a second is not a duration like 500ms, 10s, 5m or 1h.");
    }

    @Test
    void aKeyTheNotifierDoesNotReadIsRefusedNotIgnored() {
        String misspelt =
                CONFIG.replace(
                        "  bootstrap-servers: 127.0.0.1:9092\n",
                        "  bootstrap-servers: 127.0.0.1:9092\n  ssl-truststore: /ca.p12\n");
        String unknownSection = CONFIG + "alerts-topic: alerts\n";

        assertThatThrownBy(() -> NotifierConfig.parse(yaml(misspelt), ENV))
                .hasMessageStartingWith("kafka.ssl-truststore: unknown key; expected one of");
        assertThatThrownBy(() -> NotifierConfig.parse(yaml(unknownSection), ENV))
                .hasMessageStartingWith("alerts-topic: unknown section; expected one of");
    }

    @Test
    void aMissingAllowListIsRefused() {
        String none = CONFIG.replace("allow-list:\n  - 127.0.0.1:*\n  - \"*.example.org\"\n", "");

        assertThatThrownBy(() -> NotifierConfig.parse(yaml(none), ENV))
                .hasMessage("allow-list: missing; list the host[:port] every push may go to.");
    }

    @Test
    void aMailboxNeedsAnSmtpServerInTheAllowList() {
        String mail =
                CONFIG.replace(
                                "                  - name: t103-inbox\n",
                                """
                                                  - name: t103-mail
                                                    channel: email
                                                    to: jjw@township.example.org
                                                  - name: t103-inbox
                                """)
                        + """
                        email:
                          host: smtp.example.com
                          port: 587
                          from: clearwatch@county.example.org
                        """;

        assertThatThrownBy(() -> NotifierConfig.parse(yaml(mail), ENV))
                .hasMessage("email.host: smtp.example.com:587 is not in the allow-list.");
        NotifierConfig ok =
                NotifierConfig.parse(
                        yaml(mail.replace("smtp.example.com", "smtp.example.org")), ENV);
        assertThat(ok.smtp().startTlsRequired()).isTrue();
    }

    @Test
    void theExampleInDeployIsValid() {
        NotifierConfig config = example();

        assertThat(config.routing().destinations())
                .extracting(Destination::name)
                .containsExactly(
                        "county-mail",
                        "county-office",
                        "t103-wecom",
                        "t103-office",
                        "t101-dingtalk",
                        "t101-mail",
                        "v103002-wecom",
                        "local-inbox");
        assertThat(config.routing().destinations())
                .extracting(Destination::channel)
                .contains(Channel.WEBHOOK, Channel.WECOM, Channel.DINGTALK, Channel.EMAIL);
        assertThat(config.smtp().startTlsRequired()).isTrue();
        assertThat(config.metricsPort()).isEqualTo(9262);
    }

    @Test
    void theExampleEscalatesAnUnacknowledgedHighVillageAlertToTheTownshipAndTheCounty() {
        Instant tenOClock = Instant.parse("2025-09-19T02:00:00Z"); // 10:00 in Shanghai

        List<PlannedDelivery> planned =
                example().routing().router().plan(TestAlerts.lateDeposit("A-1"), tenOClock);

        assertThat(planned)
                .extracting(
                        PlannedDelivery::routeId,
                        p -> p.destination().name(),
                        PlannedDelivery::notBefore,
                        PlannedDelivery::unlessAcknowledged)
                .containsExactly(
                        tuple("t103", "t103-wecom", tenOClock, false),
                        tuple("t103", "t103-office", tenOClock, false),
                        tuple("v103002-money", "v103002-wecom", tenOClock, false),
                        tuple("everything-local", "local-inbox", tenOClock, false),
                        tuple(
                                "t103/escalation",
                                "county-mail",
                                tenOClock.plus(Duration.ofMinutes(30)),
                                true),
                        tuple(
                                "t103/escalation",
                                "county-office",
                                tenOClock.plus(Duration.ofMinutes(30)),
                                true),
                        tuple(
                                "v103002-money/escalation",
                                "t103-wecom",
                                tenOClock.plus(Duration.ofHours(2)),
                                true),
                        tuple(
                                "v103002-money/escalation",
                                "t103-office",
                                tenOClock.plus(Duration.ofHours(2)),
                                true));
        assertThat(example().routing().rateLimiter().tryAcquire("t103", tenOClock))
                .isEqualTo(tenOClock);
    }

    @Test
    void theExampleHoldsALowAlertAtNightForTheMorningDigestButNotForTheLocalInbox() {
        Instant tenPastEleven = Instant.parse("2025-09-19T15:10:00Z"); // 23:10 in Shanghai
        Instant halfPastSeven = Instant.parse("2025-09-19T23:30:00Z"); // 07:30 the next day
        Alert low =
                Alert.newBuilder(TestAlerts.lateDeposit("A-low")).setSeverity(Severity.LOW).build();

        List<PlannedDelivery> planned = example().routing().router().plan(low, tenPastEleven);

        assertThat(planned)
                .extracting(
                        p -> p.destination().name(),
                        PlannedDelivery::notBefore,
                        p -> p.digestKey() != null)
                .containsExactly(
                        tuple("t103-wecom", halfPastSeven, true),
                        tuple("t103-office", halfPastSeven, true),
                        tuple("local-inbox", tenPastEleven, false));
    }

    private static NotifierConfig example() {
        return NotifierConfig.load(
                Path.of("../deploy/local/notify.yaml"),
                Map.of(
                        "CLEARWATCH_T103_WEBHOOK_SECRET",
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "CLEARWATCH_COUNTY_WEBHOOK_SECRET",
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "CLEARWATCH_T101_DINGTALK_SECRET",
                        "SEC-test",
                        "CLEARWATCH_INBOX_SECRET",
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "CLEARWATCH_ACK_SECRET",
                        "ack"));
    }

    @Test
    void aMissingFileIsOneSentence() {
        assertThatThrownBy(() -> NotifierConfig.load(Path.of("/nonexistent/notify.yaml"), ENV))
                .hasMessage("Configuration file /nonexistent/notify.yaml does not exist.");
    }

    static JsonNode yaml(String text) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
