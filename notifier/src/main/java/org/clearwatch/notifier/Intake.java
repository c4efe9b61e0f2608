package org.clearwatch.notifier;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.clearwatch.notifier.delivery.Deliverer;
import org.clearwatch.notifier.ledger.Ledger;
import org.clearwatch.notifier.ledger.LedgerEntry;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.notifier.plan.Router;
import org.clearwatch.schema.alert.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between the alerts topic and the {@link Deliverer}: routes each alert, records the deliveries not
 * seen before as PENDING, then hands them over; and records acknowledgements. The notifier calls it
 * for every batch it reads and for every acknowledgement link opened; the routing-and-delivery
 * stories drive it directly, without a broker.
 */
final class Intake {

    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    /** An alert as read, with the instant it was published (see {@link Notifier#publishedAt}). */
    record Published(Alert alert, Instant publishedAt) {}

    private final Router router;
    private final Ledger ledger;
    private final Deliverer deliverer;
    private final Clock clock;
    private final Set<String> known = new HashSet<>();

    Intake(Router router, Ledger ledger, Deliverer deliverer, Clock clock) {
        this.router = router;
        this.ledger = ledger;
        this.deliverer = deliverer;
        this.clock = clock;
    }

    /**
     * A delivery the ledger already holds: an alert read again after a restart is not replanned.
     */
    synchronized void remember(String deliveryId) {
        known.add(deliveryId);
    }

    /**
     * Plans a batch of alerts. When this returns, every new delivery is durable as PENDING (so the
     * caller may commit the alerts' offsets) and in the deliverer's hands. The deliverer has them
     * while the PENDING records are being written: a push is not held back by the ledger's round
     * trip, and a crash before the write completed re-reads the alerts, whose deliveries keep their
     * ids (at least once, as after any crash between sending and recording).
     *
     * @return how many new deliveries were planned
     */
    synchronized int take(List<Published> batch) {
        List<LedgerEntry> fresh = new ArrayList<>();
        List<PlannedDelivery> toSubmit = new ArrayList<>();
        List<Instant> published = new ArrayList<>();
        for (Published p : batch) {
            for (PlannedDelivery d : router.plan(p.alert(), p.publishedAt())) {
                if (known.add(d.deliveryId())) {
                    fresh.add(LedgerEntry.pending(d, p.publishedAt(), clock.instant()));
                    toSubmit.add(d);
                    published.add(p.publishedAt());
                }
            }
        }
        // Written before anything the deliverer records of them, and durable before the offset
        // moves: a crash re-reads the alerts, and what the ledger holds is never planned twice
        // nor forgotten.
        Ledger.Write pending = ledger.write(fresh);
        for (int i = 0; i < toSubmit.size(); i++) {
            deliverer.submit(toSubmit.get(i), published.get(i));
        }
        pending.await();
        return toSubmit.size();
    }

    /** An inspector opened the signed acknowledgement link: recorded, then escalations dropped. */
    void acknowledge(String alertId) {
        ledger.record(List.of(LedgerEntry.ack(alertId, clock.instant())));
        int cancelled = deliverer.acknowledge(alertId);
        LOG.info("alert {} acknowledged; {} escalations cancelled", alertId, cancelled);
    }
}
