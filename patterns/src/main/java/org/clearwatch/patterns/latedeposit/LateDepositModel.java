package org.clearwatch.patterns.latedeposit;

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
 * Wires late-deposit: ledger entries in, alerts out; the working calendar as broadcast state.
 *
 * <pre>
 * ledger ─ cash only ─ keyBy account ─ receipt book ─┬─ last day begun, unbanked ─ keyBy receipt ─ CEP deadline ─ RAISED
 * calendar ─ broadcast ───────────────────┘          └─ banked in full after the deadline ─────────────────────────── RESOLVED
 * </pre>
 */
public final class LateDepositModel implements SupervisionModel {

    @Override
    public ModelSpec spec() {
        return LateDeposit.SPEC;
    }

    @Override
    public DataStream<Alert> build(ModelInputs inputs, ParameterValues parameters) {
        return build(
                inputs.ledger(),
                inputs.calendarDays(),
                LateDeposit.Settings.of(parameters),
                inputs.calendar());
    }

    /**
     * @param calendarDays holidays and make-up working days that override {@code calendar} from the
     *     moment they arrive
     */
    public static DataStream<Alert> build(
            DataStream<LedgerEntry> ledger,
            DataStream<CalendarDay> calendarDays,
            LateDeposit.Settings settings,
            WorkingCalendar calendar) {
        SingleOutputStreamOperator<ReceiptEvent> book =
                ledger.filter(ReceiptBook::isCash)
                        .uid("late-deposit-cash-entries")
                        .name("late-deposit: cash entries")
                        .keyBy(LedgerEntry::getAccountId)
                        .connect(calendarDays.broadcast(CalendarBroadcast.DAYS))
                        .process(
                                new ReceiptBookFunction(settings, calendar),
                                TypeInformation.of(ReceiptEvent.class))
                        .uid("late-deposit-receipt-book")
                        .name("late-deposit: receipt book");

        SingleOutputStreamOperator<Alert> deadline =
                CEP.pattern(
                                book.keyBy(ReceiptEvent::getReceiptKey),
                                LateDepositPatterns.deadline(settings.window()),
                                new LateDepositPatterns.Order())
                        .inEventTime()
                        .process(new DeadlineFunction(settings))
                        .uid("late-deposit-deadline")
                        .name("late-deposit: deadline pattern");

        SingleOutputStreamOperator<Alert> resolved =
                book.getSideOutput(ReceiptBookFunction.LATE_SETTLEMENTS)
                        .map(new ResolutionFunction(settings))
                        .uid("late-deposit-resolution")
                        .name("late-deposit: banked late");

        return deadline.getSideOutput(DeadlineFunction.RAISED).union(resolved);
    }
}
