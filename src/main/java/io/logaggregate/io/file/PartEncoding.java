package io.logaggregate.io.file;

import io.logaggregate.event.Event;
import io.logaggregate.io.codec.Encoder;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * How events become the bytes of a part file: the output's codec, as text in the codec's charset
 * ({@link Rows}, a row format: a part may stay open across checkpoints and roll by size and time
 * only), or the same text gzip-compressed ({@link Gzip}, a bulk format: one gzip stream per part,
 * finished when the part rolls, which is at every checkpoint too, since a compressor's state cannot
 * be resumed after a failure).
 */
final class PartEncoding {
    private PartEncoding() {}

    /** The codec's text, event after event. */
    static final class Rows implements org.apache.flink.api.common.serialization.Encoder<Event> {
        private static final long serialVersionUID = 1L;

        private final Encoder codec;
        private transient Charset charset;

        Rows(Encoder codec) {
            this.codec = codec;
        }

        @Override
        public void encode(Event event, OutputStream stream) throws IOException {
            if (charset == null) {
                charset = Charset.forName(codec.charset());
            }
            stream.write(codec.encode(event).getBytes(charset));
        }
    }

    /** The codec's text in one gzip stream per part file. */
    static final class Gzip implements BulkWriter.Factory<Event> {
        private static final long serialVersionUID = 1L;

        private final Encoder codec;

        Gzip(Encoder codec) {
            this.codec = codec;
        }

        @Override
        public BulkWriter<Event> create(FSDataOutputStream out) throws IOException {
            return new Writer(codec, out);
        }
    }

    private static final class Writer implements BulkWriter<Event> {
        private final Encoder codec;
        private final Charset charset;
        private final GZIPOutputStream gzip;

        Writer(Encoder codec, FSDataOutputStream out) throws IOException {
            this.codec = codec;
            this.charset = Charset.forName(codec.charset());
            // the part's stream belongs to the sink, which closes (commits) it: finish() must
            // leave it open
            this.gzip =
                    new GZIPOutputStream(
                            new FilterOutputStream(out) {
                                @Override
                                public void write(byte[] b, int off, int len) throws IOException {
                                    out.write(b, off, len);
                                }

                                @Override
                                public void close() throws IOException {
                                    out.flush();
                                }
                            },
                            64 * 1024);
        }

        @Override
        public void addElement(Event event) throws IOException {
            gzip.write(codec.encode(event).getBytes(charset));
        }

        @Override
        public void flush() throws IOException {
            gzip.flush();
        }

        @Override
        public void finish() throws IOException {
            gzip.finish();
            gzip.flush();
        }
    }
}
