package io.logaggregate.io;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a streaming pipeline keeps event time, for inputs that make their own watermarks ({@link
 * InputSpec#watermarksPerSplit()}): the field the first event-time aggregate times out on ({@code
 * timeout_timestamp_field}), how far event time may go backwards before an event is late, and after
 * how long a split (a Kafka partition) without events stops holding the watermark back.
 */
public record EventTime(String field, Duration outOfOrderness, Duration idleness)
        implements Serializable {}
