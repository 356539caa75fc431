package io.logaggregate.io.codec;

import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import java.util.function.Consumer;

/** {@code plain} (and {@code line}) decoding: the text becomes the event's {@code message}. */
final class PlainDecoder implements Decoder {
    private static final long serialVersionUID = 1L;

    /** Parsed once: every line of a file becomes an event through here. */
    private static final FieldRef MESSAGE = FieldRef.parse("message");

    private final String charset;

    PlainDecoder(String charset) {
        this.charset = charset;
    }

    @Override
    public String charset() {
        return charset;
    }

    @Override
    public void decode(String text, Consumer<Event> out) {
        Event e = new Event();
        e.set(MESSAGE, text);
        out.accept(e);
    }
}
