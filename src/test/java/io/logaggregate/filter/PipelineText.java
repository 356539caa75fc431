package io.logaggregate.filter;

import io.logaggregate.config.ConfigParser;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.PluginStatement;
import io.logaggregate.event.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one filter written as pipeline text, the way Logstash's plugin specs do ({@code config
 * <<-CONFIG filter { kv { ... } } CONFIG} then {@code sample "..."}).
 */
final class PipelineText {
    private PipelineText() {}

    /** The plugin block of {@code filter { <block> }}. */
    static PluginDef block(String block) {
        return ((PluginStatement)
                        ConfigParser.parse("spec.conf", "filter {\n" + block + "\n}\n", Map.of())
                                .filters()
                                .get(0))
                .plugin();
    }

    /** Builds and opens the filter written as {@code block}, e.g. {@code kv { prefix => "_" }}. */
    static Filter filter(String block) {
        Filter f = FilterRegistry.create(block(block), FilterTestSupport.CTX);
        try {
            f.open();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return f;
    }

    /**
     * Builds the filter on the "client", sends it through Java serialization as the job graph does,
     * and opens the copy as a TaskManager would.
     */
    static Filter shipped(String block) throws Exception {
        Filter f = FilterRegistry.create(block(block), FilterTestSupport.CTX);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(f);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Filter copy = (Filter) in.readObject();
            copy.open();
            return copy;
        }
    }

    /** An event holding {@code message}, at FilterTestSupport's T0. */
    static Event message(String message) {
        return FilterTestSupport.event("message", message);
    }

    /** Runs the filter on one event; returns it (no extra events expected). */
    static Event sample(String block, Event e) {
        return FilterTestSupport.run(filter(block), e);
    }

    static Event sample(String block, String message) {
        return sample(block, message(message));
    }

    /**
     * Runs the filter on one event and returns what comes out, in the order the pipeline passes
     * them on: the event itself unless cancelled, then the events it emitted.
     */
    static List<Event> all(Filter f, Event e) {
        List<Event> extra = new ArrayList<>();
        f.filter(e, extra::add);
        List<Event> out = new ArrayList<>();
        if (!e.isCancelled()) {
            out.add(e);
        }
        out.addAll(extra);
        return out;
    }
}
