package org.clearwatch.patterns.deceasedbeneficiary;

import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.clearwatch.schema.ref.DeathRecord;

/**
 * The alerts deceased-beneficiary raises, one per payout: ids, Chinese text, evidence and facts.
 * The date of death is personal: alerts give its month only.
 */
public final class DeceasedBeneficiaryAlerts {

    private DeceasedBeneficiaryAlerts() {}

    /** One case per payout, named by the payout id alone: never by a national ID number. */
    public static String alertId(String payoutId) {
        return AlertIds.of(DeceasedBeneficiary.ID, payoutId);
    }

    public static Alert raised(
            String beneficiaryId,
            String beneficiaryName,
            KeptPayout payout,
            DeathRecord death,
            DeceasedBeneficiary.Settings settings,
            Instant now) {
        YearMonth diedIn = YearMonth.from(death.getDiedOn());
        long monthsAfter = DeathCheck.monthsAfterDeath(payout.getPeriod(), death.getDiedOn());
        Instant recordedAt = death.getRecordedAt();
        boolean retroactive = ReferenceTiming.retroactive(payout.getPaidAt(), recordedAt);
        String who =
                String.format(
                        "受益人%s（%s）",
                        Masking.name(beneficiaryName), Masking.nationalId(beneficiaryId));
        String paid =
                String.format(
                        "%s补贴%s期%s元",
                        payout.getProgramCode(),
                        payout.getPeriod(),
                        Money.yuan(payout.getAmountFen()));
        String summary =
                retroactive
                        ? String.format(
                                "%s已于%s死亡（死亡信息%s登记），此前%s发放的%s属死亡后第%d个月，系向已故人员发放。",
                                who,
                                diedIn,
                                WorkingCalendar.localDate(recordedAt),
                                WorkingCalendar.localDate(payout.getPaidAt()),
                                paid,
                                monthsAfter)
                        : String.format(
                                "%s已于%s死亡，%s仍发放%s，属死亡后第%d个月。",
                                who,
                                diedIn,
                                WorkingCalendar.localDate(payout.getPaidAt()),
                                paid,
                                monthsAfter);

        String maskedId = Masking.nationalId(beneficiaryId);
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
                                .setFeed("ref.death")
                                .setRecordId(AlertParts.personRecordId("death", beneficiaryId))
                                .setRole("death-record")
                                .setEventTime(
                                        recordedAt != null
                                                ? recordedAt
                                                : WorkingCalendar.startOf(death.getDiedOn()))
                                .build());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("program_code", payout.getProgramCode());
        facts.put("period", payout.getPeriod());
        facts.put("paid_at", local(payout.getPaidAt()));
        facts.put("agency_code", payout.getAgencyCode());
        facts.put("died_in", diedIn.toString());
        facts.put("months_after_death", Long.toString(monthsAfter));
        if (recordedAt != null) {
            facts.put("death_recorded_at", local(recordedAt));
        }
        facts.put("retroactive", Boolean.toString(retroactive));
        facts.put("look_back_months", Integer.toString(settings.lookBackMonths()));
        facts.put("beneficiary_name", Masking.name(beneficiaryName));

        return Alert.newBuilder()
                .setAlertId(alertId(payout.getPayoutId()))
                .setKind(AlertKind.RAISED)
                .setModelId(DeceasedBeneficiary.ID)
                .setModelVersion(DeceasedBeneficiary.VERSION)
                .setSeverity(
                        monthsAfter >= settings.highFromMonth() ? Severity.HIGH : Severity.MEDIUM)
                .setEntityType("beneficiary")
                .setEntityId(maskedId)
                .setTownshipCode(payout.getTownshipCode())
                .setVillageCode(payout.getVillageCode())
                .setTitle("已故人员仍领取补贴")
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
