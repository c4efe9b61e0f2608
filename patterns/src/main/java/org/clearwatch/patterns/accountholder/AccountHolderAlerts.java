package org.clearwatch.patterns.accountholder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.clearwatch.patterns.alerting.AlertIds;
import org.clearwatch.patterns.alerting.AlertParts;
import org.clearwatch.patterns.alerting.Masking;
import org.clearwatch.patterns.alerting.Money;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.payouts.ReferenceTiming;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;
import org.clearwatch.schema.ref.Official;

/**
 * The alerts account-holder-mismatch raises and updates: ids, Chinese text, evidence and facts. Ids
 * are built from payout ids only; national ID numbers, account numbers and names appear masked.
 *
 * <p>Severity: a plain mismatch is LOW (a grown child collecting for an old parent is common and
 * often agreed); a collector and an official holder are HIGH.
 */
public final class AccountHolderAlerts {

    /** Beneficiaries named in a collector's summary and evidence. */
    private static final int LISTED = 10;

    private AccountHolderAlerts() {}

    /** A beneficiary paid into someone else's account: named after the pair's first payout. */
    public static String mismatchAlertId(String pairFirstPayoutId) {
        return AlertIds.of(AccountHolderMismatch.ID, "mismatch", pairFirstPayoutId);
    }

    /** A holder collecting for several: named after the payout that opened the case. */
    public static String collectorAlertId(String openingPayoutId) {
        return AlertIds.of(AccountHolderMismatch.ID, "collector", openingPayoutId);
    }

    /** An official holding a beneficiary's money: named after the pair's first payout. */
    public static String officialHolderAlertId(String pairFirstPayoutId) {
        return AlertIds.of(AccountHolderMismatch.ID, "official-holder", pairFirstPayoutId);
    }

    public static Alert alert(
            String holderId,
            Finding finding,
            AccountHolderMismatch.Settings settings,
            Instant now) {
        return switch (finding.rule()) {
            case MISMATCH -> mismatch(holderId, finding, now);
            case COLLECTOR -> collector(holderId, finding, settings, now);
            case OFFICIAL_HOLDER -> officialHolder(holderId, finding, settings, now);
        };
    }

    private static Alert mismatch(String holderId, Finding finding, Instant now) {
        HeldPayout payout = finding.payout();
        String summary =
                String.format(
                        "%s打入账户%s，该账户持有人（%s）并非受益人本人。",
                        paid(finding.pair(), payout),
                        Masking.account(payout.getAccountNo()),
                        Masking.nationalId(holderId));
        Alert.Builder alert =
                base(holderId, finding, Severity.LOW, payout.getPaidAt(), now)
                        .setTitle("补贴打入他人账户")
                        .setSummary(summary);
        alert.getEvidence().add(payoutEvidence(payout));
        return alert.build();
    }

    private static Alert collector(
            String holderId,
            Finding finding,
            AccountHolderMismatch.Settings settings,
            Instant now) {
        HeldPayout payout = finding.payout();
        List<Pair> members = finding.members();
        StringJoiner names = new StringJoiner("、");
        for (Pair member : members.subList(0, Math.min(members.size(), LISTED))) {
            names.add(
                    Masking.name(member.getBeneficiaryName())
                            + "（"
                            + Masking.nationalId(member.getBeneficiaryId())
                            + "）");
        }
        if (members.size() > LISTED) {
            names.add("等");
        }
        boolean raised = finding.kind() == AlertKind.RAISED;
        String summary =
                String.format(
                        "账户持有人（%s）名下账户近%d个月%s%d名他人的补贴，共%s元：%s。",
                        Masking.nationalId(holderId),
                        settings.windowMonths(),
                        raised ? "收取了" : "收取补贴的人数增至",
                        members.size(),
                        Money.yuan(finding.amountFen()),
                        names);
        Alert.Builder alert =
                base(holderId, finding, Severity.HIGH, payout.getPaidAt(), now)
                        .setTitle(raised ? "一人账户代收多人补贴" : "代收补贴人数增加")
                        .setSummary(summary);
        for (Pair member : members.subList(0, Math.min(members.size(), LISTED))) {
            HeldPayout latest = member.getPayouts().get(0);
            for (HeldPayout p : member.getPayouts()) {
                if (!p.getPaidAt().isAfter(payout.getPaidAt())
                        && p.getPaidAt().isAfter(latest.getPaidAt())) {
                    latest = p;
                }
            }
            alert.getEvidence().add(payoutEvidence(latest));
        }
        StringJoiner masked = new StringJoiner(",");
        members.forEach(m -> masked.add(Masking.nationalId(m.getBeneficiaryId())));
        alert.getFacts().put("beneficiaries", Integer.toString(members.size()));
        alert.getFacts().put("beneficiary_ids", masked.toString());
        alert.getFacts().put("window_months", Integer.toString(settings.windowMonths()));
        alert.getFacts()
                .put("several_beneficiaries", Integer.toString(settings.severalBeneficiaries()));
        alert.getFacts().put("collected_fen", Long.toString(finding.amountFen()));
        return alert.build();
    }

