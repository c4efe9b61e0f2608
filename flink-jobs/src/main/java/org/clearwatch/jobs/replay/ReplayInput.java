package org.clearwatch.jobs.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;
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
 * What {@link JsonLinesReader} made of the replay input: the records of each feed in file order,
 * the lines it could not use, and the latest event time it saw.
 */
public final class ReplayInput {

    private final List<LedgerEntry> ledgerEntries;
    private final List<BankPayout> payouts;
    private final List<GpsPing> gpsPings;
    private final List<DeathRecord> deaths;
    private final List<Official> officials;
    private final List<Vehicle> vehicles;
    private final List<Dispatch> dispatches;
    private final List<Zone> zones;
    private final List<CalendarDay> calendarDays;
    private final List<LineError> errors;
    private final long errorCount;
    private final long linesRead;
    private final Instant maxEventTime;

    private ReplayInput(Builder b) {
        // Wrapped, not copied: the lists can hold millions of records.
        this.ledgerEntries = Collections.unmodifiableList(b.ledgerEntries);
        this.payouts = Collections.unmodifiableList(b.payouts);
        this.gpsPings = Collections.unmodifiableList(b.gpsPings);
        this.deaths = Collections.unmodifiableList(b.deaths);
        this.officials = Collections.unmodifiableList(b.officials);
        this.vehicles = Collections.unmodifiableList(b.vehicles);
        this.dispatches = Collections.unmodifiableList(b.dispatches);
        this.zones = Collections.unmodifiableList(b.zones);
        this.calendarDays = Collections.unmodifiableList(b.calendarDays);
        this.errors = Collections.unmodifiableList(b.errors);
        this.errorCount = b.errorCount;
        this.linesRead = b.linesRead;
        this.maxEventTime = b.hasEventTime ? Instant.ofEpochMilli(b.maxEventTimeMillis) : null;
    }

    /** Lines with {@code "feed": "ledger"}. */
    public List<LedgerEntry> ledgerEntries() {
        return ledgerEntries;
    }

    /** Lines with {@code "feed": "payout"}. */
    public List<BankPayout> payouts() {
        return payouts;
    }

    /** Lines with {@code "feed": "gps"}. */
    public List<GpsPing> gpsPings() {
        return gpsPings;
    }

    /** Lines with {@code "feed": "ref.death"}. */
    public List<DeathRecord> deaths() {
        return deaths;
    }

    /** Lines with {@code "feed": "ref.official"}. */
    public List<Official> officials() {
        return officials;
    }

    /** Lines with {@code "feed": "ref.vehicle"}. */
    public List<Vehicle> vehicles() {
        return vehicles;
    }

    /** Lines with {@code "feed": "ref.dispatch"}. */
    public List<Dispatch> dispatches() {
        return dispatches;
    }

    /** Lines with {@code "feed": "ref.zone"}. */
    public List<Zone> zones() {
        return zones;
    }

    /** Lines with {@code "feed": "ref.calendar"}. */
    public List<CalendarDay> calendarDays() {
        return calendarDays;
    }

    /**
     * The unusable lines in input order, at most the reader's {@code maxErrorsKept} of them; a file
     * in the wrong encoding would otherwise fill the heap with one error per line.
     */
    public List<LineError> errors() {
        return errors;
    }

    /** All unusable lines, including those beyond the ones kept in {@link #errors()}. */
    public long errorCount() {
        return errorCount;
    }

    public boolean hasErrors() {
        return errorCount > 0;
    }

    /** Every line read, blank and unusable ones included. */
    public long linesRead() {
        return linesRead;
    }

    /** Records parsed across all feeds. */
    public long recordCount() {
        return (long) ledgerEntries.size()
                + payouts.size()
                + gpsPings.size()
                + deaths.size()
                + officials.size()
                + vehicles.size()
                + dispatches.size()
                + zones.size()
                + calendarDays.size();
    }

    /**
     * The latest event time of any record: occurred_at, paid_at, fix_time, and recorded_at of
     * reference records that carry it. Empty when no record has an event time. The replay command's
     * default {@code --until}.
     */
    public Optional<Instant> maxEventTime() {
        return Optional.ofNullable(maxEventTime);
    }

    @Override
    public String toString() {
        return "ReplayInput{lines="
                + linesRead
                + ", records="
                + recordCount()
                + ", errors="
                + errorCount
                + ", maxEventTime="
                + maxEventTime
                + "}";
    }

    /** Collects records across the files of one read. */
    static final class Builder {
        private final int maxErrorsKept;
        private final List<LedgerEntry> ledgerEntries = new ArrayList<>();
        private final List<BankPayout> payouts = new ArrayList<>();
        private final List<GpsPing> gpsPings = new ArrayList<>();
        private final List<DeathRecord> deaths = new ArrayList<>();
        private final List<Official> officials = new ArrayList<>();
        private final List<Vehicle> vehicles = new ArrayList<>();
        private final List<Dispatch> dispatches = new ArrayList<>();
        private final List<Zone> zones = new ArrayList<>();
        private final List<CalendarDay> calendarDays = new ArrayList<>();
        private final List<LineError> errors = new ArrayList<>();
        private long errorCount;
        private long linesRead;
        private boolean hasEventTime;
        private long maxEventTimeMillis = Long.MIN_VALUE;

        Builder(int maxErrorsKept) {
            this.maxErrorsKept = maxErrorsKept;
        }

        void lineRead() {
            linesRead++;
        }

        void error(LineError error) {
            errorCount++;
            if (errors.size() < maxErrorsKept) {
                errors.add(error);
            }
        }

        void record(InputFeed feed, SpecificRecordBase record, Instant eventTime) {
            switch (feed) {
                case LEDGER -> ledgerEntries.add((LedgerEntry) record);
                case PAYOUT -> payouts.add((BankPayout) record);
                case GPS -> gpsPings.add((GpsPing) record);
                case DEATH -> deaths.add((DeathRecord) record);
                case OFFICIAL -> officials.add((Official) record);
                case VEHICLE -> vehicles.add((Vehicle) record);
                case DISPATCH -> dispatches.add((Dispatch) record);
                case ZONE -> zones.add((Zone) record);
                case CALENDAR -> calendarDays.add((CalendarDay) record);
            }
            if (eventTime != null) {
                long millis = eventTime.toEpochMilli();
                if (!hasEventTime || millis > maxEventTimeMillis) {
                    maxEventTimeMillis = millis;
                    hasEventTime = true;
                }
            }
        }

        ReplayInput build() {
            return new ReplayInput(this);
        }
    }
}
