package io.logaggregate.io.elasticsearch;

import io.logaggregate.event.Event;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The elasticsearch output as a Flink Sink V2: at-least-once through flushing on checkpoints,
 * rejected documents to the dead-letter file. No committer or writer state is needed: nothing is
 * held between checkpoints that a replay from the source would not bring back.
 */
final class ElasticsearchEventSink implements Sink<Event> {
    private final ElasticsearchOutputConfig config;

    ElasticsearchEventSink(ElasticsearchOutputConfig config) {
        this.config = config;
    }

    @Override
    public SinkWriter<Event> createWriter(WriterInitContext context) throws IOException {
        try {
            return new ElasticsearchBulkWriter(
                    config, context.metricGroup(), context.getProcessingTimeService());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while installing the index template", e);
        }
    }

    /** Flink 1.20 calls {@link #createWriter(WriterInitContext)}; this older form is unused. */
    @Override
    @Deprecated
    public SinkWriter<Event> createWriter(InitContext context) {
        throw new UnsupportedOperationException("use createWriter(WriterInitContext)");
    }
}
