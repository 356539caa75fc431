package io.logaggregate.ruby;

import io.logaggregate.event.Event;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An aggregate {@code code} snippet compiled once into a Ruby lambda {@code |event, map, map_meta,
 * &new_event_block|}. Not serializable: build it in {@code open()}.
 */
public interface AggregateCode {
    /** Where a task keeps its map between calls, packed ({@link PackedMap}). */
    interface MapHolder {
        byte[] packedMap();

        void packedMap(byte[] packed);
    }

    /**
     * Runs the snippet on the task's map, which {@code map} holds packed; the map is changed (a new
     * packed map handed to {@code map}) even when the code raises part-way (as in Logstash). {@code
     * newEvents} receives events passed to {@code new_event_block.call}.
     *
     * @throws RubyCodeException when the Ruby code raises
     */
    void call(Event event, MapHolder map, MapMeta meta, Consumer<Event> newEvents)
            throws RubyCodeException;

    /**
     * As {@link #call(Event, MapHolder, MapMeta, Consumer)} on a plain Java map (values of the
     * event value model, see {@link io.logaggregate.event.Values}), changed in place.
     */
    default void call(Event event, Map<String, Object> map, MapMeta meta, Consumer<Event> newEvents)
            throws RubyCodeException {
        byte[][] packed = {PackedMap.pack(map)};
        try {
            call(
                    event,
                    new MapHolder() {
                        @Override
                        public byte[] packedMap() {
                            return packed[0];
                        }

                        @Override
                        public void packedMap(byte[] p) {
                            packed[0] = p;
                        }
                    },
                    meta,
                    newEvents);
        } finally {
            map.clear();
            map.putAll(PackedMap.unpack(packed[0]));
        }
    }
}
