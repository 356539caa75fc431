package io.logaggregate.event.flink;

import io.logaggregate.event.Event;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for {@link Event}: use it wherever a stream of events is declared. */
public final class EventTypeInfo extends TypeInformation<Event> {
    public static final EventTypeInfo INSTANCE = new EventTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Event> getTypeClass() {
        return Event.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Event> createSerializer(SerializerConfig config) {
        return EventSerializer.INSTANCE;
    }

    @Override
    @Deprecated
    public TypeSerializer<Event> createSerializer(ExecutionConfig config) {
        return EventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "Event";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof EventTypeInfo;
    }

    @Override
    public int hashCode() {
        return EventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof EventTypeInfo;
    }
}
