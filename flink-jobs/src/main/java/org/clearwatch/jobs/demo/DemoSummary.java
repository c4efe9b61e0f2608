package org.clearwatch.jobs.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.clearwatch.jobs.demo.AlertPrinter.Received;
import org.clearwatch.jobs.sim.ExpectedAlert;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.EvidenceRecord;

/**
 * What the demo measured, per model: the alerts it saw against the simulation's ground truth, and
 * how long an alert took from the publication of the record that triggered it to being readable.
 */
final class DemoSummary {

    /** One model's line of the summary. */
    record ModelLine(
            String modelId,
            Instant checkedUpTo,
            int planted,
            int seen,
            int missing,
            int unexpected,
            int duplicated,
            List<Long> delaysMillis) {

        /** The p-th percentile delay (nearest rank), or null without measurements. */
        Long delayPercentile(double p) {
            return percentile(delaysMillis, p);
        }
    }

    private DemoSummary() {}

    /**
     * @param expected the ground truth of the whole run
     * @param received the alerts read, in order
     * @param checkedUpTo per model, the event time up to which the job must have given every alert
     * @param publishedAt when a record named in evidence was published (wall millis), or null
     * @param eventTriggered whether a model's alerts follow a record, not a deadline
     */
    static List<ModelLine> lines(
            Collection<String> modelIds,
            List<ExpectedAlert> expected,
            List<Received> received,
            Function<String, Instant> checkedUpTo,
            Function<String, Long> publishedAt,
            Function<String, Boolean> eventTriggered) {
        Map<String, ModelLine> lines = new TreeMap<>();
        for (String model : modelIds) {
            Instant upTo = checkedUpTo.apply(model);
            Set<String> planted = new HashSet<>();
            expected.stream()
                    .filter(e -> e.modelId().equals(model) && !e.eventTime().isAfter(upTo))
                    .forEach(e -> planted.add(e.key()));
            Set<String> seen = new HashSet<>();
            int all = 0;
            List<Long> delays = new ArrayList<>();
            for (Received r : received) {
                Alert alert = r.alert();
                if (!alert.getModelId().equals(model)) {
                    continue;
                }
                if (!alert.getEventTime().isAfter(upTo)) {
                    all++;
                    seen.add(alert.getAlertId() + "/" + alert.getKind());
                }
                if (eventTriggered.apply(model)) {
                    Long trigger = triggerPublishedAt(alert, publishedAt);
                    if (trigger != null) {
                        delays.add(Math.max(0, r.atMillis() - trigger));
                    }
                }
            }
            Set<String> missing = new HashSet<>(planted);
            missing.removeAll(seen);
            Set<String> unexpected = new HashSet<>(seen);
            unexpected.removeAll(planted);
            delays.sort(Long::compare);
            lines.put(
                    model,
                    new ModelLine(
                            model,
                            upTo,
                            planted.size(),
                            planted.size() - missing.size(),
                            missing.size(),
                            unexpected.size(),
                            all - seen.size(),
                            delays));
        }
        return List.copyOf(lines.values());
    }

    /**
     * The publication of the last record in the alert's evidence: the alert cannot have been raised
     * before it, and the record that completes a case is the one that triggers it.
     */
    static Long triggerPublishedAt(Alert alert, Function<String, Long> publishedAt) {
        Long latest = null;
        for (EvidenceRecord evidence : alert.getEvidence()) {
            Long at = publishedAt.apply(evidence.getRecordId());
            if (at != null && (latest == null || at > latest)) {
                latest = at;
            }
        }
        return latest;
    }

    /** Nearest-rank percentile of sorted values, or null when there are none. */
    static Long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** All delays of event-triggered models together. */
    static List<Long> allDelays(List<ModelLine> lines) {
        List<Long> all = new ArrayList<>();
        lines.forEach(l -> all.addAll(l.delaysMillis()));
        all.sort(Long::compare);
        return all;
    }
}
