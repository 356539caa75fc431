package io.logaggregate.ruby;

import io.logaggregate.event.Event;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An aggregate {@code code} snippet compiled once into a Ruby lambda {@code |event, map, map_meta,
 * &new_event_block|}. Not serializable: build it in {@code open()}.
 */
public interface AggregateCode {
    /**
     * Runs the snippet. {@code map} is the task's map (plain Java values, see {@link
     * io.logaggregate.event.Values}); it is changed in place, even when the code raises part-way
     * (as in Logstash). {@code newEvents} receives events passed to {@code new_event_block.call}.
     *
     * @throws RubyCodeException when the Ruby code raises
     */
    void call(Event event, Map<String, Object> map, MapMeta meta, Consumer<Event> newEvents)
            throws RubyCodeException;
}
