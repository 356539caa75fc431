package io.logaggregate.io.codec;

import io.logaggregate.event.Event;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * Turns one unit of input text (a line, for line-oriented inputs) into zero or more events, like a
 * Logstash codec's {@code decode}. Decoders are created on the client and shipped to the task
 * managers, so they are serializable and keep no mutable state.
 */
public interface Decoder extends Serializable {
    /** The charset the input's bytes are decoded with (the codec's {@code charset}). */
    String charset();

    void decode(String text, Consumer<Event> out);
}
