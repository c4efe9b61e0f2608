package org.clearwatch.notifier.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.schema.Records;

/**
 * One record of the delivery ledger (compacted topic {@code notify-ledger}, keyed by {@link #key}):
 * the latest record of a delivery says where it stands.
 *
 * <p>A PENDING record carries everything needed to send after a restart without the alerts topic:
 * the alert's Avro bytes, the destination's name, notBefore, the digest key and the escalation
 * flag. The others only say what happened (and why, for DEAD).
 *
 * @param deliveryId the delivery's id; for ACK, the alert id
 * @param alert the alert in the wire format of the alerts topic (PENDING only)
 * @param at when this was recorded (epoch ms)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntry(
        Status status,
        String deliveryId,
        String alertId,
        String routeId,
        String recipientId,
        String destination,
        Long publishedAt,
        Long notBefore,
        String digestKey,
        Boolean unlessAcknowledged,
        byte[] alert,
        long at,
        Integer attempts,
        String reason) {

    public enum Status {
        /** Planned and not finished: sent (again) after a restart. */
        PENDING,
        /** The receiver took it. Never sent again. */
        DELIVERED,
        /** Given up (permanent failure or out of attempts): in notify-dead-letters with why. */
        DEAD,
        /** An escalation that was acknowledged before it was due. */
        CANCELLED,
        /** An inspector acknowledged the alert (key {@code ack:<alertId>}). */
        ACK;

        public boolean finished() {
            return this == DELIVERED || this == DEAD || this == CANCELLED;
        }
    }

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The ledger key: the delivery id, or {@code ack:<alertId>}. */
    public String key() {
        return status == Status.ACK ? ackKey(alertId) : deliveryId;
    }

    public static String ackKey(String alertId) {
        return "ack:" + alertId;
    }

    public static LedgerEntry pending(PlannedDelivery d, Instant publishedAt, Instant now) {
        return new LedgerEntry(
                Status.PENDING,
                d.deliveryId(),
                d.alert().getAlertId(),
                d.routeId(),
                d.recipientId(),
                d.destination().name(),
                publishedAt.toEpochMilli(),
                d.notBefore().toEpochMilli(),
                d.digestKey(),
                d.unlessAcknowledged(),
                Records.toBytes(d.alert()),
                now.toEpochMilli(),
                null,
                null);
    }

    /** A finishing record for a delivery: DELIVERED, DEAD or CANCELLED. */
    public static LedgerEntry finished(
            Status status, PlannedDelivery d, Instant now, int attempts, String reason) {
        return new LedgerEntry(
                status,
                d.deliveryId(),
                d.alert().getAlertId(),
                d.routeId(),
                d.recipientId(),
                d.destination().name(),
                null,
                null,
                d.digestKey(),
                null,
                null,
                now.toEpochMilli(),
                attempts,
                reason);
    }

    public static LedgerEntry ack(String alertId, Instant now) {
        return new LedgerEntry(
                Status.ACK,
                null,
                alertId,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                now.toEpochMilli(),
                null,
                null);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LedgerEntry fromJson(byte[] bytes) {
        try {
            return JSON.readValue(bytes, LedgerEntry.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
