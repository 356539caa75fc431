package io.logaggregate.event.flink;

import io.logaggregate.event.Event;

/** Type information for {@link Event}: use it wherever a stream of events is declared. */
public final class EventTypeInfo extends SerializerTypeInfo<Event> {
    public static final EventTypeInfo INSTANCE = new EventTypeInfo();

    private EventTypeInfo() {
        super(Event.class, EventSerializer.INSTANCE);
    }
}
