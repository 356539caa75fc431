package io.logaggregate.io.stdio;

import io.logaggregate.event.Event;
import io.logaggregate.io.codec.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes encoded events to {@code System.out}. Each writer buffers whole events and hands them to
 * stdout under one JVM-wide lock, so events from parallel writers never interleave mid-event. The
 * buffer goes out when it is large, every {@link #FLUSH_MILLIS} ms, at each checkpoint and at the
 * end of input (at-least-once). {@code System.out} is looked up at each write, so a redirected
 * stdout (tests, the CLI) is honoured.
 */
final class StdoutSink implements Sink<Event> {
    private static final long serialVersionUID = 1L;
    static final long FLUSH_MILLIS = 200;
    private static final int MAX_BUFFER = 64 * 1024;

    /** Shared by all stdout writers in this JVM. */
    static final Object STDOUT_LOCK = new Object();

    private final Encoder encoder;

    StdoutSink(Encoder encoder) {
        this.encoder = encoder;
    }

    @Override
    @Deprecated
    public SinkWriter<Event> createWriter(InitContext context) {
        return new Writer(encoder, context.getProcessingTimeService());
    }

    @Override
    public SinkWriter<Event> createWriter(WriterInitContext context) {
        return new Writer(encoder, context.getProcessingTimeService());
    }

    private static final class Writer implements SinkWriter<Event> {
        private final Encoder encoder;
        private final Charset charset;
        private final ProcessingTimeService time;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(MAX_BUFFER);
        private boolean closed;

        Writer(Encoder encoder, ProcessingTimeService time) {
            this.encoder = encoder;
            this.charset = Charset.forName(encoder.charset());
            this.time = time;
            scheduleFlush();
        }

        private void scheduleFlush() {
            time.registerTimer(
                    time.getCurrentProcessingTime() + FLUSH_MILLIS,
                    t -> {
                        if (!closed) {
                            emit();
                            scheduleFlush();
                        }
                    });
        }

        @Override
        public void write(Event event, Context context) {
            buffer.writeBytes(encoder.encode(event).getBytes(charset));
            if (buffer.size() >= MAX_BUFFER) {
                emit();
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            emit();
        }

        private void emit() {
            if (buffer.size() == 0) {
                return;
            }
            synchronized (STDOUT_LOCK) {
                PrintStream out = System.out;
                out.write(buffer.toByteArray(), 0, buffer.size());
                out.flush();
            }
            buffer.reset();
        }

        @Override
        public void close() throws IOException {
            emit();
            closed = true;
        }
    }
}
