package io.logaggregate.io.codec;

import io.logaggregate.event.Event;
import io.logaggregate.event.Timestamps;
import io.logaggregate.event.Values;
import java.time.Instant;

/**
 * {@code plain} and {@code line} encoding: {@code format} interpolated with the event's fields, or
 * without a format Logstash's {@code event.to_s}: {@code "<@timestamp> <host> <message>"}. {@code
 * plain} adds nothing after it (as in Logstash); {@code line} adds its delimiter.
 */
final class PlainEncoder implements Encoder {
    private static final long serialVersionUID = 1L;

    private final String format;
    private final String suffix;
    private final String charset;

    PlainEncoder(String format, String suffix, String charset) {
        this.format = format;
        this.suffix = suffix;
        this.charset = charset;
    }

    @Override
    public String encode(Event event) {
        String text = format != null ? event.sprintf(format) : eventToString(event);
        return text + suffix;
    }

    @Override
    public String charset() {
        return charset;
    }

    /** Logstash's {@code Event#to_s}: missing host or message stay as literal references. */
    static String eventToString(Event event) {
        Instant ts = event.timestamp();
        Object host = event.get("host");
        Object message = event.get("message");
        return (ts == null ? "" : Timestamps.format(ts))
                + " "
                + (host == null ? "%{host}" : Values.toText(host))
                + " "
                + (message == null ? "%{message}" : Values.toText(message));
    }
}
