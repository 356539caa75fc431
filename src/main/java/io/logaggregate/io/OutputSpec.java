package io.logaggregate.io;

import io.logaggregate.event.Event;
import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;

/** A configured output plugin, ready to become a Flink sink. */
public interface OutputSpec extends Serializable {
    /** Attaches the sink to the stream of events meant for this output. */
    void attach(DataStream<Event> events);
}
