package org.clearwatch.jobs.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.EvidenceRecord;

/**
 * Measures how long an alert took from the record that triggered it: from the record's Kafka
 * timestamp (when its producer published it) to the alert's {@code detected_at} (when the model
 * emitted it, before the sink's transaction commits it). The triggering record is the data-feed
 * record of the evidence whose event time is the alert's own; an alert raised by a deadline or a
 * dwell time passing has none and is not measured, since its delay is the deadline's.
 *
 * <p>Record ids and publish times meet alerts by record id, keyed; each side waits at most {@link
 * #WINDOW} of processing time for the other (state TTL), so state holds one window of records. The
 * histogram, {@code alertDelaySeconds} by model, is the operator's only output.
 */
public final class AlertDelay
        extends KeyedCoProcessFunction<String, Tuple2<String, Long>, Alert, Void> {

    private static final long serialVersionUID = 1L;

    /** How long a record's publish time waits for an alert it triggers, and the reverse. */
    static final Duration WINDOW = Duration.ofMinutes(10);

    private static final Set<String> DATA_FEEDS = Set.of("ledger", "payout", "gps");

    private transient ValueState<Long> publishedAt;
    private transient ValueState<Tuple2<Long, String>> waitingAlert;
    private transient Map<String, DelayHistogram> histograms;

    /** Adds the measurement to the job; the alerts themselves flow on unchanged. */
    public static void measure(
            DataStream<Alert> alerts, DataStream<Tuple2<String, Long>> published) {
        DataStream<Alert> triggered =
                alerts.filter(alert -> trigger(alert).isPresent())
                        .uid("alert-delay-triggered")
                        .name("alert delay: record-triggered alerts");
        published
                .keyBy(p -> p.f0, Types.STRING)
                .connect(triggered.keyBy(alert -> trigger(alert).orElseThrow(), Types.STRING))
                .process(new AlertDelay(), Types.VOID)
                .uid("alert-delay")
                .name("alert delay")
                .sinkTo(new DiscardingSink<>())
                .uid("alert-delay-end")
                .name("alert delay: end");
    }

    /** The id of the data record whose arrival raised the alert, if a record did. */
    static Optional<String> trigger(Alert alert) {
        String id = null;
        for (EvidenceRecord evidence : alert.getEvidence()) {
            if (DATA_FEEDS.contains(evidence.getFeed())
                    && evidence.getEventTime().equals(alert.getEventTime())) {
                id = evidence.getRecordId();
            }
        }
        return Optional.ofNullable(id);
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl =
                StateTtlConfig.newBuilder(WINDOW)
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                        .build();
        ValueStateDescriptor<Long> published =
                new ValueStateDescriptor<>("published-at", Types.LONG);
        published.enableTimeToLive(ttl);
        ValueStateDescriptor<Tuple2<Long, String>> waiting =
                new ValueStateDescriptor<>(
                        "waiting-alert",
                        TypeInformation.of(new TypeHint<Tuple2<Long, String>>() {}));
        waiting.enableTimeToLive(ttl);
        publishedAt = getRuntimeContext().getState(published);
        waitingAlert = getRuntimeContext().getState(waiting);
        histograms = new HashMap<>();
    }

    @Override
    public void processElement1(Tuple2<String, Long> record, Context ctx, Collector<Void> out)
            throws Exception {
        Tuple2<Long, String> alert = waitingAlert.value();
        if (alert != null) {
            observe(alert.f1, alert.f0 - record.f1);
            waitingAlert.clear();
        }
        // Kept: a record may trigger more than one alert. A re-sent record keeps its first time.
        if (publishedAt.value() == null) {
            publishedAt.update(record.f1);
        }
    }

    @Override
    public void processElement2(Alert alert, Context ctx, Collector<Void> out) throws Exception {
        long detectedAt = alert.getDetectedAt().toEpochMilli();
        Long published = publishedAt.value();
        if (published != null) {
            observe(alert.getModelId(), detectedAt - published);
        } else {
            waitingAlert.update(Tuple2.of(detectedAt, alert.getModelId()));
        }
    }

    private void observe(String model, long millis) {
        histograms
                .computeIfAbsent(
                        model,
                        m ->
                                new DelayHistogram(
                                        getRuntimeContext().getMetricGroup().addGroup("model", m),
                                        "alertDelaySeconds"))
                .observeMillis(millis);
    }
}
