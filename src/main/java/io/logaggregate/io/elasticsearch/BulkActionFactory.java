package io.logaggregate.io.elasticsearch;

import io.logaggregate.event.Event;
import io.logaggregate.event.Sprintf;

/** Turns an event into its bulk action, interpolating index, id, routing and action. */
final class BulkActionFactory {
    private final ElasticsearchOutputConfig config;
    private final boolean dynamicAction;

    BulkActionFactory(ElasticsearchOutputConfig config) {
        this.config = config;
        this.dynamicAction = Sprintf.isDynamic(config.action());
    }

    BulkAction of(Event event) {
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
}
