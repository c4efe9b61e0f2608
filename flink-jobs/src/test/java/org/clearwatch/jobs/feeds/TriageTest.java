package org.clearwatch.jobs.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;
import org.clearwatch.schema.ops.Reject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TriageTest {

    private static final Instant RECEIVED = Instant.parse("2025-03-03T02:00:00Z");
    private static final long PUBLISHED = RECEIVED.plusSeconds(2).toEpochMilli();

    private OneInputStreamOperatorTestHarness<
                    Either<Reject, Tuple2<LedgerEntry, Long>>, LedgerEntry>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new Triage<>(Feed.LEDGER, "ledger-entries")));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static LedgerEntry entry(String id, Instant at) {
        return LedgerEntry.newBuilder()
                .setEntryId(id)
                .setAccountId("330299101001-01")
                .setVillageCode("330299101001")
                .setTownshipCode("330299101")
                .setType(LedgerEntryType.CASH_RECEIPT)
                .setAmountFen(100L)
                .setReceiptNo("R")
                .setOccurredAt(at)
                .build();
    }

    private void send(LedgerEntry entry) throws Exception {
        harness.processElement(
                new StreamRecord<>(
                        Either.Right(Tuple2.of(entry, PUBLISHED)),
                        entry.getOccurredAt().toEpochMilli()));
    }

    @Test
    void passesRecordsAheadOfTheWatermark() throws Exception {
        harness.processWatermark(RECEIVED.toEpochMilli() - 1);
        send(entry("E-1", RECEIVED));

        assertThat(harness.extractOutputValues())
                .extracting(LedgerEntry::getEntryId)
                .containsExactly("E-1");
    }

    @Test
    void setsALateRecordAsideWithItsIdAndTime() throws Exception {
        harness.processWatermark(RECEIVED.plusSeconds(60).toEpochMilli());
        send(entry("E-1", RECEIVED));

        assertThat(harness.extractOutputValues()).isEmpty();
        Reject late = harness.getSideOutput(Triage.REJECTS).poll().getValue();
        assertThat(late.getReason()).startsWith("late:");
        assertThat(late.getRecordId()).isEqualTo("E-1");
        assertThat(late.getEventTime()).isEqualTo(RECEIVED);
        assertThat(late.getTopic()).isEqualTo("ledger-entries");
    }

    @Test
    void forwardsRejectsFromTheDeserializer() throws Exception {
        Reject reject =
                Reject.newBuilder()
                        .setFeed("ledger")
                        .setTopic("ledger-entries")
                        .setPartition(0)
                        .setOffset(7L)
                        .setReason("the record is empty")
                        .setRejectedAt(RECEIVED)
                        .build();
        harness.processElement(new StreamRecord<>(Either.Left(reject), Long.MIN_VALUE));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(Triage.REJECTS))
                .extracting(StreamRecord::getValue)
                .containsExactly(reject);
    }
}
