package org.clearwatch.patterns.offhours;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.Parameter;
import org.clearwatch.schema.ref.DayKind;

/**
 * When official vehicles are expected to move: the working hours of working days (Asia/Shanghai),
 * working days as the {@link WorkingCalendar} says — Monday to Friday, minus statutory holidays,
 * plus the make-up working days (调休). Plain Java.
 */
public final class WorkingTime implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Why a moment is outside working time. */
    public enum OffHours {
        /** A working day (make-up days included), outside its working hours. */
        WORKDAY_OFF_HOURS("工作日非工作时间"),
        /** A weekend day that is not a make-up working day. */
        REST_DAY("休息日"),
        /** A statutory holiday. */
        HOLIDAY("法定节假日");

        private final String chinese;

        OffHours(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    /** Working hours of one stretch, [from, to) local time; "24:00" is the end of the day. */
    private record Hours(int fromMinute, int toMinute) implements Serializable {}

    private final List<Hours> hours;
    private final String text;

    private WorkingTime(List<Hours> hours, String text) {
        this.hours = List.copyOf(hours);
        this.text = text;
    }

    /**
     * Reads "07:00-19:00" or "08:00-12:00,14:00-18:00".
     *
     * @throws IllegalArgumentException if a stretch ends before it starts
     */
    public static WorkingTime parse(String value) {
        List<Hours> hours = new ArrayList<>();
        for (String stretch : Parameter.codes(value)) {
            String[] ends = stretch.split("-");
            int from = minute(ends[0]);
            int to = minute(ends[1]);
            if (to <= from) {
                throw new IllegalArgumentException(
                        "working hours " + stretch + " end before they start");
            }
            hours.add(new Hours(from, to));
        }
        return new WorkingTime(hours, value);
    }

    private static int minute(String hhmm) {
        String[] parts = hhmm.trim().split(":");
        return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }

    /** Why {@code at} is outside working time, or null if it is working time. */
    public OffHours offHours(Instant at, WorkingCalendar calendar) {
        ZonedDateTime local = at.atZone(WorkingCalendar.ZONE);
        LocalDate date = local.toLocalDate();
        if (calendar.exception(date).orElse(null) == DayKind.HOLIDAY) {
            return OffHours.HOLIDAY;
        }
        if (!calendar.isWorkingDay(date)) {
            return OffHours.REST_DAY;
        }
        LocalTime time = local.toLocalTime();
        int minute = time.getHour() * 60 + time.getMinute();
        for (Hours h : hours) {
            if (minute >= h.fromMinute() && minute < h.toMinute()) {
                return null;
            }
        }
        return OffHours.WORKDAY_OFF_HOURS;
    }

    @Override
    public String toString() {
        return text;
    }
}
