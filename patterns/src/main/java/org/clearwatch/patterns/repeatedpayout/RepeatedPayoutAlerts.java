package org.clearwatch.patterns.repeatedpayout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.clearwatch.patterns.alerting.AlertIds;
import org.clearwatch.patterns.alerting.Masking;
import org.clearwatch.patterns.alerting.Money;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;
import org.clearwatch.schema.feed.BankPayout;

/**
 * The alerts repeated-payout raises and updates: ids, Chinese text, evidence and facts. Ids are
 * built from payout ids only, never from a national ID number.
 */
public final class RepeatedPayoutAlerts {

    /** Payments listed in a summary; the evidence holds them all. */
    private static final int LISTED_IN_SUMMARY = 6;

    private RepeatedPayoutAlerts() {}

    /** The case of one programme and period: named after its first payment. */
    public static String samePeriodAlertId(String firstPayoutId) {
        return AlertIds.of(RepeatedPayout.ID, "same-period", firstPayoutId);
    }

    /** The case of one programme and calendar year: named after the year's first payment. */
    public static String yearlyLimitAlertId(String programCode, int year, String firstPayoutId) {
        return AlertIds.of(
                RepeatedPayout.ID,
                "yearly-limit",
                programCode,
                Integer.toString(year),
                firstPayoutId);
    }

    public static Alert alert(Repeat repeat, RepeatedPayout.Settings settings, Instant now) {
        return repeat.rule() == Repeat.Rule.SAME_PERIOD
                ? samePeriod(repeat, settings, now)
                : yearlyLimit(repeat, settings, now);
    }

    private static Alert samePeriod(Repeat repeat, RepeatedPayout.Settings settings, Instant now) {
        BankPayout payout = repeat.trigger();
        int times = repeat.payments().size();
        String summary =
                String.format(
                        "受益人%s（%s）%s补贴%s期已发放%d次：%s；%s%s元。",
                        Masking.name(payout.getBeneficiaryName()),
                        Masking.nationalId(payout.getBeneficiaryId()),
                        payout.getProgramCode(),
                        payout.getPeriod(),
                        times,
                        listed(repeat.payments()),
                        times == 2 ? "重复发放" : "累计重复发放",
                        Money.yuan(repeat.overpaidFen()));
        Alert.Builder alert =
                base(repeat, settings, now)
                        .setTitle(repeat.kind() == AlertKind.RAISED ? "同一期补贴重复发放" : "同一期补贴再次重复发放")
                        .setSummary(summary);
        alert.getFacts().put("period", payout.getPeriod());
        alert.getFacts().put("payments", Integer.toString(times));
        return alert.build();
    }

    private static Alert yearlyLimit(Repeat repeat, RepeatedPayout.Settings settings, Instant now) {
        BankPayout payout = repeat.trigger();
        String summary =
                String.format(
                        "受益人%s（%s）%d年%s补贴已发放%d期（%s），超过每年%d期的上限，超出部分%s元。",
                        Masking.name(payout.getBeneficiaryName()),
                        Masking.nationalId(payout.getBeneficiaryId()),
                        repeat.year(),
                        payout.getProgramCode(),
                        repeat.periods().size(),
                        String.join("、", repeat.periods()),
                        repeat.limit(),
                        Money.yuan(repeat.overpaidFen()));
        Alert.Builder alert =
                base(repeat, settings, now)
                        .setTitle(
                                repeat.kind() == AlertKind.RAISED
                                        ? "补贴发放期数超过年度上限"
                                        : "补贴发放期数再次超过年度上限")
                        .setSummary(summary);
        alert.getFacts().put("year", Integer.toString(repeat.year()));
        alert.getFacts().put("period", payout.getPeriod());
        alert.getFacts().put("periods_paid", String.join(",", repeat.periods()));
        alert.getFacts().put("yearly_limit", Integer.toString(repeat.limit()));
        return alert.build();
    }

    static Severity severity(long overpaidFen, RepeatedPayout.Settings settings) {
        return overpaidFen >= settings.highFen() ? Severity.HIGH : Severity.MEDIUM;
    }

    private static String listed(List<Payment> payments) {
        StringJoiner text = new StringJoiner("、");
        for (Payment p : payments.subList(0, Math.min(payments.size(), LISTED_IN_SUMMARY))) {
            text.add(
                    WorkingCalendar.localDate(p.getPaidAt())
                            + " "
                            + Money.yuan(p.getAmountFen())
                            + "元");
        }
        if (payments.size() > LISTED_IN_SUMMARY) {
            text.add("等");
        }
        return text.toString();
    }

    /** Times in facts are local, with their offset: what an inspector reads. */
    static String local(Instant instant) {
        return instant.atZone(WorkingCalendar.ZONE).toOffsetDateTime().toString();
    }

    private static Alert.Builder base(
            Repeat repeat, RepeatedPayout.Settings settings, Instant now) {
        BankPayout payout = repeat.trigger();
        List<EvidenceRecord> evidence = new ArrayList<>();
        for (Payment payment : repeat.payments()) {
            evidence.add(
                    EvidenceRecord.newBuilder()
                            .setFeed("payout")
                            .setRecordId(payment.getPayoutId())
                            .setRole("payout")
                            .setEventTime(payment.getPaidAt())
                            .setAmountFen(payment.getAmountFen())
                            .build());
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(
                "rule", repeat.rule() == Repeat.Rule.SAME_PERIOD ? "same-period" : "yearly-limit");
        facts.put("program_code", payout.getProgramCode());
        facts.put("payout_id", payout.getPayoutId());
        facts.put("paid_at", local(payout.getPaidAt()));
        facts.put("first_payout_id", repeat.payments().get(0).getPayoutId());
        facts.put("overpaid_fen", Long.toString(repeat.overpaidFen()));
        facts.put("beneficiary_name", Masking.name(payout.getBeneficiaryName()));
        return Alert.newBuilder()
                .setAlertId(repeat.alertId())
                .setKind(repeat.kind())
                .setModelId(RepeatedPayout.ID)
                .setModelVersion(RepeatedPayout.VERSION)
                .setSeverity(severity(repeat.overpaidFen(), settings))
                .setEntityType("beneficiary")
                .setEntityId(Masking.nationalId(payout.getBeneficiaryId()))
                .setTownshipCode(payout.getTownshipCode())
                .setVillageCode(payout.getVillageCode())
                .setAmountFen(repeat.overpaidFen())
                .setEvidence(evidence)
                .setFacts(facts)
                .setEventTime(payout.getPaidAt())
                .setDetectedAt(now);
    }
}
