package org.clearwatch.notifier.testing;

import java.time.Instant;
import java.util.List;
import org.clearwatch.notifier.plan.Channel;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;

/** Alerts and planned deliveries built by hand, as routing would hand them over. */
public final class TestAlerts {

    public static final Instant RECEIPT_TIME = Instant.parse("2025-09-15T02:00:00Z");
    public static final Instant DEADLINE = Instant.parse("2025-09-18T16:00:00Z");

    private TestAlerts() {}

    /** A late deposit of 34,945.00 元 in village 330299103002, HIGH. */
    public static Alert lateDeposit(String alertId) {
        return Alert.newBuilder()
                .setAlertId(alertId)
                .setKind(AlertKind.RAISED)
                .setModelId("late-deposit")
                .setModelVersion("1")
                .setSeverity(Severity.HIGH)
                .setEntityType("ledger_account")
                .setEntityId("330299103002-01")
                .setTownshipCode("330299103")
                .setVillageCode("330299103002")
                .setTitle("现金收入逾期未存")
                .setSummary(
                        "账户330299103002-01收据SJ0900001：2025-09-15收取现金34,945.00元，应在2025-09-18前存入银行。")
                .setAmountFen(3_494_500L)
                .setEvidence(
                        List.of(
                                EvidenceRecord.newBuilder()
                                        .setFeed("ledger")
                                        .setRecordId("E-330299103002-0001")
                                        .setRole("receipt")
                                        .setEventTime(RECEIPT_TIME)
                                        .setAmountFen(3_494_500L)
                                        .build()))
                .setEventTime(DEADLINE)
                .setDetectedAt(DEADLINE.plusSeconds(1))
                .build();
    }

    public static Destination webhook(String name, String url, String secret) {
        return new Destination(name, Channel.WEBHOOK, url, secret);
    }

    public static PlannedDelivery delivery(
            String id, Destination to, Alert alert, Instant notBefore) {
        return new PlannedDelivery(
                id, "route-1", "township-103", to, notBefore, null, false, alert);
    }
}
