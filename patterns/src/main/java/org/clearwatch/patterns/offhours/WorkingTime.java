package org.clearwatch.patterns.offhours;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
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

    /** One stretch of working hours as written: "08:00-12:00"; "24:00" may end a stretch. */
    static final String STRETCH =
            "([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)";

    private static final Pattern STRETCH_PATTERN = Pattern.compile(STRETCH);

    /**
     * Reads "07:00-19:00" or "08:00-12:00,14:00-18:00".
     *
     * @throws IllegalArgumentException if a stretch is not HH:MM-HH:MM or ends before it starts
     */
    public static WorkingTime parse(String value) {
        return of(Parameter.codes(value), value);
    }

    /**
     * The working time made of these stretches, each "HH:MM-HH:MM"; {@code text} is how it was
     * written.
     *
     * @throws IllegalArgumentException if a stretch is not HH:MM-HH:MM or ends before it starts
     */
    public static WorkingTime of(List<String> stretches, String text) {
        List<Hours> hours = new ArrayList<>();
        for (String stretch : stretches) {
            if (!STRETCH_PATTERN.matcher(stretch).matches()) {
                throw new IllegalArgumentException(
                        "working hours " + stretch + " are not HH:MM-HH:MM");
            }
            String[] ends = stretch.split("-");
            int from = minute(ends[0]);
            int to = minute(ends[1]);
            if (to <= from) {
                throw new IllegalArgumentException(
                        "working hours " + stretch + " end before they start");
            }
            hours.add(new Hours(from, to));
        }
        return new WorkingTime(hours, text);
    }

    private static int minute(String hhmm) {
        String[] parts = hhmm.trim().split(":");
        return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }

    /**
     * Why {@code at}'s day is not a working day — HOLIDAY or REST_DAY — or null on a working day
     * (make-up working days included). The same for every unit: only the hours differ.
     */
    public static OffHours dayOff(Instant at, WorkingCalendar calendar) {
        LocalDate date = at.atZone(WorkingCalendar.ZONE).toLocalDate();
        if (calendar.exception(date).orElse(null) == DayKind.HOLIDAY) {
            return OffHours.HOLIDAY;
        }
        if (!calendar.isWorkingDay(date)) {
            return OffHours.REST_DAY;
        }
        return null;
    }

    /** Whether the local time of day of {@code at} falls in these working hours (any day). */
    public boolean inHours(Instant at) {
        LocalTime time = at.atZone(WorkingCalendar.ZONE).toLocalTime();
        int minute = time.getHour() * 60 + time.getMinute();
        for (Hours h : hours) {
            if (minute >= h.fromMinute() && minute < h.toMinute()) {
                return true;
            }
        }
        return false;
    }

    /** Why {@code at} is outside working time, or null if it is working time. */
    public OffHours offHours(Instant at, WorkingCalendar calendar) {
        OffHours dayOff = dayOff(at, calendar);
        if (dayOff != null) {
            return dayOff;
        }
        return inHours(at) ? null : OffHours.WORKDAY_OFF_HOURS;
    }

    @Override
    public String toString() {
        return text;
    }
}
