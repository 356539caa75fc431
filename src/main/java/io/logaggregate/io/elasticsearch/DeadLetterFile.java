package io.logaggregate.io.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.logaggregate.event.Event;
import io.logaggregate.event.Json;
import io.logaggregate.event.Timestamps;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where documents Elasticsearch rejects go: JSON lines, one per rejected document, appended to
 * {@code dead_letter_path} (default {@code ./dead-letter/elasticsearch-%{+YYYY-MM-dd}.jsonl}; the
 * date is the day of the rejection, UTC). A line:
 *
 * <pre>{"@timestamp":"...","plugin_id":null,"action":"index","index":"postfix-2026.01.31",
 * "document_id":"abc","status":400,"error":{"type":"mapper_parsing_exception",...},
 * "event":{...the event as it was sent...}}</pre>
 *
 * <p>Each batch of lines is appended with one write on a file opened for append and forced to disk
 * before the bulk counts as done, so a checkpoint never completes with a rejection unrecorded.
 * Several subtasks may append to the same file: each write is whole lines. After a failure and
 * replay a rejection may be recorded twice (at-least-once). A dead-letter file that cannot be
 * written fails the job: a rejected document must not vanish.
 */
final class DeadLetterFile {
    /** One rejected document; {@code error} is Elasticsearch's error object (or ours). */
    record Entry(BulkAction action, int status, JsonNode error) {}

    private final String pathTemplate;
    private final String pluginId;

    DeadLetterFile(String pathTemplate, String pluginId) {
        this.pathTemplate = pathTemplate;
        this.pluginId = pluginId;
    }

    /** The file for rejections at {@code now} (its {@code %{+...}} dates filled in). */
    Path pathAt(Instant now) {
        Event clock = Event.restore(new LinkedHashMap<>(Map.of(Event.TIMESTAMP, now)), Map.of());
        return Path.of(clock.sprintf(pathTemplate));
    }

    void append(List<Entry> entries, Instant now) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Entry e : entries) {
            lines.append(line(e, now)).append('\n');
        }
        Path file = pathAt(now);
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        try (FileChannel ch =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private String line(Entry e, Instant now) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.setCodec(Json.mapper());
            g.writeStartObject();
            g.writeStringField("@timestamp", Timestamps.format(now));
            g.writeStringField("plugin_id", pluginId);
            g.writeStringField("action", e.action().action());
            g.writeStringField("index", e.action().index());
            g.writeStringField("document_id", e.action().id());
            g.writeNumberField("status", e.status());
            g.writeFieldName("error");
            g.writeTree(e.error());
            g.writeFieldName("event");
            g.writeRawValue(e.action().sourceJson());
            g.writeEndObject();
        }
        return out.toString();
    }
}
