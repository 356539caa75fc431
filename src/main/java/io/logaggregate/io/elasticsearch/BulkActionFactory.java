package io.logaggregate.io.elasticsearch;

import io.logaggregate.event.Event;
import io.logaggregate.event.Sprintf;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Turns an event into its bulk action, interpolating index, id, routing and action. */
final class BulkActionFactory {
    private final ElasticsearchOutputConfig config;
    private final boolean dynamicAction;

    BulkActionFactory(ElasticsearchOutputConfig config) {
        this.config = config;
        this.dynamicAction = Sprintf.isDynamic(config.action());
    }

    BulkAction of(Event event) {
        ElasticsearchOutputConfig.DataStream ds = config.dataStream();
        if (ds != null) {
            return dataStreamAction(event, ds);
        }
        String index = event.sprintf(config.index());
        String id = config.documentId() == null ? null : event.sprintf(config.documentId());
        String routing = config.routing() == null ? null : event.sprintf(config.routing());
        String pipeline = config.pipeline() == null ? null : event.sprintf(config.pipeline());
        String action = dynamicAction ? event.sprintf(config.action()) : config.action();
        String json = event.toJson();
        if (!ElasticsearchOutputs.ACTIONS.contains(action)
                || (id == null && (action.equals("update") || action.equals("delete")))) {
            return BulkAction.invalid(action, index, id, json);
        }
        return BulkAction.of(
                action,
                index,
                id,
                routing,
                pipeline,
                config.retryOnConflict(),
                config.docAsUpsert(),
                json);
    }

    /**
     * Logstash's data stream mode: always {@code create}; the data stream named by the event's
     * {@code [data_stream][type/dataset/namespace]} where it has them ({@code
     * data_stream_auto_routing}), the configured parts where it does not; the document's {@code
     * [data_stream]} fields made to match the name ({@code data_stream_sync_fields}). The event
     * itself is left as it is.
     */
    private BulkAction dataStreamAction(Event event, ElasticsearchOutputConfig.DataStream ds) {
        Object field = event.get("data_stream");
        Map<?, ?> given = field instanceof Map<?, ?> m ? m : null;
        String type = ds.type();
        String dataset = ds.dataset();
        String namespace = ds.namespace();
        if (ds.autoRouting() && given != null) {
            type = part(given, "type", type);
            dataset = part(given, "dataset", dataset);
            namespace = part(given, "namespace", namespace);
        }
        String json;
        if (ds.syncFields()) {
            Event doc = event.copy();
            Map<String, Object> synced = new LinkedHashMap<>();
            if (given != null) {
                for (Map.Entry<?, ?> e : given.entrySet()) {
                    synced.put(String.valueOf(e.getKey()), e.getValue());
                }
                if (!ds.autoRouting()) {
                    // the name is the configured one: fields that say otherwise are replaced
                    for (String k : List.of("type", "dataset", "namespace")) {
                        if (synced.containsKey(k)
                                && !Objects.equals(synced.get(k), configured(ds, k))) {
                            synced.put(k, null);
                        }
                    }
                }
            }
            // as Ruby's ||=: a missing, null or false part is filled in
            fill(synced, "type", ds.type());
            fill(synced, "dataset", ds.dataset());
            fill(synced, "namespace", ds.namespace());
            doc.set("data_stream", synced);
            json = doc.toJson();
        } else {
            json = event.toJson();
        }
        String index = type + "-" + dataset + "-" + namespace;
        String id = config.documentId() == null ? null : event.sprintf(config.documentId());
        String routing = config.routing() == null ? null : event.sprintf(config.routing());
        String pipeline = config.pipeline() == null ? null : event.sprintf(config.pipeline());
        if (pipeline != null && pipeline.isEmpty()) {
            pipeline = null;
        }
        return BulkAction.of("create", index, id, routing, pipeline, 0, false, json);
    }

    /** A part of the name from the event's [data_stream], when it is set (Ruby's {@code ||}). */
    private static String part(Map<?, ?> given, String key, String dflt) {
        Object v = given.get(key);
        return v == null || Boolean.FALSE.equals(v) ? dflt : String.valueOf(v);
    }

    private static void fill(Map<String, Object> m, String key, String value) {
        Object v = m.get(key);
        if (v == null || Boolean.FALSE.equals(v)) {
            m.put(key, value);
        }
    }

    private static String configured(ElasticsearchOutputConfig.DataStream ds, String key) {
        return switch (key) {
            case "type" -> ds.type();
            case "dataset" -> ds.dataset();
            default -> ds.namespace();
        };
    }
}
