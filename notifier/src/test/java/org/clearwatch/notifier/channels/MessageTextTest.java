package org.clearwatch.notifier.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.notifier.testing.TestAlerts;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.Severity;
import org.junit.jupiter.api.Test;

class MessageTextTest {

    private static final Links LINKS =
            new Links("https://watch.example/alerts/", "https://notify.example/", "ack-secret");
    private static final MessageText TEXT = new MessageText(LINKS);
    private static final Destination TO = TestAlerts.webhook("t103", "https://x.example/", "s");
    private static final Instant PUBLISHED = Instant.parse("2025-09-18T16:00:02Z");

    @Test
    void aPhoneReadsTitleDivisionModelSeverityMoneyEvidenceAndLinks() {
        String text = TEXT.markdown(push(TestAlerts.lateDeposit("A-1"), false));

        assertThat(text)
                .contains("【高】现金收入逾期未存（新告警）")
                .contains("**乡镇**：330299103")
                .contains("**村**：330299103002")
                .contains("late-deposit v1")
                .contains("34,945.00 元")
                .contains("receipt E-330299103002-0001（ledger，2025-09-15 10:00，34,945.00 元）")
                .contains("[查看告警](https://watch.example/alerts/A-1)")
                .contains("[确认收到](https://notify.example/ack/A-1?sig=" + LINKS.sign("A-1") + ")");
    }

    @Test
    void aLowOrResolvedAlertAsksForNoAcknowledgement() {
        Alert low =
                Alert.newBuilder(TestAlerts.lateDeposit("A-2")).setSeverity(Severity.LOW).build();
        Alert resolved =
                Alert.newBuilder(TestAlerts.lateDeposit("A-3")).setKind(AlertKind.RESOLVED).build();

        assertThat(TEXT.markdown(push(low, false))).doesNotContain("确认收到");
        assertThat(TEXT.markdown(push(resolved, false))).doesNotContain("确认收到").contains("已解除");
    }

    @Test
    void anIdNumberOrAccountThatSlippedThroughIsMaskedAgain() {
        Alert leaky =
                Alert.newBuilder(TestAlerts.lateDeposit("A-4"))
                        .setSummary("受益人330203199001011234，账户6222021234567890123收款。")
                        .setEntityId("33020319900101123X")
                        .build();

        String text = TEXT.plain(push(leaky, false));

        assertThat(text)
                .contains("3302**********1234")
                .contains("6222***********0123")
                .contains("3302**********123X")
                .doesNotContain("330203199001011234")
                .doesNotContain("6222021234567890123")
                // division codes and record ids stay readable
                .contains("330299103");
    }

    @Test
    void aDigestListsEveryAlertUnderOneTitle() {
        Push digest =
                new Push(
                        "digest-103-night",
                        TO,
                        List.of(
                                new Push.Item(TestAlerts.lateDeposit("A-5"), PUBLISHED, false),
                                new Push.Item(TestAlerts.lateDeposit("A-6"), PUBLISHED, false)),
                        true);

        assertThat(TEXT.title(digest)).isEqualTo("Clearwatch 告警汇总：2 条");
        assertThat(TEXT.markdown(digest)).contains("alerts/A-5").contains("alerts/A-6");
    }

    @Test
    void theWebhookBodyCarriesTheAlertFieldsPublicationAndLinks() throws Exception {
        JsonNode body =
                new ObjectMapper().readTree(TEXT.json(push(TestAlerts.lateDeposit("A-7"), true)));

        assertThat(body.get("type").asText()).isEqualTo("alert.raised");
        JsonNode data = body.get("data");
        assertThat(data.get("alert_id").asText()).isEqualTo("A-7");
        assertThat(data.get("amount_fen").asLong()).isEqualTo(3_494_500L);
        assertThat(data.get("published_at").asText()).isEqualTo(PUBLISHED.toString());
        assertThat(data.get("escalation").asBoolean()).isTrue();
        assertThat(data.get("ack_link").asText()).startsWith("https://notify.example/ack/A-7?sig=");
        assertThat(data.get("evidence").get(0).get("record_id").asText())
                .isEqualTo("E-330299103002-0001");
        assertThat(data.get("text").asText()).contains("升级");
    }

    private static Push push(Alert alert, boolean escalation) {
        return new Push("d-1", TO, List.of(new Push.Item(alert, PUBLISHED, escalation)), false);
    }
}
