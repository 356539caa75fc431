package io.logaggregate.stage;

import io.logaggregate.event.flink.SerializerTypeInfo;
import io.logaggregate.program.EventAtBlock;

/** Type information for {@link EventAtBlock}. */
public final class EventAtBlockTypeInfo extends SerializerTypeInfo<EventAtBlock> {
    public static final EventAtBlockTypeInfo INSTANCE = new EventAtBlockTypeInfo();

    private EventAtBlockTypeInfo() {
        super(EventAtBlock.class, EventAtBlockSerializer.INSTANCE);
    }
}
