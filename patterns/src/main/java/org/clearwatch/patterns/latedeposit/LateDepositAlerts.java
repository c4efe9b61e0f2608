package org.clearwatch.patterns.latedeposit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearwatch.patterns.alerting.AlertIds;
import org.clearwatch.patterns.alerting.AlertParts;
import org.clearwatch.patterns.alerting.Money;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;

/** The alerts late-deposit raises and resolves: ids, Chinese text, evidence and facts. */
public final class LateDepositAlerts {

    private LateDepositAlerts() {}

    public static String alertId(String accountId, String receiptEntryId) {
        return AlertIds.of(LateDeposit.ID, accountId, receiptEntryId);
    }

    /** At the deadline: the receipt with what was still not banked. */
    public static Alert raised(
            String accountId, OpenReceipt receipt, LateDeposit.Settings settings, Instant now) {
        LocalDate lastDay = DepositDeadline.lastDay(receipt.getDueAt());
        String summary =
                String.format(
                        "账户%s收据%s：%s收取现金%s元，应在%s前（%d个%s内）存入银行，期限届满仍有%s元未存入。",
                        accountId,
                        receipt.getReceiptNo(),
                        WorkingCalendar.localDate(receipt.getReceivedAt()),
                        Money.yuan(receipt.getAmountFen()),
                        lastDay,
                        settings.deadlineDays(),
                        settings.workingDays() ? "工作日" : "自然日",
                        Money.yuan(receipt.getOutstandingFen()));
        return base(accountId, receipt, settings, AlertKind.RAISED, receipt.getDueAt(), now)
                .setTitle("现金收入逾期未存入银行")
                .setSummary(summary)
                .setAmountFen(receipt.getOutstandingFen())
                .build();
    }

    /** When the rest arrives: how late it was. */
    public static Alert resolved(
            String accountId,
            OpenReceipt settled,
            Instant settledAt,
            LateDeposit.Settings settings,
            Instant now) {
        long outstandingAtDeadline = outstandingAt(settled, settled.getDueAt());
        long daysLate = daysLate(settled.getDueAt(), settledAt);
        String summary =
                String.format(
                        "账户%s收据%s的现金已于%s全部存入银行，比期限（%s）晚%d天；期限届满时未存金额%s元。",
                        accountId,
                        settled.getReceiptNo(),
                        WorkingCalendar.localDate(settledAt),
                        DepositDeadline.lastDay(settled.getDueAt()),
                        daysLate,
                        Money.yuan(outstandingAtDeadline));
        Alert.Builder alert =
                base(accountId, settled, settings, AlertKind.RESOLVED, settledAt, now)
                        .setTitle("逾期现金已存入银行")
                        .setSummary(summary)
                        .setAmountFen(outstandingAtDeadline)
                        .setSeverity(severity(outstandingAtDeadline, settings));
        alert.getFacts().put("outstanding_at_deadline_fen", Long.toString(outstandingAtDeadline));
        alert.getFacts().put("settled_at", local(settledAt));
        alert.getFacts().put("days_late", Long.toString(daysLate));
        return alert.build();
    }

    /** What of the receipt was still unbanked at {@code instant}, from its allocations. */
    static long outstandingAt(OpenReceipt receipt, Instant instant) {
        long banked = 0;
        for (Allocation allocation : receipt.getAllocations()) {
            if (allocation.getDepositedAt().isBefore(instant)) {
                banked += allocation.getAmountFen();
            }
        }
        return receipt.getAmountFen() - banked;
    }

    /** Calendar days after the last allowed day: banked on the first late day is 1 day late. */
    public static long daysLate(Instant dueAt, Instant settledAt) {
        return AlertParts.daysLate(dueAt, settledAt);
    }

    /** Times in facts are local, with their offset: what an inspector reads. */
    static String local(Instant instant) {
        return AlertParts.local(instant);
    }

    static Severity severity(long outstandingFen, LateDeposit.Settings settings) {
        return AlertParts.byAmount(outstandingFen, settings.mediumFen(), settings.highFen());
    }

    private static Alert.Builder base(
            String accountId,
            OpenReceipt receipt,
            LateDeposit.Settings settings,
            AlertKind kind,
            Instant eventTime,
            Instant now) {
        List<EvidenceRecord> evidence = new ArrayList<>();
        evidence.add(
                AlertParts.ledgerEntry(
                        receipt.getEntryId(),
                        "receipt",
                        receipt.getReceivedAt(),
                        receipt.getAmountFen()));
        for (Allocation allocation : receipt.getAllocations()) {
            evidence.add(
                    AlertParts.ledgerEntry(
                            allocation.getDepositEntryId(),
                            "deposit",
                            allocation.getDepositedAt(),
                            allocation.getAmountFen()));
        }
        long deposited = receipt.getAmountFen() - receipt.getOutstandingFen();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("receipt_no", receipt.getReceiptNo());
        facts.put("received_at", local(receipt.getReceivedAt()));
        facts.put("due_at", local(receipt.getDueAt()));
        facts.put("last_day", DepositDeadline.lastDay(receipt.getDueAt()).toString());
        facts.put("deadline_days", Integer.toString(settings.deadlineDays()));
        facts.put("working_days", Boolean.toString(settings.workingDays()));
        facts.put("receipt_amount_fen", Long.toString(receipt.getAmountFen()));
        facts.put("deposited_fen", Long.toString(deposited));
        facts.put("outstanding_fen", Long.toString(receipt.getOutstandingFen()));
        return Alert.newBuilder()
                .setAlertId(alertId(accountId, receipt.getEntryId()))
                .setKind(kind)
                .setModelId(LateDeposit.ID)
                .setModelVersion(LateDeposit.VERSION)
                .setSeverity(severity(receipt.getOutstandingFen(), settings))
                .setEntityType("ledger_account")
                .setEntityId(accountId)
                .setTownshipCode(receipt.getTownshipCode())
                .setVillageCode(receipt.getVillageCode())
                .setEvidence(evidence)
                .setFacts(facts)
                .setEventTime(eventTime)
                .setDetectedAt(now);
    }
}
