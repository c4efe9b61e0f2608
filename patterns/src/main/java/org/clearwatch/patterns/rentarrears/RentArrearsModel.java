package org.clearwatch.patterns.rentarrears;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelInputs;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.model.SupervisionModel;
import org.clearwatch.patterns.reference.CalendarBroadcast;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.ref.CalendarDay;

/**
 * Wires rent-arrears: ledger entries in, alerts out.
 *
 * <pre>
 * ledger ─ rent only ─ keyBy contract ─ rent book ─┬─ keyBy due ─ CEP deadline ─┬─ RAISED
 *                                                  │                            └─ markers ┐
 *                                                  └─ paid after the deadline ─────────────┴─ keyBy due ─ CEP resolution ─ RESOLVED
 * </pre>
 */
public final class RentArrearsModel implements SupervisionModel {

    @Override
    public ModelSpec spec() {
        return RentArrears.SPEC;
    }

    @Override
    public DataStream<Alert> build(ModelInputs inputs, ParameterValues parameters) {
        return build(
                inputs.ledger(),
                inputs.calendarDays(),
                RentArrears.Settings.of(parameters),
                inputs.calendar());
    }

    public static DataStream<Alert> build(
            DataStream<LedgerEntry> ledger,
            DataStream<CalendarDay> calendarDays,
            RentArrears.Settings settings,
            WorkingCalendar calendar) {
        SingleOutputStreamOperator<DueEvent> book =
                ledger.filter(RentBook::isRent)
                        .uid("rent-arrears-rent-entries")
                        .name("rent-arrears: rent entries")
                        .keyBy(RentBook::contractKey)
                        .connect(calendarDays.broadcast(CalendarBroadcast.DAYS))
                        .process(
                                new RentBookFunction(settings, calendar),
                                TypeInformation.of(DueEvent.class))
                        .uid("rent-arrears-rent-book")
                        .name("rent-arrears: rent book");

        SingleOutputStreamOperator<Alert> deadline =
                CEP.pattern(
                                book.keyBy(DueEvent::getDueKey),
                                RentArrearsPatterns.deadline(settings.window()),
                                new RentArrearsPatterns.Order())
                        .inEventTime()
                        .process(new RentDeadlineFunction(settings))
                        .uid("rent-arrears-deadline")
                        .name("rent-arrears: deadline pattern");

        DataStream<DueEvent> toResolve =
                deadline.getSideOutput(RentDeadlineFunction.RAISED_MARKERS)
                        .union(book.getSideOutput(RentBookFunction.LATE_SETTLEMENTS));
        SingleOutputStreamOperator<Alert> resolved =
                CEP.pattern(
                                toResolve.keyBy(DueEvent::getDueKey),
                                RentArrearsPatterns.resolution(settings.trackingHorizon()),
                                new RentArrearsPatterns.Order())
                        .inEventTime()
                        .process(new RentResolutionFunction(settings))
                        .uid("rent-arrears-resolution")
                        .name("rent-arrears: resolution pattern");

        return deadline.getSideOutput(RentDeadlineFunction.RAISED).union(resolved);
    }
}
