package org.clearwatch.patterns.rentarrears;

import java.time.Duration;
import java.util.Comparator;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** The two CEP patterns of rent-arrears, over the events of one rent due. */
public final class RentArrearsPatterns {

    private RentArrearsPatterns() {}

    /**
     * Opened, partly paid any number of times, then settled, all within the window. The rent book
     * opens the window exactly {@code window} before the end of the grace period, so a partial
     * match that times out is rent still (partly) unpaid at its deadline; its last event holds the
     * outstanding amount. Strict contiguity keeps a single partial match per due.
     */
    public static Pattern<DueEvent, ?> deadline(Duration window) {
        return Pattern.<DueEvent>begin("opened")
                .where(kind(DueEventKind.OPENED))
                .next("paid")
                .where(kind(DueEventKind.PAID))
                .oneOrMore()
                .consecutive()
                .optional()
                .next("settled")
                .where(kind(DueEventKind.SETTLED))
                .within(window);
    }

    /** Raised at the deadline, then paid in full within the tracking horizon. */
    public static Pattern<DueEvent, ?> resolution(Duration horizon) {
        return Pattern.<DueEvent>begin("raised")
                .where(kind(DueEventKind.RAISED))
                .followedBy("settled")
                .where(kind(DueEventKind.SETTLED))
                .within(horizon);
    }

    private static SimpleCondition<DueEvent> kind(DueEventKind kind) {
        return SimpleCondition.of(event -> event.getKind() == kind);
    }

    /** Events of one due at the same instant: in lifecycle order, then as the book sent them. */
    public static final class Order implements EventComparator<DueEvent> {
        private static final long serialVersionUID = 1L;
        private static final Comparator<DueEvent> ORDER =
                Comparator.comparing(DueEvent::getKind).thenComparingInt(DueEvent::getSeq);

        @Override
        public int compare(DueEvent a, DueEvent b) {
            return ORDER.compare(a, b);
        }
    }
}
