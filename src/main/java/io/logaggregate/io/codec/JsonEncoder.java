package io.logaggregate.io.codec;

import io.logaggregate.event.Event;

/**
 * {@code json}: the event as one JSON object with no separator after it. That is what Logstash's
 * json codec writes (objects back to back); use {@code json_lines} for one per line.
 */
final class JsonEncoder implements Encoder {
    private static final long serialVersionUID = 1L;

    private final String charset;

    JsonEncoder(String charset) {
        this.charset = charset;
    }

    @Override
    public String encode(Event event) {
        return event.toJson();
    }

    @Override
    public String charset() {
        return charset;
    }
}
