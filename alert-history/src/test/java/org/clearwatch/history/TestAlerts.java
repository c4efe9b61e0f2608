package org.clearwatch.history;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;

/** Alerts as the models write them, with sensible defaults and named townships and times. */
final class TestAlerts {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String TOWNSHIP_A = "330299101";
    static final String TOWNSHIP_B = "330299102";
    static final String TOWNSHIP_C = "330299103";
    static final List<String> TOWNSHIPS = List.of(TOWNSHIP_A, TOWNSHIP_B, TOWNSHIP_C);
    static final List<String> MODELS =
            List.of("late-deposit", "rent-arrears", "repeated-payout", "off-hours-vehicle");

    /** 2025-10-01 00:00 in Asia/Shanghai, the first day of the National Day holiday. */
    static final Instant NATIONAL_DAY = at(2025, 10, 1, 0, 0);

    private TestAlerts() {}

    static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(SHANGHAI).toInstant();
    }

    /** A RAISED late-deposit alert of a ledger account in township A. */
    static Alert.Builder lateDeposit(String receiptNo) {
        return Alert.newBuilder()
                .setAlertId("late-deposit:" + receiptNo)
                .setKind(AlertKind.RAISED)
                .setModelId("late-deposit")
                .setModelVersion("1")
                .setSeverity(Severity.MEDIUM)
                .setEntityType("ledger_account")
                .setEntityId(TOWNSHIP_A + "001-01")
                .setTownshipCode(TOWNSHIP_A)
                .setVillageCode(TOWNSHIP_A + "001")
                .setTitle("现金未及时存入银行")
                .setSummary("收据" + receiptNo + "：收取现金20,000.00元，期限届满仍未存入。")
                .setAmountFen(2_000_000L)
                .setEvidence(
                        List.of(
                                EvidenceRecord.newBuilder()
                                        .setFeed("ledger")
                                        .setRecordId("E-" + receiptNo)
                                        .setRole("receipt")
                                        .setEventTime(NATIONAL_DAY.minusSeconds(86_400 * 5))
                                        .setAmountFen(2_000_000L)
                                        .build()))
                .setFacts(Map.of("deadline", "2025-09-30", "outstanding_fen", "2000000"))
                .setEventTime(NATIONAL_DAY)
                .setDetectedAt(NATIONAL_DAY.plusSeconds(2));
    }

    /**
     * A month of alerts over every model and township: {@code perDay} RAISED alerts a day from
     * {@code first}, each third one RESOLVED a day later. Ids are deterministic.
     */
    static List<Alert> month(Instant first, int days, int perDay) {
        List<Alert> alerts = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < perDay; i++) {
                int n = d * perDay + i;
                String model = MODELS.get(n % MODELS.size());
                String township = TOWNSHIPS.get((n / MODELS.size()) % TOWNSHIPS.size());
                Instant time = first.plusSeconds(86_400L * d + 3_600L * (i % 20) + 61L * i);
                Alert raised =
                        lateDeposit("SJ" + n)
                                .setAlertId(model + ":case-" + n)
                                .setModelId(model)
                                .setTownshipCode(township)
                                .setVillageCode(township + "00" + (n % 9 + 1))
                                .setEntityId(township + "00" + (n % 9 + 1) + "-01")
                                .setSeverity(Severity.values()[n % Severity.values().length])
                                .setAmountFen(10_000L * (n % 50 + 1))
                                .setEventTime(time)
                                .setDetectedAt(time.plusSeconds(3))
                                .build();
                alerts.add(raised);
                if (n % 3 == 0) {
                    alerts.add(
                            Alert.newBuilder(raised)
                                    .setKind(AlertKind.RESOLVED)
                                    .setEventTime(time.plusSeconds(86_400))
                                    .setDetectedAt(time.plusSeconds(86_403))
                                    .build());
                }
            }
        }
        return alerts;
    }
}
