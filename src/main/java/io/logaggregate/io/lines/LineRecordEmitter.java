package io.logaggregate.io.lines;

import io.logaggregate.event.Event;
import io.logaggregate.io.InputDecorator;
import io.logaggregate.io.codec.Decoder;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Decodes a line with the codec, decorates the events like the Logstash input does, stamps their
 * origin (split id = file path, position = line number), emits them, and only then advances the
 * split's checkpointed offset: a checkpoint never covers a line not yet emitted.
 */
public final class LineRecordEmitter implements RecordEmitter<LineRecord, Event, LineSplitState> {
    private final Decoder decoder;
    private final InputDecorator decorator;

    public LineRecordEmitter(Decoder decoder, InputDecorator decorator) {
        this.decoder = decoder;
        this.decorator = decorator;
    }

    @Override
    public void emitRecord(LineRecord record, SourceOutput<Event> output, LineSplitState state) {
        String split = state.id();
        decoder.decode(
                record.text(),
                e -> {
                    decorator.decorate(e, split);
                    e.setOrigin(split, record.line());
                    output.collect(e);
                });
        state.emitted(record);
    }
}
