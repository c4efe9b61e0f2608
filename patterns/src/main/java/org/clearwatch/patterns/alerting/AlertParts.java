package org.clearwatch.patterns.alerting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;

/** Pieces the deadline models build their alerts from, so that they read alike. */
public final class AlertParts {

    private AlertParts() {}

    /**
     * How evidence names a reference record keyed by a person (a death record, a roster entry): by
     * the masked ID number only, e.g. {@code death:3302**********0815}.
     */
    public static String personRecordId(String kind, String personId) {
        return kind + ":" + Masking.nationalId(personId);
    }

    /** Times in facts are local, with their offset: what an inspector reads. */
    public static String local(Instant instant) {
        return instant.atZone(WorkingCalendar.ZONE).toOffsetDateTime().toString();
    }

    /**
     * Calendar days after the last allowed day: settled on the first late day is 1 day late.
     *
     * @param dueAt the first late instant (the start of the day after the last allowed day)
     */
    public static long daysLate(Instant dueAt, Instant settledAt) {
        LocalDate firstLateDay = WorkingCalendar.localDate(dueAt);
        return ChronoUnit.DAYS.between(firstLateDay, WorkingCalendar.localDate(settledAt)) + 1;
    }

    /** LOW, MEDIUM from {@code mediumFen}, HIGH from {@code highFen}. */
    public static Severity byAmount(long amountFen, long mediumFen, long highFen) {
        if (amountFen >= highFen) {
            return Severity.HIGH;
        }
        return amountFen >= mediumFen ? Severity.MEDIUM : Severity.LOW;
    }

    /** A ledger entry as evidence: its id, what it is in the alert, when, and how much. */
    public static EvidenceRecord ledgerEntry(
            String entryId, String role, Instant eventTime, long amountFen) {
        return EvidenceRecord.newBuilder()
                .setFeed("ledger")
                .setRecordId(entryId)
                .setRole(role)
                .setEventTime(eventTime)
                .setAmountFen(amountFen)
                .build();
    }
}
