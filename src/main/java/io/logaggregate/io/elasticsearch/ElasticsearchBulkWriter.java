package io.logaggregate.io.elasticsearch;

import io.logaggregate.event.Event;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.elasticsearch.client.RestClient;

/**
 * Buffers events as bulk actions and sends them when {@code flush_size} actions or {@code
 * flush_bytes} are buffered, when the buffer has waited {@code idle_flush_time}, and before every
 * checkpoint barrier ({@link #flush}). A bulk is sent synchronously on the task thread and only
 * returns when every action is settled (see {@link BulkSender}), so a completed checkpoint means
 * every event before it is in Elasticsearch or in the dead-letter file: at-least-once. While
 * Elasticsearch is unreachable the writer retries and backpressures the job instead of failing it.
 *
 * <p>Metrics (in the sink's writer group): {@code numRecordsSend}, {@code numBytesSend}, and ours:
 * {@code numRecordsDeadLettered}, {@code numRecordsAlreadyPresent} (create on an existing id),
 * {@code numBulkRetries}.
 */
final class ElasticsearchBulkWriter implements SinkWriter<Event> {
    private final ElasticsearchOutputConfig config;
    private final RestClient client;
    private final BulkActionFactory actions;
    private final BulkSender sender;
    private final ProcessingTimeService timers;
    private final List<BulkAction> buffer = new ArrayList<>();
    private long bufferedBytes;
    private long lastSendMillis;
    private boolean closed;
    private final Backoff backoff;

    /**
     * The server's version is asked and the template installed before the first bulk request, not
     * at start: an output that never gets an event (e.g. behind a condition that never holds) never
     * needs the server.
     */
    private boolean setupPending;

    ElasticsearchBulkWriter(
            ElasticsearchOutputConfig config,
            SinkWriterMetricGroup metricGroup,
            ProcessingTimeService timers)
            throws IOException, InterruptedException {
        this.config = config;
        this.timers = timers;
        this.actions = new BulkActionFactory(config);
        this.client = ElasticsearchRestClients.create(config);
        Backoff backoff = new Backoff(config.retryInitialMillis(), config.retryMaxMillis());
        BulkSender.Metrics metrics = new BulkSender.Metrics();
        metrics.sent = metricGroup.getNumRecordsSendCounter();
        metrics.bytesOut = metricGroup.getNumBytesSendCounter();
        metrics.deadLettered = metricGroup.counter("numRecordsDeadLettered");
        metrics.alreadyPresent = metricGroup.counter("numRecordsAlreadyPresent");
        metrics.retries = metricGroup.counter("numBulkRetries");
        this.sender =
                new BulkSender(
                        client,
                        new DeadLetterFile(config.deadLetterPath(), config.pluginId()),
                        backoff,
                        metrics);
        this.backoff = backoff;
        this.setupPending = config.template() != null || config.dataStream() != null;
        this.lastSendMillis = timers.getCurrentProcessingTime();
        scheduleIdleFlush();
    }

    @Override
    public void write(Event event, Context context) throws IOException, InterruptedException {
        BulkAction a = actions.of(event);
        buffer.add(a);
        bufferedBytes += a.ndjson().length;
        if (buffer.size() >= config.flushActions() || bufferedBytes >= config.flushBytes()) {
            sendBuffer();
        }
    }

    /** Before a checkpoint barrier and at end of input: everything buffered goes out. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        sendBuffer();
    }

    private void sendBuffer() throws IOException, InterruptedException {
        lastSendMillis = timers.getCurrentProcessingTime();
        if (buffer.isEmpty()) {
            return;
        }
        if (setupPending) {
            setUp();
            setupPending = false;
        }
        List<BulkAction> batch = new ArrayList<>(buffer);
        buffer.clear();
        bufferedBytes = 0;
        sender.send(batch);
    }

    private void setUp() throws IOException, InterruptedException {
        ServerInfo server = IndexTemplateInstaller.serverInfo(client, backoff, Thread::sleep);
        if (config.dataStream() != null && !server.hasDataStreams()) {
            // as Logstash: a configuration this server cannot serve, not a transient failure
            throw new IOException(
                    "A data_stream configuration is only supported since Elasticsearch 7.9.0"
                            + " (detected version "
                            + server.version()
                            + "), please upgrade your cluster");
        }
        if (config.template() != null) {
            IndexTemplateInstaller.install(
                    client, config.template(), server, backoff, Thread::sleep);
        }
    }

    private void scheduleIdleFlush() {
        timers.registerTimer(
                timers.getCurrentProcessingTime() + config.idleFlushMillis(),
                now -> {
                    if (closed) {
                        return;
                    }
                    if (!buffer.isEmpty() && now - lastSendMillis >= config.idleFlushMillis()) {
                        sendBuffer();
                    }
                    scheduleIdleFlush();
                });
    }

    @Override
    public void close() throws Exception {
        // What is still buffered here was never covered by a checkpoint: after a failure it is
        // replayed from the last one, so dropping it is safe (flush(true) ran on a normal end).
        closed = true;
        client.close();
    }
}
