package io.logaggregate.program;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for {@link StagedEvent}. */
public final class StagedEventTypeInfo extends TypeInformation<StagedEvent> {
    public static final StagedEventTypeInfo INSTANCE = new StagedEventTypeInfo();

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
    public Class<StagedEvent> getTypeClass() {
        return StagedEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<StagedEvent> createSerializer(SerializerConfig config) {
        return StagedEventSerializer.INSTANCE;
    }

    @Override
    @Deprecated
    public TypeSerializer<StagedEvent> createSerializer(ExecutionConfig config) {
        return StagedEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "StagedEvent";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof StagedEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return StagedEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof StagedEventTypeInfo;
    }
}
