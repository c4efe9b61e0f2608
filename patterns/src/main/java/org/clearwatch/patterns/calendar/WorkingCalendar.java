package org.clearwatch.patterns.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.clearwatch.schema.ref.DayKind;

/**
 * Which days are working days in mainland China: Monday to Friday, except statutory holidays, plus
 * the weekend days that are worked to make up for them (调休).
 *
 * <p>Immutable. The shipped calendar covers the years the State Council has published; outside
 * them, every weekday counts as a working day, and {@link #covers(LocalDate)} says so.
 */
public final class WorkingCalendar implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Local rules (working days, working hours, months) are read in this zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final String SHIPPED = "cn-statutory-2024-2026.csv";

    private final TreeMap<LocalDate, DayKind> exceptions;
    private final int firstYear;
    private final int lastYear;

    private WorkingCalendar(TreeMap<LocalDate, DayKind> exceptions, int firstYear, int lastYear) {
        this.exceptions = exceptions;
        this.firstYear = firstYear;
        this.lastYear = lastYear;
    }

    /** The calendar Clearwatch ships: statutory holidays and make-up days for 2024 to 2026. */
    public static WorkingCalendar china() {
        return parse(WorkingCalendar.class.getResourceAsStream(SHIPPED), SHIPPED);
    }

    /** Monday to Friday, no holidays: what "working days" means without a calendar. */
    public static WorkingCalendar weekdaysOnly() {
        return new WorkingCalendar(new TreeMap<>(), 0, -1);
    }

    /** This calendar with one day set as a holiday or a working day (from ref-calendar). */
    public WorkingCalendar with(LocalDate date, DayKind kind) {
        TreeMap<LocalDate, DayKind> changed = new TreeMap<>(exceptions);
        boolean plainWeek = isWeekend(date) == (kind == DayKind.HOLIDAY);
        if (plainWeek) {
            changed.remove(date);
        } else {
            changed.put(date, kind);
        }
        return new WorkingCalendar(changed, firstYear, lastYear);
    }

    public boolean isWorkingDay(LocalDate date) {
        DayKind exception = exceptions.get(date);
        if (exception != null) {
            return exception == DayKind.WORKDAY;
        }
        return !isWeekend(date);
    }

    /** Whether the published holidays of this date's year are known to the calendar. */
    public boolean covers(LocalDate date) {
        return date.getYear() >= firstYear && date.getYear() <= lastYear;
    }

    /** The n-th working day after {@code date} (n >= 1); {@code date} itself never counts. */
    public LocalDate nthWorkingDayAfter(LocalDate date, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        LocalDate day = date;
        for (int found = 0; found < n; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                found++;
            }
        }
        return day;
    }

    /** The holidays and make-up working days, by date. */
    public Map<LocalDate, DayKind> exceptions() {
        return Collections.unmodifiableMap(exceptions);
    }

    public Optional<DayKind> exception(LocalDate date) {
        return Optional.ofNullable(exceptions.get(date));
    }

    public static LocalDate localDate(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    public static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    private static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    static WorkingCalendar parse(InputStream in, String source) {
        if (in == null) {
            throw new IllegalStateException(
                    "calendar " + source + " is missing from the class path");
        }
        TreeMap<LocalDate, DayKind> days = new TreeMap<>();
        int lineNo = 0;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",", 3);
                days.put(LocalDate.parse(cells[0].trim()), DayKind.valueOf(cells[1].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read calendar " + source, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(source + ":" + lineNo + ": not a calendar line", e);
        }
        if (days.isEmpty()) {
            return weekdaysOnly();
        }
        return new WorkingCalendar(days, days.firstKey().getYear(), days.lastKey().getYear());
    }
}
