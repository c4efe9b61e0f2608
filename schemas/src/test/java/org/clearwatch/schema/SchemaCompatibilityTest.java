package org.clearwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;
import org.clearwatch.schema.ops.Reject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the promise that a consumer built from today's schemas reads every record an older
 * producer wrote. Each topic record keeps its released versions under {@code
 * src/main/resources/schema-history/<full.name>/vN.avsc}.
 *
 * <p>To record a changed schema as a new version, run {@code mvn -pl schemas test
 * -Dschemas.record=true}: the new version is written only if it can read all earlier ones.
 */
class SchemaCompatibilityTest {

    private static final boolean RECORD = Boolean.getBoolean("schemas.record");

    static Stream<Arguments> recordedVersions() {
        List<Arguments> pairs = new ArrayList<>();
        for (Schema current : Records.TOPIC_RECORDS) {
            List<Schema> history = Records.history(current.getFullName());
            for (int v = 0; v < history.size(); v++) {
                pairs.add(Arguments.of(current.getFullName(), v + 1, current, history.get(v)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} reads data written with v{1}")
    @MethodSource("recordedVersions")
    void currentSchemaReadsEveryRecordedVersion(
            String name, int version, Schema current, Schema recorded) {
        SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(current, recorded);

        assertThat(result.getType())
                .as(
                        "%s can no longer read records written with its v%d: %s",
                        name, version, result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest(name = "{0} decodes a record written with v{1}")
    @MethodSource("recordedVersions")
    void decoderResolvesRecordsWrittenWithARecordedVersion(
            String name, int version, Schema current, Schema recorded) throws IOException {
        GenericRecord written = SampleRecords.minimal(recorded);
        ByteBuffer bytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), recorded)
                        .encode(written);

        Object read = Records.decoder(current).decode(bytes);

        assertThat(read.getClass().getName()).isEqualTo(name);
    }

    @Test
    void everyTopicRecordHasItsCurrentSchemaRecorded() throws IOException {
        List<String> unrecorded = new ArrayList<>();
        for (Schema current : Records.TOPIC_RECORDS) {
            List<Schema> history = Records.history(current.getFullName());
            boolean upToDate =
                    !history.isEmpty() && history.get(history.size() - 1).equals(current);
            if (!upToDate) {
                if (RECORD) {
                    record(current, history.size() + 1);
                } else {
                    unrecorded.add(
                            current.getFullName() + " (next: v" + (history.size() + 1) + ")");
                }
            }
        }

        assertThat(unrecorded)
                .as(
                        "schemas changed but not recorded; run mvn -pl schemas test -Dschemas.record=true")
                .isEmpty();
    }

    @Test
    void checkerRefusesANewFieldWithoutDefault() {
        Schema current = LedgerEntry.getClassSchema();
        Schema changed = withExtraField(current, "{\"name\":\"approved_by\",\"type\":\"string\"}");

        SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(changed, current);

        assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(result.getResult().getIncompatibilities().toString()).contains("approved_by");
    }

    @Test
    void checkerAcceptsANewOptionalField() {
        Schema current = LedgerEntry.getClassSchema();
        Schema changed =
                withExtraField(
                        current,
                        "{\"name\":\"approved_by\",\"type\":[\"null\",\"string\"],\"default\":null}");

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(changed, current).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void specificRecordsSurviveTheWireFormat() throws IOException {
        LedgerEntry entry =
                LedgerEntry.newBuilder()
                        .setEntryId("E-1")
                        .setAccountId("A-1")
                        .setVillageCode("130102001001")
                        .setTownshipCode("130102001")
                        .setType(LedgerEntryType.BANK_DEPOSIT)
                        .setAmountFen(2_000_000L)
                        .setCovers(List.of("R-1", "R-2"))
                        .setOccurredAt(Instant.parse("2025-10-01T13:14:00Z"))
                        .build();

        Object read = Records.decoder(LedgerEntry.getClassSchema()).decode(Records.toBytes(entry));

        assertThat(read).isEqualTo(entry);
    }

    @Test
    void optionalTimesSurviveTheWireFormat() throws IOException {
        Reject reject =
                Reject.newBuilder()
                        .setFeed("ledger")
                        .setTopic("ledger-entries")
                        .setRecordId("E-1")
                        .setEventTime(Instant.parse("2025-10-01T13:14:00Z"))
                        .setReason("late")
                        .setRejectedAt(Instant.parse("2025-10-01T13:15:00Z"))
                        .build();

        Object read = Records.decoder(Reject.getClassSchema()).decode(Records.toBytes(reject));

        assertThat(read).isEqualTo(reject);
    }

    private static Schema withExtraField(Schema schema, String fieldJson) {
        String json = schema.toString();
        int fieldsStart = json.indexOf("\"fields\":[") + "\"fields\":[".length();
        String changed =
                json.substring(0, fieldsStart) + fieldJson + "," + json.substring(fieldsStart);
        return new Schema.Parser().parse(changed);
    }

    private static void record(Schema current, int version) throws IOException {
        List<Schema> history = Records.history(current.getFullName());
        for (Schema older : history) {
            SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, older);
            assertThat(result.getType())
                    .as("refusing to record %s: %s", current.getFullName(), result.getDescription())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
        Path dir =
                Paths.get(
                                System.getProperty(
                                        "schemas.history.dir", "src/main/resources/schema-history"))
                        .resolve(current.getFullName());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("v" + version + ".avsc"), current.toString(true) + "\n");
    }
}
