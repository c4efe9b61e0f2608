package org.clearwatch.jobs.bench;

import java.util.List;
import java.util.Map;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.clearwatch.patterns.latedeposit.LateDeposit;
import org.clearwatch.patterns.latedeposit.LateDepositAlerts;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;

/**
 * The layout a first attempt at late-deposit would take, kept here only as the bench's comparison
 * figure: every ledger entry, keyed by account, straight into one CEP pattern "a receipt, followed
 * by a deposit covering it, within N days", with a timeout handler raising the alert.
 *
 * <p>It is deliberately naive (calendar days, no partial deposits, no oldest-first rule, no
 * duplicate check) and must never be wired into a job: CEP buffers every entry of every account in
 * keyed map state until the watermark passes it, and on RocksDB that churn is what the design
 * brief's "Known traps" measured. The shipped model derives a few receipt events first.
 */
final class RawCepLayout {

    static final OutputTag<String> RAISED = new OutputTag<>("bench-raw-cep-raised") {};

    private RawCepLayout() {}

    /** Alert keys ({@code "alert_id RAISED"}) for receipts not covered within the window. */
    static DataStream<String> build(DataStream<LedgerEntry> ledger, LateDeposit.Settings settings) {
        SingleOutputStreamOperator<String> matched =
                CEP.pattern(ledger.keyBy(LedgerEntry::getAccountId), pattern(settings))
                        .inEventTime()
                        .process(new Deadline())
                        .uid("bench-raw-cep")
                        .name("bench: raw-cep receipt followed by deposit");
        return matched.getSideOutput(RAISED);
    }

    static Pattern<LedgerEntry, ?> pattern(LateDeposit.Settings settings) {
        return Pattern.<LedgerEntry>begin("receipt")
                .where(SimpleCondition.of(e -> e.getType() == LedgerEntryType.CASH_RECEIPT))
                .followedBy("deposit")
                .where(new CoversReceipt())
                .within(settings.window());
    }

    /** A deposit naming the receipt, or naming none. */
    static final class CoversReceipt extends IterativeCondition<LedgerEntry> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(LedgerEntry entry, Context<LedgerEntry> ctx) throws Exception {
            if (entry.getType() != LedgerEntryType.BANK_DEPOSIT) {
                return false;
            }
            List<String> covers = entry.getCovers();
            if (covers == null || covers.isEmpty()) {
                return true;
            }
            for (LedgerEntry receipt : ctx.getEventsForPattern("receipt")) {
                if (covers.contains(receipt.getReceiptNo())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Covered in time: nothing to say. Timed out: the receipt's alert key. */
    static final class Deadline extends PatternProcessFunction<LedgerEntry, String>
            implements TimedOutPartialMatchHandler<LedgerEntry> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(
                Map<String, List<LedgerEntry>> match, Context ctx, Collector<String> out) {}

        @Override
        public void processTimedOutMatch(Map<String, List<LedgerEntry>> match, Context ctx) {
            LedgerEntry receipt = match.get("receipt").get(0);
            ctx.output(
                    RAISED,
                    LateDepositAlerts.alertId(receipt.getAccountId(), receipt.getEntryId())
                            + " "
                            + AlertKind.RAISED);
        }
    }
}
