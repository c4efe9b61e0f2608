package org.clearwatch.jobs.feeds;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.util.function.SerializableFunction;
import org.clearwatch.patterns.model.ModelInputs.FeedName;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.ref.CalendarDay;
import org.clearwatch.schema.ref.DeathRecord;
import org.clearwatch.schema.ref.Dispatch;
import org.clearwatch.schema.ref.Official;
import org.clearwatch.schema.ref.Vehicle;
import org.clearwatch.schema.ref.Zone;

/**
 * A feed: its name, its record type, and how to read a record's id, event time and validity.
 *
 * <p>Data feeds (ledger, payouts, gps) are in event time: watermarks, and late records set aside.
 * Reference feeds (deaths, officials, ...) are facts that models join whenever they arrive; their
 * time is when a record became known ({@code recorded_at}), or none when it holds from the start.
 *
 * @param <T> the Avro record of the feed
 */
public final class Feed<T extends SpecificRecordBase> implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Feed<LedgerEntry> LEDGER =
            data(
                    FeedName.LEDGER,
                    "ledger",
                    LedgerEntry.class,
                    LedgerEntry::getEntryId,
                    LedgerEntry::getOccurredAt,
                    RecordChecks::ledger);
    public static final Feed<BankPayout> PAYOUTS =
            data(
                    FeedName.PAYOUTS,
                    "payout",
                    BankPayout.class,
                    BankPayout::getPayoutId,
                    BankPayout::getPaidAt,
                    RecordChecks::payout);
    public static final Feed<GpsPing> GPS =
            data(
                    FeedName.GPS,
                    "gps",
                    GpsPing.class,
                    p -> p.getVehicleId() + "@" + p.getFixTime().toEpochMilli(),
                    GpsPing::getFixTime,
                    RecordChecks::gps);
    public static final Feed<DeathRecord> DEATHS =
            reference(
                    FeedName.DEATHS,
                    "ref.death",
                    DeathRecord.class,
                    d -> null,
                    DeathRecord::getRecordedAt,
                    RecordChecks::death);
    public static final Feed<Official> OFFICIALS =
            reference(
                    FeedName.OFFICIALS,
                    "ref.official",
                    Official.class,
                    o -> null,
                    Official::getRecordedAt,
                    RecordChecks::official);
    public static final Feed<Vehicle> VEHICLES =
            reference(
                    FeedName.VEHICLES,
                    "ref.vehicle",
                    Vehicle.class,
                    Vehicle::getVehicleId,
                    Vehicle::getRecordedAt,
                    RecordChecks::vehicle);
    public static final Feed<Dispatch> DISPATCHES =
            reference(
                    FeedName.DISPATCHES,
                    "ref.dispatch",
                    Dispatch.class,
                    Dispatch::getDispatchId,
                    Dispatch::getRecordedAt,
                    RecordChecks::dispatch);
    public static final Feed<Zone> ZONES =
            reference(
                    FeedName.ZONES,
                    "ref.zone",
                    Zone.class,
                    Zone::getZoneId,
                    Zone::getRecordedAt,
                    RecordChecks::zone);
    public static final Feed<CalendarDay> CALENDAR =
            reference(
                    FeedName.CALENDAR,
                    "ref.calendar",
                    CalendarDay.class,
                    c -> c.getDate().toString(),
                    CalendarDay::getRecordedAt,
                    RecordChecks::calendarDay);

    /** Every feed, data first. */
    public static final List<Feed<?>> ALL =
            List.of(LEDGER, PAYOUTS, GPS, DEATHS, OFFICIALS, VEHICLES, DISPATCHES, ZONES, CALENDAR);

    private final FeedName feed;
    private final String name;
    private final boolean reference;
    private final Class<T> type;
    private final SerializableFunction<T, String> id;
    private final SerializableFunction<T, Instant> eventTime;
    private final SerializableFunction<T, Optional<String>> check;

    private Feed(
            FeedName feed,
            String name,
            boolean reference,
            Class<T> type,
            SerializableFunction<T, String> id,
            SerializableFunction<T, Instant> eventTime,
            SerializableFunction<T, Optional<String>> check) {
        this.feed = feed;
        this.name = name;
        this.reference = reference;
        this.type = type;
        this.id = id;
        this.eventTime = eventTime;
        this.check = check;
    }

    private static <T extends SpecificRecordBase> Feed<T> data(
            FeedName feed,
            String name,
            Class<T> type,
            SerializableFunction<T, String> id,
            SerializableFunction<T, Instant> eventTime,
            SerializableFunction<T, Optional<String>> check) {
        return new Feed<>(feed, name, false, type, id, eventTime, check);
    }

    /**
     * A reference feed; {@code id} may give null where a record's key is personal (a national ID
     * number), so that it never reaches a reject.
     */
    private static <T extends SpecificRecordBase> Feed<T> reference(
            FeedName feed,
            String name,
            Class<T> type,
            SerializableFunction<T, String> id,
            SerializableFunction<T, Instant> recordedAt,
            SerializableFunction<T, Optional<String>> check) {
        return new Feed<>(feed, name, true, type, id, recordedAt, check);
    }

    public FeedName feed() {
        return feed;
    }

    /** As in replay files and rejects: ledger, payout, gps, ref.death, ... */
    public String name() {
        return name;
    }

    public boolean isReference() {
        return reference;
    }

    public Class<T> type() {
        return type;
    }

    public Schema schema() {
        return SpecificData.get().getSchema(type);
    }

    /** The record's id as rejects may show it: never a personal id. */
    public String id(T record) {
        return id.apply(record);
    }

    /**
     * Event time of a data record; for a reference record, when it became known, or null when it
     * holds from the start.
     */
    public Instant eventTime(T record) {
        return eventTime.apply(record);
    }

    /** Why the record cannot be used, if it cannot. */
    public Optional<String> check(T record) {
        return check.apply(record);
    }

    /** The uid and operator names of this feed's operators start with this. */
    public String uidPrefix() {
        return name.replace('.', '-');
    }
}
