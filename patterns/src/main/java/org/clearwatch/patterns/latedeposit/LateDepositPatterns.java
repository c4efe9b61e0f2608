package org.clearwatch.patterns.latedeposit;

import java.time.Duration;
import java.util.Comparator;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** The two CEP patterns of late-deposit, over the events of one receipt. */
public final class LateDepositPatterns {

    private LateDepositPatterns() {}

    /**
     * Opened, partly covered any number of times, then settled, all within the window. The receipt
     * book opens the window exactly {@code window} before the deadline, so a partial match that
     * times out is a receipt still (partly) unbanked at its deadline; its last event holds the
     * outstanding amount. Strict contiguity is right here: a receipt's events come in exactly this
     * order, and it keeps a single partial match per receipt.
     */
    public static Pattern<ReceiptEvent, ?> deadline(Duration window) {
        return Pattern.<ReceiptEvent>begin("opened")
                .where(kind(ReceiptEventKind.OPENED))
                .next("covered")
                .where(kind(ReceiptEventKind.COVERED))
                .oneOrMore()
                .consecutive()
                .optional()
                .next("settled")
                .where(kind(ReceiptEventKind.SETTLED))
                .within(window);
    }

    private static SimpleCondition<ReceiptEvent> kind(ReceiptEventKind kind) {
        return SimpleCondition.of(event -> event.getKind() == kind);
    }

    /**
     * Events of one receipt at the same instant: in lifecycle order, then as the book sent them.
     */
    public static final class Order implements EventComparator<ReceiptEvent> {
        private static final long serialVersionUID = 1L;
        private static final Comparator<ReceiptEvent> ORDER =
                Comparator.comparing(ReceiptEvent::getKind).thenComparingInt(ReceiptEvent::getSeq);

        @Override
        public int compare(ReceiptEvent a, ReceiptEvent b) {
            return ORDER.compare(a, b);
        }
    }
}
