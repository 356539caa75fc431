package io.logaggregate.stage;

import io.logaggregate.aggregate.AggregatePattern;
import io.logaggregate.event.Event;
import io.logaggregate.event.Timestamps;
import io.logaggregate.event.flink.EventTypeInfo;
import java.time.Instant;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/** What every stage of the job emits besides its main output, and how records are timestamped. */
public final class StageRecords {
    /**
     * The side output of every stage for events that ran through the whole filter section: they go
     * straight to the outputs.
     */
    public static final OutputTag<Event> FINISHED = new OutputTag<>("done", EventTypeInfo.INSTANCE);

    private StageRecords() {}

    /**
     * {@code value} as a record stamped with the time of {@code event} for {@code pattern}: its
     * {@code timeout_timestamp_field} in event time, else its {@code @timestamp}; no timestamp when
     * that is not a timestamp.
     */
    static <T> StreamRecord<T> record(T value, Event event, AggregatePattern pattern) {
        Instant t =
                pattern.eventTime() ? pattern.eventTimeOf(event) : Timestamps.of(event.timestamp());
        return t == null ? new StreamRecord<>(value) : new StreamRecord<>(value, t.toEpochMilli());
    }
}
