package io.logaggregate.io.elasticsearch;

import io.logaggregate.event.Event;
import io.logaggregate.io.OutputSpec;
import org.apache.flink.streaming.api.datastream.DataStream;

/** A configured elasticsearch output. */
final class ElasticsearchOutputSpec implements OutputSpec {
    private final ElasticsearchOutputConfig config;

    ElasticsearchOutputSpec(ElasticsearchOutputConfig config) {
        this.config = config;
    }

    ElasticsearchOutputConfig config() {
        return config;
    }

    @Override
    public void attach(DataStream<Event> events) {
        String name = config.pluginId() != null ? config.pluginId() : "elasticsearch";
        events.sinkTo(new ElasticsearchEventSink(config)).name(name);
    }
}
