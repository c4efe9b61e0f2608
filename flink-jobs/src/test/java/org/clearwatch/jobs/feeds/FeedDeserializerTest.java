package org.clearwatch.jobs.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.types.Either;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;
import org.clearwatch.schema.ops.Reject;
import org.junit.jupiter.api.Test;

/** A record that cannot be used becomes a reject, whatever its bytes; it never throws. */
class FeedDeserializerTest {

    private static final Instant NOW = Instant.parse("2025-10-09T02:00:00Z");
    private static final String NAME = "王小明";

    private final FeedDeserializer<LedgerEntry> deserializer =
            new FeedDeserializer<>(
                    Feed.LEDGER, Duration.ofMinutes(15), Clock.fixed(NOW, ZoneOffset.UTC));

    private static LedgerEntry.Builder entry() {
        return LedgerEntry.newBuilder()
                .setEntryId("E-1")
                .setAccountId("330299101001-01")
                .setVillageCode("330299101001")
                .setTownshipCode("330299101")
                .setType(LedgerEntryType.CASH_RECEIPT)
                .setAmountFen(2_000_000L)
                .setReceiptNo("R-1")
                .setCounterparty(NAME)
                .setOccurredAt(NOW.minusSeconds(3600));
    }

    private Either<Reject, LedgerEntry> read(byte[] bytes) {
        return deserializer.read("ledger-entries", 1, 42L, bytes);
    }

    @Test
    void passesAValidRecord() {
        LedgerEntry valid = entry().build();

        assertThat(read(Records.toBytes(valid)).right()).isEqualTo(valid);
    }

    @Test
    void rejectsBytesThatAreNotAvroWithWhereTheyLie() {
        byte[] garbage = "{\"entry_id\": \"E-1\"}".getBytes();

        Reject reject = read(garbage).left();

        assertThat(reject.getTopic()).isEqualTo("ledger-entries");
        assertThat(reject.getPartition()).isEqualTo(1);
        assertThat(reject.getOffset()).isEqualTo(42L);
        assertThat(reject.getReason()).contains("not a LedgerEntry");
        assertThat(reject.getPayloadSize()).isEqualTo(garbage.length);
        assertThat(reject.getPayloadSha256()).hasSize(64);
        assertThat(reject.getErrorClass()).isNotBlank();
    }

    @Test
    void rejectsAnEmptyRecord() {
        assertThat(read(new byte[0]).left().getReason()).isEqualTo("the record is empty");
        assertThat(read(null).left().getReason()).isEqualTo("the record is empty");
    }

    @Test
    void rejectsATruncatedRecord() {
        byte[] whole = Records.toBytes(entry().build());

        Reject reject = read(Arrays.copyOf(whole, whole.length / 2)).left();

        assertThat(reject.getReason()).contains("not a LedgerEntry");
    }

    @Test
    void rejectsARecordClaimingAHugeArrayWithoutRunningOutOfMemory() throws Exception {
        // A valid header, then a body whose 'covers' claims a billion receipt numbers.
        LedgerEntry withCovers =
                entry().setType(LedgerEntryType.BANK_DEPOSIT)
                        .setCovers(java.util.List.of("R-1"))
                        .build();
        byte[] bytes = Records.toBytes(withCovers);
        byte[] forged = forgeArrayCount(bytes, 1_000_000_000L);

        Reject reject = read(forged).left();

        assertThat(reject.getReason()).contains("not a LedgerEntry");
    }

    @Test
    void neverThrowsOnRandomBytes() {
        SplittableRandom rng = new SplittableRandom(1);
        byte[] valid = Records.toBytes(entry().build());
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = Arrays.copyOf(valid, valid.length);
            for (int flips = 1 + rng.nextInt(4); flips > 0; flips--) {
                bytes[rng.nextInt(bytes.length)] = (byte) rng.nextInt(256);
            }
            Either<Reject, LedgerEntry> result = read(bytes);
            assertThat(result.isLeft() || result.isRight()).isTrue();
        }
    }

    @Test
    void rejectsAnInvalidRecordNamingTheFieldAndItsIdButNotItsValues() {
        LedgerEntry wrongTownship = entry().setTownshipCode("3302991").build();

        Reject reject = read(Records.toBytes(wrongTownship)).left();

        assertThat(reject.getReason()).isEqualTo("township_code is not a 9-digit division code");
        assertThat(reject.getRecordId()).isEqualTo("E-1");
        assertThat(reject.toString()).doesNotContain(NAME).doesNotContain("3302991");
    }

    @Test
    void rejectsAReceiptWithoutReceiptNumber() {
        LedgerEntry noNumber = entry().setReceiptNo(null).build();

        assertThat(read(Records.toBytes(noNumber)).left().getReason())
                .isEqualTo("a CASH_RECEIPT has no receipt_no");
    }

    @Test
    void rejectsAnEventTimeFarAheadOfTheWallClock() {
        LedgerEntry fromTheFuture = entry().setOccurredAt(NOW.plus(Duration.ofDays(365))).build();

        Reject reject = read(Records.toBytes(fromTheFuture)).left();

        assertThat(reject.getReason()).contains("ahead of the wall clock");
        assertThat(reject.getEventTime()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void acceptsAnEventTimeSlightlyAheadOfTheWallClock() {
        LedgerEntry skewed = entry().setOccurredAt(NOW.plus(Duration.ofMinutes(5))).build();

        assertThat(read(Records.toBytes(skewed)).isRight()).isTrue();
    }

    /** Rewrites the element count of the one-element 'covers' array in a single-object record. */
    private static byte[] forgeArrayCount(byte[] record, long count) throws Exception {
        LedgerEntry decoded =
                Records.<LedgerEntry>decoder(LedgerEntry.getClassSchema()).decode(record);
        int headerLength = 10;
        byte[] body = Arrays.copyOfRange(record, headerLength, record.length);
        // Encode the same record with covers = [] to find where the array count sits.
        LedgerEntry empty = LedgerEntry.newBuilder(decoded).setCovers(java.util.List.of()).build();
        ByteBuffer emptyBuffer =
                new BinaryMessageEncoder<LedgerEntry>(
                                SpecificData.get(), LedgerEntry.getClassSchema())
                        .encode(empty);
        byte[] emptyBody =
                Arrays.copyOfRange(emptyBuffer.array(), headerLength, emptyBuffer.limit());
        int at = 0;
        while (at < emptyBody.length && body[at] == emptyBody[at]) {
            at++;
        }
        ByteArrayOutputStream forged = new ByteArrayOutputStream();
        forged.write(record, 0, headerLength + at);
        long zigzag = count << 1;
        while ((zigzag & ~0x7FL) != 0) {
            forged.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        forged.write((int) zigzag);
        forged.write(body, at + 1, body.length - at - 1);
        return forged.toByteArray();
    }
}
