package io.logaggregate.io.codec;

import io.logaggregate.event.Event;

/** {@code json_lines}: one JSON object per event, then the delimiter (default newline). */
final class JsonLinesEncoder implements Encoder {
    private static final long serialVersionUID = 1L;

    private final String delimiter;
    private final String charset;

    JsonLinesEncoder(String delimiter, String charset) {
        this.delimiter = delimiter;
        this.charset = charset;
    }

    @Override
    public String encode(Event event) {
        return event.toJson() + delimiter;
    }

    @Override
    public String charset() {
        return charset;
    }
}
