package io.logaggregate.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logaggregate.event.Event;
import io.logaggregate.event.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterFileTest {
    @TempDir Path tmp;

    @Test
    void linesCarryTheErrorAndTheEvent_inAFileDatedByTheRejection() throws Exception {
        DeadLetterFile dlq =
                new DeadLetterFile(tmp.resolve("dl/es-%{+YYYY-MM-dd}.jsonl").toString(), "es_out");
        Event e = PostfixEvents.event(5);
        BulkAction a =
                BulkAction.of("index", "postfix-x", "4B00000005", null, null, 1, false, e.toJson());
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("type", "mapper_parsing_exception");
        error.put("reason", "failed to parse field [size]");
        Instant when = Instant.parse("2026-02-03T10:00:00Z");

        dlq.append(List.of(new DeadLetterFile.Entry(a, 400, error)), when);
        dlq.append(List.of(new DeadLetterFile.Entry(a, 400, error)), when);

        Path file = tmp.resolve("dl/es-2026-02-03.jsonl");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode line = Json.mapper().readTree(lines.get(0));
        assertThat(line.path("@timestamp").asText()).isEqualTo("2026-02-03T10:00:00.000Z");
        assertThat(line.path("plugin_id").asText()).isEqualTo("es_out");
        assertThat(line.path("action").asText()).isEqualTo("index");
        assertThat(line.path("index").asText()).isEqualTo("postfix-x");
        assertThat(line.path("document_id").asText()).isEqualTo("4B00000005");
        assertThat(line.path("status").asInt()).isEqualTo(400);
        assertThat(line.path("error").path("type").asText()).isEqualTo("mapper_parsing_exception");
        assertThat(Json.mapper().writeValueAsString(line.path("event"))).isEqualTo(e.toJson());
    }
}
