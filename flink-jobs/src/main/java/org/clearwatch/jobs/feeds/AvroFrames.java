package org.clearwatch.jobs.feeds;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.clearwatch.schema.Records;

/**
 * A file of records in the Kafka wire format, each behind its 4-byte length: how {@code replay} and
 * {@code bench} hand prepared, time-ordered input to a job.
 */
public final class AvroFrames {

    private AvroFrames() {}

    /** Writes records, in the order given. */
    public static final class Writer implements AutoCloseable {
        private final DataOutputStream out;
        private long count;

        public Writer(Path file) throws IOException {
            OutputStream stream = Files.newOutputStream(file);
            this.out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
        }

        public void write(SpecificRecordBase record) throws IOException {
            byte[] bytes = Records.toBytes(record);
            out.writeInt(bytes.length);
            out.write(bytes);
            count++;
        }

        public long count() {
            return count;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Reads such a file in Flink's file source. Files are read whole, in order. */
    public static final class Format<T extends SpecificRecordBase> extends SimpleStreamFormat<T> {
        private static final long serialVersionUID = 1L;

        private final Class<T> type;

        public Format(Class<T> type) {
            this.type = type;
        }

        @Override
        public StreamFormat.Reader<T> createReader(Configuration config, FSDataInputStream stream) {
            DataInputStream in = new DataInputStream(stream);
            BinaryMessageDecoder<T> decoder = Records.decoder(SpecificData.get().getSchema(type));
            return new StreamFormat.Reader<>() {
                @Override
                public T read() throws IOException {
                    int length;
                    try {
                        length = in.readInt();
                    } catch (EOFException end) {
                        return null;
                    }
                    byte[] bytes = new byte[length];
                    in.readFully(bytes);
                    return decoder.decode(bytes);
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        @Override
        public TypeInformation<T> getProducedType() {
            return TypeInformation.of(type);
        }
    }
}
