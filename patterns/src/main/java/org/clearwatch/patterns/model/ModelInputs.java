package org.clearwatch.patterns.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.clearwatch.patterns.calendar.WorkingCalendar;
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
 * The feeds the models read. Data feeds come timestamped and watermarked, with bad and late records
 * taken out. Reference feeds carry the time a record became known ({@code recorded_at}) as their
 * timestamp, or none when it holds from the start, and never hold event time back: a model joins
 * them whichever comes first.
 *
 * <p>A feed's stream is made the first time a model asks for it, so a job reads only the topics its
 * enabled models need.
 */
public final class ModelInputs {

    /** Every feed a model can ask for. */
    public enum FeedName {
        LEDGER,
        PAYOUTS,
        GPS,
        DEATHS,
        OFFICIALS,
        VEHICLES,
        DISPATCHES,
        ZONES,
        CALENDAR
    }

    private final Map<FeedName, Supplier<? extends DataStream<?>>> suppliers;
    private final Map<FeedName, DataStream<?>> made = new EnumMap<>(FeedName.class);
    private final WorkingCalendar calendar;

    private ModelInputs(
            Map<FeedName, Supplier<? extends DataStream<?>>> suppliers, WorkingCalendar calendar) {
        this.suppliers = suppliers;
        this.calendar = calendar;
    }

    public static Builder builder(WorkingCalendar calendar) {
        return new Builder(calendar);
    }

    /** Only a ledger: what late-deposit's tests need. */
    public static ModelInputs ofLedger(DataStream<LedgerEntry> ledger, WorkingCalendar calendar) {
        return builder(calendar).ledger(() -> ledger).build();
    }

    /** The calendar shipped with Clearwatch, with the overrides known when the job was built. */
    public WorkingCalendar calendar() {
        return calendar;
    }

    public DataStream<LedgerEntry> ledger() {
        return get(FeedName.LEDGER);
    }

    public DataStream<BankPayout> payouts() {
        return get(FeedName.PAYOUTS);
    }

    public DataStream<GpsPing> gps() {
        return get(FeedName.GPS);
    }

    public DataStream<DeathRecord> deaths() {
        return get(FeedName.DEATHS);
    }

    public DataStream<Official> officials() {
        return get(FeedName.OFFICIALS);
    }

    public DataStream<Vehicle> vehicles() {
        return get(FeedName.VEHICLES);
    }

    public DataStream<Dispatch> dispatches() {
        return get(FeedName.DISPATCHES);
    }

    public DataStream<Zone> zones() {
        return get(FeedName.ZONES);
    }

    /** Holidays and make-up working days that override or extend {@link #calendar()}. */
    public DataStream<CalendarDay> calendarDays() {
        return get(FeedName.CALENDAR);
    }

    @SuppressWarnings("unchecked")
    private <T> DataStream<T> get(FeedName feed) {
        DataStream<?> stream = made.get(feed);
        if (stream == null) {
            Supplier<? extends DataStream<?>> supplier = suppliers.get(feed);
            if (supplier == null) {
                throw new IllegalStateException("this job has no " + feed + " feed");
            }
            stream = supplier.get();
            made.put(feed, stream);
        }
        return (DataStream<T>) stream;
    }

    /** Says where each feed comes from. */
    public static final class Builder {
        private final Map<FeedName, Supplier<? extends DataStream<?>>> suppliers =
                new EnumMap<>(FeedName.class);
        private final WorkingCalendar calendar;

        private Builder(WorkingCalendar calendar) {
            this.calendar = calendar;
        }

        public Builder feed(FeedName feed, Supplier<? extends DataStream<?>> supplier) {
            suppliers.put(feed, supplier);
            return this;
        }

        public Builder ledger(Supplier<DataStream<LedgerEntry>> supplier) {
            return feed(FeedName.LEDGER, supplier);
        }

        public ModelInputs build() {
            return new ModelInputs(new EnumMap<>(suppliers), calendar);
        }
    }
}
