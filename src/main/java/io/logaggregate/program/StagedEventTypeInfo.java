package io.logaggregate.program;

import io.logaggregate.event.flink.SerializerTypeInfo;

/** Type information for {@link StagedEvent}. */
public final class StagedEventTypeInfo extends SerializerTypeInfo<StagedEvent> {
    public static final StagedEventTypeInfo INSTANCE = new StagedEventTypeInfo();

    private StagedEventTypeInfo() {
        super(StagedEvent.class, StagedEventSerializer.INSTANCE);
    }
}