    private static Alert officialHolder(
            String holderId,
            Finding finding,
            AccountHolderMismatch.Settings settings,
            Instant now) {
        HeldPayout payout = finding.payout();
        Official official = finding.official();
        Instant recordedAt = official.getRecordedAt();
        boolean retroactive = ReferenceTiming.retroactive(payout.getPaidAt(), recordedAt);
        String maskedHolder = Masking.nationalId(holderId);
        String term =
                official.getValidFrom()
                        + (official.getValidTo() == null ? "起至今" : "至" + official.getValidTo());
        String summary =
                String.format(
                        "%s打入公职人员%s（%s，%s%s）名下账户%s，付款日在其在册期间（%s）%s。",
                        paid(finding.pair(), payout),
                        Masking.name(official.getName()),
                        maskedHolder,
                        official.getUnitCode(),
                        official.getRole(),
                        Masking.account(payout.getAccountNo()),
                        term,
                        retroactive ? "，名册信息于" + WorkingCalendar.localDate(recordedAt) + "登记" : "");
        Instant eventTime = ReferenceTiming.eventTime(payout.getPaidAt(), recordedAt);
        Alert.Builder alert =
                base(holderId, finding, Severity.HIGH, eventTime, now)
                        .setTitle("补贴打入公职人员账户")
                        .setSummary(summary);
        alert.getEvidence().add(payoutEvidence(payout));
        alert.getEvidence()
                .add(
                        EvidenceRecord.newBuilder()
                                .setFeed("ref.official")
                                .setRecordId(AlertParts.personRecordId("official", holderId))
                                .setRole("official-record")
                                .setEventTime(
                                        recordedAt != null
                                                ? recordedAt
                                                : WorkingCalendar.startOf(official.getValidFrom()))
                                .build());
        Map<String, String> facts = alert.getFacts();
        facts.put("official_name", Masking.name(official.getName()));
        facts.put("official_role", official.getRole());
        facts.put("official_unit_code", official.getUnitCode());
        facts.put("official_township_code", official.getTownshipCode());
        facts.put("valid_from", official.getValidFrom().toString());
        if (official.getValidTo() != null) {
            facts.put("valid_to", official.getValidTo().toString());
        }
        if (recordedAt != null) {
            facts.put("roster_recorded_at", local(recordedAt));
        }
        facts.put("retroactive", Boolean.toString(retroactive));
        facts.put("look_back_months", Integer.toString(settings.lookBackMonths()));
        return alert.build();
    }

    /** "受益人孙*（3302**********1234）的DIBAO补贴2025-03期650.00元于2025-03-10". */
    private static String paid(Pair pair, HeldPayout payout) {
        return String.format(
                "受益人%s（%s）的%s补贴%s期%s元于%s",
                Masking.name(pair.getBeneficiaryName()),
                Masking.nationalId(pair.getBeneficiaryId()),
                payout.getProgramCode(),
                payout.getPeriod(),
                Money.yuan(payout.getAmountFen()),
                WorkingCalendar.localDate(payout.getPaidAt()));
    }

    private static EvidenceRecord payoutEvidence(HeldPayout payout) {
        return EvidenceRecord.newBuilder()
                .setFeed("payout")
                .setRecordId(payout.getPayoutId())
                .setRole("payout")
                .setEventTime(payout.getPaidAt())
                .setAmountFen(payout.getAmountFen())
                .build();
    }

    /** Times in facts are local, with their offset: what an inspector reads. */
    static String local(Instant instant) {
        return instant.atZone(WorkingCalendar.ZONE).toOffsetDateTime().toString();
    }

    private static Alert.Builder base(
            String holderId, Finding finding, Severity severity, Instant eventTime, Instant now) {
        HeldPayout payout = finding.payout();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(
                "rule",
                switch (finding.rule()) {
                    case MISMATCH -> "mismatch";
                    case COLLECTOR -> "collector";
                    case OFFICIAL_HOLDER -> "official-holder";
                });
        facts.put("program_code", payout.getProgramCode());
        facts.put("period", payout.getPeriod());
        facts.put("payout_id", payout.getPayoutId());
        facts.put("paid_at", local(payout.getPaidAt()));
        facts.put("account_no", Masking.account(payout.getAccountNo()));
        facts.put("beneficiary_id", Masking.nationalId(finding.pair().getBeneficiaryId()));
        facts.put("beneficiary_name", Masking.name(finding.pair().getBeneficiaryName()));
        facts.put("pair_first_payout_id", finding.pair().getFirstPayoutId());
        return Alert.newBuilder()
                .setAlertId(finding.alertId())
                .setKind(finding.kind())
                .setModelId(AccountHolderMismatch.ID)
                .setModelVersion(AccountHolderMismatch.VERSION)
                .setSeverity(severity)
                .setEntityType("account_holder")
                .setEntityId(Masking.nationalId(holderId))
                .setTownshipCode(payout.getTownshipCode())
                .setVillageCode(payout.getVillageCode())
                .setAmountFen(finding.amountFen())
                .setEvidence(new ArrayList<>())
                .setFacts(facts)
                .setEventTime(eventTime)
                .setDetectedAt(now);
    }
}
