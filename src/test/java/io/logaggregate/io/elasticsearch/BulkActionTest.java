package io.logaggregate.io.elasticsearch;

import static io.logaggregate.io.elasticsearch.TestPlugins.elasticsearch;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BulkActionTest {
    private static BulkAction action(Event e, Object... settings) {
        return new BulkActionFactory(
                        ElasticsearchOutputs.config(elasticsearch(settings), Path.of(".")))
                .of(e);
    }

    private static String body(BulkAction a) {
        return new String(a.ndjson(), StandardCharsets.UTF_8);
    }

    @Test
    void indexWithDatedIndexAndId() {
        Event e = PostfixEvents.event(3);
        BulkAction a = action(e, "index", "postfix-%{+YYYY.MM.dd}", "document_id", "%{taskid}");
        assertThat(body(a))
                .isEqualTo(
                        "{\"index\":{\"_index\":\"postfix-2026.01.31\",\"_id\":\"4B00000003\"}}\n"
                                + e.toJson()
                                + "\n");
    }

    @Test
    void defaultIndexAndNoId() {
        BulkAction a = action(PostfixEvents.event(0));
        assertThat(body(a)).startsWith("{\"index\":{\"_index\":\"logstash-2026.01.31\"}}\n");
    }

    @Test
    void updateWithDocAsUpsertAndRouting() {
        Event e = PostfixEvents.event(1);
        BulkAction a =
                action(
                        e,
                        "index",
                        "p",
                        "action",
                        "update",
                        "document_id",
                        "%{taskid}",
                        "doc_as_upsert",
                        true,
                        "routing",
                        "%{hostname}");
        assertThat(body(a))
                .isEqualTo(
                        "{\"update\":{\"_index\":\"p\",\"_id\":\"4B00000001\",\"routing\":\"mx1\","
                                + "\"retry_on_conflict\":1}}\n{\"doc\":"
                                + e.toJson()
                                + ",\"doc_as_upsert\":true}\n");
    }

    @Test
    void deleteHasNoDocumentLine_andAnIdIsEscaped() {
        Event e = PostfixEvents.event(1);
        e.set("id", "a\"b");
        BulkAction a = action(e, "index", "p", "action", "delete", "document_id", "%{id}");
        assertThat(body(a)).isEqualTo("{\"delete\":{\"_index\":\"p\",\"_id\":\"a\\\"b\"}}\n");
    }

    @Test
    void aSprintfActionThatResolvesToNothingKnownIsNotSent() {
        Event e = PostfixEvents.event(1);
        e.set("[@metadata][action]", "create");
        assertThat(action(e, "action", "%{[@metadata][action]}").action()).isEqualTo("create");
        BulkAction bad = action(PostfixEvents.event(2), "action", "%{[@metadata][action]}");
        assertThat(bad.sendable()).isFalse();
        assertThat(bad.action()).isEqualTo("%{[@metadata][action]}");
    }
}
