package io.logaggregate.io.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logaggregate.event.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a batch of actions with {@code _bulk} and does not return until every action is written,
 * known to exist already, or recorded in the dead-letter file.
 *
 * <p>Why not the connector's {@code ElasticsearchWriter}: in flink-connector-elasticsearch 3.0.1
 * its {@code BulkListener} turns any failed bulk item into a {@code FlinkRuntimeException} that
 * fails the job (and never decrements its pending count), and its {@code BulkProcessor} only
 * retries whole requests rejected with 429. The job would then restart from its checkpoint and hit
 * the same rejected document again, forever. It also has no API-key or TLS settings. So we keep the
 * connector's Elasticsearch client (its low-level {@link RestClient}) and do the bulk handling
 * ourselves: per-item outcomes ({@link BulkItemOutcome}), retries with backoff for what can succeed
 * later, the dead-letter file for what cannot.
 */
final class BulkSender {
    private static final Logger LOG = LoggerFactory.getLogger(BulkSender.class);
    private static final String FILTER = "errors,items.*.status,items.*.error";

    /** Counters the sender reports to; plain ones for use outside a Flink task. */
    static final class Metrics {
        Counter sent = new SimpleCounter();
        Counter deadLettered = new SimpleCounter();
        Counter alreadyPresent = new SimpleCounter();
        Counter retries = new SimpleCounter();
        Counter bytesOut = new SimpleCounter();
    }

    /** Waits between retries; a field so that a test could shorten it, Thread.sleep here. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final RestClient client;
    private final DeadLetterFile deadLetter;
    private final Backoff backoff;
    private final Metrics metrics;
    private final Sleeper sleeper;

    BulkSender(RestClient client, DeadLetterFile deadLetter, Backoff backoff, Metrics metrics) {
        this(client, deadLetter, backoff, metrics, Thread::sleep);
    }

    BulkSender(
            RestClient client,
            DeadLetterFile deadLetter,
            Backoff backoff,
            Metrics metrics,
            Sleeper sleeper) {
        this.client = client;
        this.deadLetter = deadLetter;
        this.backoff = backoff;
        this.metrics = metrics;
        this.sleeper = sleeper;
    }

    void send(List<BulkAction> batch) throws IOException, InterruptedException {
        List<DeadLetterFile.Entry> rejected = new ArrayList<>();
        List<BulkAction> pending = new ArrayList<>(batch.size());
        for (BulkAction a : batch) {
            if (a.sendable()) {
                pending.add(a);
            } else {
                rejected.add(new DeadLetterFile.Entry(a, 400, invalidAction(a)));
            }
        }
        int attempt = 0;
        while (!pending.isEmpty()) {
            JsonNode items;
            try {
                items = bulk(pending);
            } catch (IOException e) {
                // The whole request failed: no connection, a timeout, 429 or 5xx for the
                // request, or 401/403 (credentials an operator can fix). Logstash retries these
                // forever too; nothing was rejected for a document's own sake.
                long wait = backoff.delayMillis(attempt++);
                LOG.warn(
                        "Elasticsearch bulk request of {} actions failed ({}); retrying in {} ms",
                        pending.size(),
                        describe(e),
                        wait);
                metrics.retries.inc();
                sleeper.sleep(wait);
                continue;
            }
            List<BulkAction> retry = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                BulkAction a = pending.get(i);
                JsonNode item = items == null ? null : items.get(i);
                JsonNode result = item == null ? null : item.elements().next();
                int status = result == null ? 200 : result.path("status").asInt(200);
                switch (BulkItemOutcome.of(a.action(), status)) {
                    case OK -> metrics.sent.inc();
                    case ALREADY_PRESENT -> metrics.alreadyPresent.inc();
                    case RETRY -> retry.add(a);
                    case REJECT ->
                            rejected.add(new DeadLetterFile.Entry(a, status, result.path("error")));
                }
            }
            pending = retry;
            if (!pending.isEmpty()) {
                long wait = backoff.delayMillis(attempt++);
                LOG.warn(
                        "Elasticsearch asked to retry {} of the bulk's actions; retrying in {} ms",
                        pending.size(),
                        wait);
                metrics.retries.inc();
                sleeper.sleep(wait);
            }
        }
        if (!rejected.isEmpty()) {
            deadLetter.append(rejected, Instant.now());
            metrics.deadLettered.inc(rejected.size());
            LOG.warn(
                    "Elasticsearch rejected {} documents; they are in {} (first: status {} {})",
                    rejected.size(),
                    deadLetter.pathAt(Instant.now()),
                    rejected.get(0).status(),
                    rejected.get(0).error());
        }
    }

    /** One _bulk call: the items array when some failed, null when all succeeded. */
    private JsonNode bulk(List<BulkAction> actions) throws IOException {
        int size = 0;
        for (BulkAction a : actions) {
            size += a.ndjson().length;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(size);
        for (BulkAction a : actions) {
            body.write(a.ndjson());
        }
        Request request = new Request("POST", "/_bulk");
        request.addParameter("filter_path", FILTER);
        request.setEntity(
                new ByteArrayEntity(
                        body.toByteArray(), ContentType.create("application/x-ndjson")));
        Response response = client.performRequest(request);
        metrics.bytesOut.inc(size);
        JsonNode root;
        try (InputStream in = response.getEntity().getContent()) {
            root = Json.mapper().readTree(in);
        }
        if (root == null || !root.path("errors").asBoolean(false)) {
            return null;
        }
        JsonNode items = root.path("items");
        if (!items.isArray() || items.size() != actions.size()) {
            throw new IOException(
                    "Elasticsearch answered a bulk of "
                            + actions.size()
                            + " actions with "
                            + items.size()
                            + " items");
        }
        return items;
    }

    private static JsonNode invalidAction(BulkAction a) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("type", "invalid_action");
        error.put(
                "reason",
                "action '"
                        + a.action()
                        + "' is none of index, create, update, delete"
                        + (a.id() == null ? " or needs a document_id" : ""));
        return error;
    }

    private static String describe(IOException e) {
        if (e instanceof ResponseException re) {
            return "HTTP " + re.getResponse().getStatusLine().getStatusCode();
        }
        return e.toString();
    }
}
