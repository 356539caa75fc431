package io.logaggregate.io.codec;

import io.logaggregate.event.Event;
import java.io.Serializable;

/**
 * Turns an event into the text an output writes, like a Logstash codec's {@code encode}. The text
 * carries its own line ending where the Logstash codec adds one ({@code json_lines}, {@code line},
 * {@code rubydebug}) and none where it does not ({@code json}, {@code plain}).
 */
public interface Encoder extends Serializable {
    String encode(Event event);

    /** The charset the output writes the text in. */
    default String charset() {
        return "UTF-8";
    }
}
