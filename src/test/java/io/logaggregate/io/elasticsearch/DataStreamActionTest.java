package io.logaggregate.io.elasticsearch;

import static io.logaggregate.io.elasticsearch.TestPlugins.elasticsearch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logaggregate.event.Event;
import io.logaggregate.event.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bulk actions in data stream mode: the examples of Logstash's data_stream_support_spec. */
class DataStreamActionTest {
    private static final List<Object> DATA_STREAM = List.of("data_stream", "true");

    private static BulkAction action(Event e, Object... settings) {
        List<Object> all = new ArrayList<>(DATA_STREAM);
        all.addAll(List.of(settings));
        return new BulkActionFactory(
                        ElasticsearchOutputs.config(elasticsearch(all.toArray()), Path.of(".")))
                .of(e);
    }

    private static Event event() {
        Event e = new Event();
        e.set("[host][hostname]", "orangutan");
        return e;
    }

    private static JsonNode meta(BulkAction a) throws Exception {
        String[] lines = new String(a.ndjson(), StandardCharsets.UTF_8).split("\n");
        return Json.mapper().readTree(lines[0]);
    }

    private static JsonNode doc(BulkAction a) throws Exception {
        String[] lines = new String(a.ndjson(), StandardCharsets.UTF_8).split("\n");
        return Json.mapper().readTree(lines[1]);
    }

    private static String index(BulkAction a) throws Exception {
        return meta(a).path("create").path("_index").asText();
    }

    @Test
    void autoRouting_usesTheEventsTarget() throws Exception {
        Event e = event();
        e.set("[data_stream][type]", "metrics");
        e.set("[data_stream][dataset]", "src1");
        e.set("[data_stream][namespace]", "test");
        BulkAction a = action(e);
        assertThat(a.action()).isEqualTo("create");
        assertThat(index(a)).isEqualTo("metrics-src1-test");
    }

    @Test
    void routingTurnedOff_usesTheConfiguredTarget() throws Exception {
        Event e = event();
        e.set("[data_stream][type]", "metrics");
        e.set("[data_stream][dataset]", "src1");
        e.set("[data_stream][namespace]", "test");
        assertThat(index(action(e, "data_stream_auto_routing", false)))
                .isEqualTo("logs-generic-default");
    }

    @Test
    void partialEventData_isCompletedFromTheDefaults() throws Exception {
        Event e = event();
        e.set("[data_stream][type]", "metrics");
        e.set("[data_stream][dataset]", "src1");
        assertThat(index(action(e, "data_stream_dataset", "data")))
                .isEqualTo("metrics-src1-default");
    }

    @Test
    void noEventData_usesTheConfiguration() throws Exception {
        assertThat(
                        index(
                                action(
                                        event(),
                                        "data_stream_dataset",
                                        "stats",
                                        "data_stream_type",
                                        "metrics")))
                .isEqualTo("metrics-stats-default");
        assertThat(index(action(event()))).isEqualTo("logs-generic-default");
    }

    @Test
    void fieldSync_fillsInTheFields() throws Exception {
        assertThat(doc(action(event(), "data_stream_sync_fields", true)).path("data_stream"))
                .isEqualTo(
                        Json.mapper()
                                .valueToTree(
                                        Map.of(
                                                "type",
                                                "logs",
                                                "dataset",
                                                "generic",
                                                "namespace",
                                                "default")));
    }

    @Test
    void fieldSync_fillsInMissingFields_andLeavesTheEventAlone() throws Exception {
        Event e = event();
        e.set("[data_stream][namespace]", "custom");
        String before = e.toJson();
        JsonNode ds =
                doc(action(e, "data_stream_dataset", "ds1", "data_stream_sync_fields", true))
                        .path("data_stream");
        assertThat(ds.path("type").asText()).isEqualTo("logs");
        assertThat(ds.path("dataset").asText()).isEqualTo("ds1");
        assertThat(ds.path("namespace").asText()).isEqualTo("custom");
        assertThat(ds.size()).isEqualTo(3);
        assertThat(e.toJson()).isEqualTo(before);
    }

    @Test
    void fieldSync_overwritesAnInvalidDataStreamField() throws Exception {
        Event e = event();
        e.set("data_stream", false);
        JsonNode ds = doc(action(e)).path("data_stream");
        assertThat(ds.toString())
                .isEqualTo("{\"type\":\"logs\",\"dataset\":\"generic\",\"namespace\":\"default\"}");
    }

    @Test
    void fieldSync_withRoutingOff_overwritesSubFieldsThatDisagree() throws Exception {
        Event e = event();
        e.set("[data_stream][type]", "foo");
        e.set("[data_stream][dataset]", false);
        e.set("[data_stream][extra]", 0L);
        BulkAction a =
                action(
                        e,
                        "data_stream_sync_fields",
                        true,
                        "data_stream_auto_routing",
                        false,
                        "data_stream_namespace",
                        "ns1");
        JsonNode ds = doc(a).path("data_stream");
        assertThat(ds.path("type").asText()).isEqualTo("logs");
        assertThat(ds.path("dataset").asText()).isEqualTo("generic");
        assertThat(ds.path("namespace").asText()).isEqualTo("ns1");
        assertThat(ds.path("extra").asInt()).isZero();
        assertThat(ds.size()).isEqualTo(4);
        assertThat(index(a)).isEqualTo("logs-generic-ns1");
    }

    @Test
    void fieldSyncOff_leavesTheFieldsAsTheyAre() throws Exception {
        assertThat(
                        doc(action(
                                        event(),
                                        "data_stream_dataset",
                                        "ds1",
                                        "data_stream_sync_fields",
                                        false))
                                .has("data_stream"))
                .isFalse();
        Event e = event();
        e.set("[data_stream][type]", "logs");
        assertThat(doc(action(e, "data_stream_sync_fields", false)).path("data_stream").toString())
                .isEqualTo("{\"type\":\"logs\"}");
    }

    @Test
    void documentIdAndPipelineStillApply() throws Exception {
        Event e = event();
        e.set("id", "abc");
        JsonNode m =
                meta(action(e, "document_id", "%{id}", "pipeline", "p1", "routing", "r"))
                        .path("create");
        assertThat(m.path("_id").asText()).isEqualTo("abc");
        assertThat(m.path("pipeline").asText()).isEqualTo("p1");
        assertThat(m.path("routing").asText()).isEqualTo("r");
    }
}
