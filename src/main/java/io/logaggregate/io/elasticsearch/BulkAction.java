package io.logaggregate.io.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One document action as it goes into a {@code _bulk} body: its NDJSON lines, already encoded, and
 * the parts a dead-letter entry reports.
 *
 * @param action index, create, update or delete; anything else was an unresolvable sprintf action
 *     and is rejected without being sent
 * @param sourceJson the event as JSON (Logstash's shape)
 * @param ndjson the action line and (except for delete) the document line, each ending in \n
 */
record BulkAction(String action, String index, String id, String sourceJson, byte[] ndjson) {
    private static final JsonFactory JSON = new JsonFactory();

    boolean sendable() {
        return ndjson.length > 0;
    }

    /** An action whose sprintf'd action name is none Elasticsearch knows: never sent. */
    static BulkAction invalid(String action, String index, String id, String sourceJson) {
        return new BulkAction(action, index, id, sourceJson, new byte[0]);
    }

    static BulkAction of(
            String action,
            String index,
            String id,
            String routing,
            String pipeline,
            int retryOnConflict,
            boolean docAsUpsert,
            String sourceJson) {
        StringWriter out = new StringWriter(sourceJson.length() + 128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart(action);
            g.writeStringField("_index", index);
            if (id != null) {
                g.writeStringField("_id", id);
            }
            if (routing != null) {
                g.writeStringField("routing", routing);
            }
            if (pipeline != null && !action.equals("delete") && !action.equals("update")) {
                g.writeStringField("pipeline", pipeline);
            }
            if (action.equals("update")) {
                g.writeNumberField("retry_on_conflict", retryOnConflict);
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.append('\n');
        switch (action) {
            case "delete" -> {}
            case "update" -> {
                out.append("{\"doc\":").append(sourceJson);
                if (docAsUpsert) {
                    out.append(",\"doc_as_upsert\":true");
                }
                out.append("}\n");
            }
            default -> out.append(sourceJson).append('\n');
        }
        return new BulkAction(
                action, index, id, sourceJson, out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
