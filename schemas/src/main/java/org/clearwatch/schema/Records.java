package org.clearwatch.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.ops.Reject;
import org.clearwatch.schema.ref.CalendarDay;
import org.clearwatch.schema.ref.DeathRecord;
import org.clearwatch.schema.ref.Dispatch;
import org.clearwatch.schema.ref.Official;
import org.clearwatch.schema.ref.Vehicle;
import org.clearwatch.schema.ref.Zone;

/**
 * The records Clearwatch writes to Kafka, their recorded schema versions, and their wire format.
 *
 * <p>On Kafka every record is Avro single-object encoded: a two-byte marker, the 64-bit fingerprint
 * of the writer's schema, then the binary body. A reader therefore knows which schema wrote a
 * record; it resolves records written with any version recorded under {@code schema-history/} into
 * the current generated class, so a consumer upgraded before its producers keeps reading.
 */
public final class Records {

    /** Every top-level record type on a topic. */
    public static final List<Schema> TOPIC_RECORDS =
            List.of(
                    LedgerEntry.getClassSchema(),
                    BankPayout.getClassSchema(),
                    GpsPing.getClassSchema(),
                    DeathRecord.getClassSchema(),
                    Official.getClassSchema(),
                    Vehicle.getClassSchema(),
                    Dispatch.getClassSchema(),
                    Zone.getClassSchema(),
                    CalendarDay.getClassSchema(),
                    Alert.getClassSchema(),
                    Reject.getClassSchema());

    static final String HISTORY_ROOT = "schema-history/";

    private static final Map<String, List<Schema>> HISTORY = new ConcurrentHashMap<>();
    private static final Map<String, BinaryMessageEncoder<SpecificRecordBase>> ENCODERS =
            new ConcurrentHashMap<>();

    private Records() {}

    /**
     * The recorded versions of a record, oldest first, from {@code
     * schema-history/<full.name>/v1.avsc, v2.avsc, ...} on the class path.
     */
    public static List<Schema> history(String fullName) {
        return HISTORY.computeIfAbsent(fullName, Records::loadHistory);
    }

    private static List<Schema> loadHistory(String fullName) {
        List<Schema> versions = new ArrayList<>();
        ClassLoader loader = Records.class.getClassLoader();
        for (int v = 1; ; v++) {
            String resource = HISTORY_ROOT + fullName + "/v" + v + ".avsc";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                versions.add(new Schema.Parser().parse(json));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
    }

    /** A decoder that reads records written with the current or any recorded schema version. */
    public static <T extends SpecificRecordBase> BinaryMessageDecoder<T> decoder(Schema current) {
        SchemaStore.Cache store = new SchemaStore.Cache();
        history(current.getFullName()).forEach(store::addSchema);
        return new BinaryMessageDecoder<>(model(current), current, store);
    }

    /** An encoder that writes the current schema version. */
    public static <T extends SpecificRecordBase> BinaryMessageEncoder<T> encoder(Schema current) {
        return new BinaryMessageEncoder<>(model(current), current);
    }

    /**
     * The generated class's own model: it carries the logical-type conversions (Instant,
     * LocalDate), which a union such as {@code ["null", timestamp-millis]} needs.
     */
    private static SpecificData model(Schema schema) {
        return SpecificData.getForSchema(schema);
    }

    /** Encodes a record in the wire format, as a fresh byte array. */
    public static byte[] toBytes(SpecificRecordBase record) {
        try {
            ByteBuffer buffer =
                    ENCODERS.computeIfAbsent(
                                    record.getSchema().getFullName(),
                                    name -> encoder(record.getSchema()))
                            .encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode " + record.getSchema().getName(), e);
        }
    }
}
