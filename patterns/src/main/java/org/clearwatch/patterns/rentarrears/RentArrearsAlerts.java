package org.clearwatch.patterns.rentarrears;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearwatch.patterns.alerting.AlertIds;
import org.clearwatch.patterns.alerting.AlertParts;
import org.clearwatch.patterns.alerting.Money;
import org.clearwatch.patterns.calendar.DayDeadline;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;

/**
 * The alerts rent-arrears raises and resolves: ids, Chinese text, evidence and facts. The lessee
 * appears by family name only.
 */
public final class RentArrearsAlerts {

    private RentArrearsAlerts() {}

    /** One case per rent due: the village, the contract and the RENT_DUE entry. */
    public static String alertId(String villageCode, String contractNo, String dueEntryId) {
        return AlertIds.of(RentArrears.ID, villageCode, contractNo, dueEntryId);
    }

    /** At the end of the grace period: the due with what was still not paid. */
    public static Alert raised(OpenDue due, RentArrears.Settings settings, Instant now) {
        long paid = due.getAmountFen() - due.getOutstandingFen();
        String summary =
                String.format(
                        "村%s合同%s%s：%s应收租金%s元，宽限期%d个%s，至%s止；期限届满%s仍欠%s元。",
                        due.getVillageCode(),
                        due.getContractNo(),
                        lessee(due),
                        WorkingCalendar.localDate(due.getDueOn()),
                        Money.yuan(due.getAmountFen()),
                        settings.graceDays(),
                        settings.workingDays() ? "工作日" : "自然日",
                        DayDeadline.lastDay(due.getDeadlineAt()),
                        paid > 0 ? "已收" + Money.yuan(paid) + "元、" : "",
                        Money.yuan(due.getOutstandingFen()));
        return base(due, settings, AlertKind.RAISED, due.getDeadlineAt(), now)
                .setTitle("集体资产租金逾期未收")
                .setSummary(summary)
                .setAmountFen(due.getOutstandingFen())
                .build();
    }

    /** When the rest is paid: how late it was. */
    public static Alert resolved(
            OpenDue atDeadline,
            OpenDue settled,
            Instant settledAt,
            RentArrears.Settings settings,
            Instant now) {
        long daysLate = AlertParts.daysLate(atDeadline.getDeadlineAt(), settledAt);
        String summary =
                String.format(
                        "村%s合同%s：%s应收租金%s元已于%s全部收到，比期限（%s）晚%d天；期限届满时欠缴%s元。",
                        settled.getVillageCode(),
                        settled.getContractNo(),
                        WorkingCalendar.localDate(settled.getDueOn()),
                        Money.yuan(settled.getAmountFen()),
                        WorkingCalendar.localDate(settledAt),
                        DayDeadline.lastDay(atDeadline.getDeadlineAt()),
                        daysLate,
                        Money.yuan(atDeadline.getOutstandingFen()));
        Alert.Builder alert =
                base(settled, settings, AlertKind.RESOLVED, settledAt, now)
                        .setTitle("逾期租金已收齐")
                        .setSummary(summary)
                        .setAmountFen(atDeadline.getOutstandingFen())
                        .setSeverity(severity(atDeadline.getOutstandingFen(), settings));
        alert.getFacts()
                .put("outstanding_at_deadline_fen", Long.toString(atDeadline.getOutstandingFen()));
        alert.getFacts().put("settled_at", AlertParts.local(settledAt));
        alert.getFacts().put("days_late", Long.toString(daysLate));
        return alert.build();
    }

    static Severity severity(long outstandingFen, RentArrears.Settings settings) {
        return AlertParts.byAmount(outstandingFen, settings.mediumFen(), settings.highFen());
    }

    private static String lessee(OpenDue due) {
        return due.getLesseeMasked().isEmpty() ? "" : "（承租方" + due.getLesseeMasked() + "）";
    }

    private static Alert.Builder base(
            OpenDue due,
            RentArrears.Settings settings,
            AlertKind kind,
            Instant eventTime,
            Instant now) {
        List<EvidenceRecord> evidence = new ArrayList<>();
        evidence.add(
                AlertParts.ledgerEntry(
                        due.getEntryId(), "rent_due", due.getDueOn(), due.getAmountFen()));
        for (RentPayment payment : due.getPayments()) {
            evidence.add(
                    AlertParts.ledgerEntry(
                            payment.getEntryId(),
                            "rent_payment",
                            payment.getPaidAt(),
                            payment.getAmountFen()));
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("contract_no", due.getContractNo());
        facts.put("account_id", due.getAccountId());
        if (!due.getLesseeMasked().isEmpty()) {
            facts.put("lessee", due.getLesseeMasked());
        }
        facts.put("due_on", AlertParts.local(due.getDueOn()));
        facts.put("deadline_at", AlertParts.local(due.getDeadlineAt()));
        facts.put("last_day", DayDeadline.lastDay(due.getDeadlineAt()).toString());
        facts.put("grace_days", Integer.toString(settings.graceDays()));
        facts.put("working_days", Boolean.toString(settings.workingDays()));
        facts.put("due_amount_fen", Long.toString(due.getAmountFen()));
        facts.put("paid_fen", Long.toString(due.getAmountFen() - due.getOutstandingFen()));
        facts.put("outstanding_fen", Long.toString(due.getOutstandingFen()));
        return Alert.newBuilder()
                .setAlertId(alertId(due.getVillageCode(), due.getContractNo(), due.getEntryId()))
                .setKind(kind)
                .setModelId(RentArrears.ID)
                .setModelVersion(RentArrears.VERSION)
                .setSeverity(severity(due.getOutstandingFen(), settings))
                .setEntityType("lease_contract")
                .setEntityId(due.getContractNo())
                .setTownshipCode(due.getTownshipCode())
                .setVillageCode(due.getVillageCode())
                .setEvidence(evidence)
                .setFacts(facts)
                .setEventTime(eventTime)
                .setDetectedAt(now);
    }
}
