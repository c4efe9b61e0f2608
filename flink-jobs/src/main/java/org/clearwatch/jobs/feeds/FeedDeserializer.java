package org.clearwatch.jobs.feeds;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.ops.Reject;

/**
 * Reads a feed's Kafka records and never throws: a record that cannot be decoded, fails its checks,
 * or claims a time too far ahead of the wall clock comes out as a {@link Reject} (topic, partition,
 * offset, reason, digest of the bytes) instead. A poison record therefore costs one reject, never a
 * restart loop. A usable record comes with its Kafka timestamp, the time it was published, so that
 * the job can measure how long an alert took from the record that triggered it.
 *
 * @param <T> the feed's record type
 */
public final class FeedDeserializer<T extends SpecificRecordBase>
        implements KafkaRecordDeserializationSchema<Either<Reject, Tuple2<T, Long>>> {

    private static final long serialVersionUID = 1L;

    /** How a reject's reason starts when the record could not be decoded. */
    static final String UNDECODABLE = "not a ";

    /** How a reject's reason starts when the record's time is implausibly far ahead. */
    static final String AHEAD_OF_WALL_CLOCK = "event time is ";

    static final String EMPTY = "the record is empty";

    private final Feed<T> feed;
    private final Duration maxClockLead;
    private final Clock clock;

    private transient BinaryMessageDecoder<T> decoder;
    private transient Counter undecodable;

    public FeedDeserializer(Feed<T> feed, Duration maxClockLead) {
        this(feed, maxClockLead, Clock.systemUTC());
    }

    FeedDeserializer(Feed<T> feed, Duration maxClockLead, Clock clock) {
        this.feed = feed;
        this.maxClockLead = maxClockLead;
        this.clock = clock;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        decoder = Records.decoder(feed.schema());
        undecodable = context.getMetricGroup().addGroup("feed", feed.name()).counter("undecodable");
    }

    @Override
    public void deserialize(
            ConsumerRecord<byte[], byte[]> record, Collector<Either<Reject, Tuple2<T, Long>>> out) {
        Either<Reject, T> read =
                read(record.topic(), record.partition(), record.offset(), record.value());
        out.collect(
                read.isLeft()
                        ? Either.Left(read.left())
                        : Either.Right(Tuple2.of(read.right(), record.timestamp())));
    }

    Either<Reject, T> read(String topic, int partition, long offset, byte[] bytes) {
        if (decoder == null) {
            decoder = Records.decoder(feed.schema());
        }
        if (bytes == null || bytes.length == 0) {
            return reject(topic, partition, offset, bytes, EMPTY, null, null);
        }
        T value;
        try {
            value = decoder.decode(bytes);
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // Avro may try to allocate what a corrupt length prefix claims; that one allocation
            // fails on its own and leaves the heap as it was, so the record can be set aside.
            if (undecodable != null) {
                undecodable.inc();
            }
            return reject(
                    topic,
                    partition,
                    offset,
                    bytes,
                    UNDECODABLE + feed.type().getSimpleName() + " in Avro single-object encoding",
                    e,
                    null);
        }
        Optional<String> invalid;
        try {
            invalid = feed.check(value);
        } catch (RuntimeException e) {
            invalid = Optional.of("the record cannot be checked");
        }
        if (invalid.isPresent()) {
            return reject(topic, partition, offset, bytes, invalid.get(), null, value);
        }
        Instant eventTime = feed.eventTime(value);
        Instant limit = clock.instant().plus(maxClockLead);
        if (eventTime != null && eventTime.isAfter(limit)) {
            long hours = Duration.between(clock.instant(), eventTime).toHours();
            return reject(
                    topic,
                    partition,
                    offset,
                    bytes,
                    AHEAD_OF_WALL_CLOCK
                            + hours
                            + " h ahead of the wall clock, beyond the allowed "
                            + maxClockLead,
                    null,
                    value);
        }
        return Either.Right(value);
    }

    private Either<Reject, T> reject(
            String topic,
            int partition,
            long offset,
            byte[] bytes,
            String reason,
            Throwable error,
            T readable) {
        Reject reject =
                Reject.newBuilder()
                        .setFeed(feed.name())
                        .setTopic(topic)
                        .setPartition(partition)
                        .setOffset(offset)
                        .setRecordId(readable == null ? null : safeId(readable))
                        .setEventTime(readable == null ? null : safeTime(readable))
                        .setReason(reason)
                        .setErrorClass(error == null ? null : error.getClass().getName())
                        .setPayloadSha256(bytes == null ? null : sha256(bytes))
                        .setPayloadSize(bytes == null ? 0 : bytes.length)
                        .setRejectedAt(clock.instant())
                        .build();
        return Either.Left(reject);
    }

    private String safeId(T record) {
        try {
            return feed.id(record);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Instant safeTime(T record) {
        try {
            return feed.eventTime(record);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public TypeInformation<Either<Reject, Tuple2<T, Long>>> getProducedType() {
        return new EitherTypeInfo<>(
                TypeInformation.of(Reject.class),
                new TupleTypeInfo<>(TypeInformation.of(feed.type()), Types.LONG));
    }
}
