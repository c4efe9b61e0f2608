package org.clearwatch.patterns.officialbeneficiary;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.clearwatch.patterns.alerting.AlertIds;
import org.clearwatch.patterns.alerting.AlertParts;
import org.clearwatch.patterns.alerting.Masking;
import org.clearwatch.patterns.alerting.Money;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.payouts.KeptPayout;
import org.clearwatch.patterns.payouts.ReferenceTiming;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;
import org.clearwatch.schema.ref.Official;

/**
 * The alerts official-beneficiary raises, one per payout: ids, Chinese text, evidence and facts.
 *
 * <p>Severity: CRITICAL when the official serves in the township that made the payment (the office
 * that approves it is theirs), HIGH otherwise.
 */
public final class OfficialBeneficiaryAlerts {

    private OfficialBeneficiaryAlerts() {}

    /** One case per payout, named by the payout id alone: never by a national ID number. */
    public static String alertId(String payoutId) {
        return AlertIds.of(OfficialBeneficiary.ID, payoutId);
    }

    static Severity severity(KeptPayout payout, Official official) {
        return official.getTownshipCode().equals(payout.getTownshipCode())
                ? Severity.CRITICAL
                : Severity.HIGH;
    }

    public static Alert raised(
            String personId,
            KeptPayout payout,
            Official official,
            OfficialBeneficiary.Settings settings,
            Instant now) {
        Instant recordedAt = official.getRecordedAt();
        boolean retroactive = ReferenceTiming.retroactive(payout.getPaidAt(), recordedAt);
        String maskedId = Masking.nationalId(personId);
        String term =
                official.getValidFrom()
                        + (official.getValidTo() == null ? "起至今" : "至" + official.getValidTo());
        String summary =
                String.format(
                        "公职人员%s（%s，%s%s）%s领取%s补贴%s期%s元；%s为公职人员不得享受的项目，领取日在其在册期间（%s）%s。",
                        Masking.name(official.getName()),
                        maskedId,
                        official.getUnitCode(),
                        official.getRole(),
                        WorkingCalendar.localDate(payout.getPaidAt()),
                        payout.getProgramCode(),
                        payout.getPeriod(),
                        Money.yuan(payout.getAmountFen()),
                        payout.getProgramCode(),
                        term,
                        retroactive ? "，名册信息于" + WorkingCalendar.localDate(recordedAt) + "登记" : "");

        List<EvidenceRecord> evidence =
                List.of(
                        EvidenceRecord.newBuilder()
                                .setFeed("payout")
                                .setRecordId(payout.getPayoutId())
                                .setRole("payout")
                                .setEventTime(payout.getPaidAt())
                                .setAmountFen(payout.getAmountFen())
                                .build(),
                        EvidenceRecord.newBuilder()
                                .setFeed("ref.official")
                                .setRecordId(AlertParts.personRecordId("official", personId))
                                .setRole("official-record")
                                .setEventTime(
                                        recordedAt != null
                                                ? recordedAt
                                                : WorkingCalendar.startOf(official.getValidFrom()))
                                .build());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("program_code", payout.getProgramCode());
        facts.put("period", payout.getPeriod());
        facts.put("paid_at", local(payout.getPaidAt()));
        facts.put("agency_code", payout.getAgencyCode());
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
        facts.put(
                "restricted_programmes",
                String.join(",", new TreeSet<>(settings.restrictedProgrammes())));
        facts.put("look_back_months", Integer.toString(settings.lookBackMonths()));

        return Alert.newBuilder()
                .setAlertId(alertId(payout.getPayoutId()))
                .setKind(AlertKind.RAISED)
                .setModelId(OfficialBeneficiary.ID)
                .setModelVersion(OfficialBeneficiary.VERSION)
                .setSeverity(severity(payout, official))
                .setEntityType("beneficiary")
                .setEntityId(maskedId)
                .setTownshipCode(payout.getTownshipCode())
                .setVillageCode(payout.getVillageCode())
                .setTitle("公职人员领取不应享受的补贴")
                .setSummary(summary)
                .setAmountFen(payout.getAmountFen())
                .setEvidence(evidence)
                .setFacts(facts)
                .setEventTime(ReferenceTiming.eventTime(payout.getPaidAt(), recordedAt))
                .setDetectedAt(now)
                .build();
    }

    /** Times in facts are local, with their offset: what an inspector reads. */
    static String local(Instant instant) {
        return instant.atZone(WorkingCalendar.ZONE).toOffsetDateTime().toString();
    }
}
