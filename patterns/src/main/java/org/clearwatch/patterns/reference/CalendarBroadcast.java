package org.clearwatch.patterns.reference;

import java.io.Serializable;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.ref.CalendarDay;

/**
 * The working calendar as the operators see it: the shipped calendar, with every {@code
 * ref-calendar} record applied as it arrives through Flink broadcast state.
 *
 * <p>A calendar record changes the days it names from the moment it arrives; deadlines and
 * working-time checks made before keep what they computed. Each operator instance keeps the
 * calendar built from its broadcast state and rebuilds it when a record arrives or after a restore.
 */
public final class CalendarBroadcast implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Broadcast state: ISO date to the record for that date. Every model shares the name. */
    public static final MapStateDescriptor<String, CalendarDay> DAYS =
            new MapStateDescriptor<>(
                    "calendar-days", Types.STRING, TypeInformation.of(CalendarDay.class));

    private final WorkingCalendar base;
    private transient WorkingCalendar current;

    public CalendarBroadcast(WorkingCalendar base) {
        this.base = base;
    }

    /** Records a calendar day; call from {@code processBroadcastElement}. */
    public void apply(BroadcastState<String, CalendarDay> state, CalendarDay day) throws Exception {
        state.put(day.getDate().toString(), day);
        current = null;
    }

    /** The calendar with every day received so far. */
    public WorkingCalendar current(ReadOnlyBroadcastState<String, CalendarDay> state)
            throws Exception {
        if (current == null) {
            WorkingCalendar calendar = base;
            for (Map.Entry<String, CalendarDay> day : state.immutableEntries()) {
                calendar = calendar.with(day.getValue().getDate(), day.getValue().getKind());
            }
            current = calendar;
        }
        return current;
    }

    public WorkingCalendar base() {
        return base;
    }
}
