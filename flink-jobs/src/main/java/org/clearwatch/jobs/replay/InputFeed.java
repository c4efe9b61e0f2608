package org.clearwatch.jobs.replay;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
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

/** The values of the {@code feed} key of a replay input line and the records they name. */
enum InputFeed {
    LEDGER("ledger", LedgerEntry.class, LedgerEntry::new, "occurred_at"),
    PAYOUT("payout", BankPayout.class, BankPayout::new, "paid_at"),
    GPS("gps", GpsPing.class, GpsPing::new, "fix_time"),
    DEATH("ref.death", DeathRecord.class, DeathRecord::new, "recorded_at"),
    OFFICIAL("ref.official", Official.class, Official::new, "recorded_at"),
    VEHICLE("ref.vehicle", Vehicle.class, Vehicle::new, "recorded_at"),
    DISPATCH("ref.dispatch", Dispatch.class, Dispatch::new, "recorded_at"),
    ZONE("ref.zone", Zone.class, Zone::new, "recorded_at"),
    CALENDAR("ref.calendar", CalendarDay.class, CalendarDay::new, "recorded_at");

    private final String wireName;
    private final Class<? extends SpecificRecordBase> recordClass;
    private final Supplier<SpecificRecordBase> factory;
    private final String eventTimeField;

    InputFeed(
            String wireName,
            Class<? extends SpecificRecordBase> recordClass,
            Supplier<SpecificRecordBase> factory,
            String eventTimeField) {
        this.wireName = wireName;
        this.recordClass = recordClass;
        this.factory = factory;
        this.eventTimeField = eventTimeField;
    }

    String wireName() {
        return wireName;
    }

    Class<? extends SpecificRecordBase> recordClass() {
        return recordClass;
    }

    Schema schema() {
        return factory.get().getSchema();
    }

    SpecificRecordBase newRecord() {
        return factory.get();
    }

    /**
     * The field holding the record's event time. For reference records it is {@code recorded_at},
     * which may be absent; their own dates (died_on, valid_from, ...) describe the world, not when
     * the record arrived.
     */
    String eventTimeField() {
        return eventTimeField;
    }

    private static final Map<String, InputFeed> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(f -> f.wireName, f -> f));

    static Optional<InputFeed> byWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(InputFeed::wireName).toList());
    }
}
