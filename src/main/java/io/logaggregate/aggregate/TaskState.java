package io.logaggregate.aggregate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the aggregate keeps per task (Logstash's Element): the map, its creation and last-event
 * times (event time or processing time, see {@link AggregatePattern#eventTime()}), the per-task
 * timeouts set through {@code map_meta}, and the timer currently registered for it.
 */
public final class TaskState {
    String taskId;
    Map<String, Object> map;
    Instant creation;
    Instant lastEvent;
    Long timeout;
    Long inactivityTimeout;

    /** The registered timer's time (epoch ms), or Long.MIN_VALUE for none. */
    long timer = Long.MIN_VALUE;

    TaskState() {}

    TaskState(String taskId, Instant creation) {
        this.taskId = taskId;
        this.map = new LinkedHashMap<>();
        this.creation = creation;
        this.lastEvent = creation;
    }

    /**
     * The moment the task expires: min(creation + timeout, last event + inactivity_timeout), each
     * from map_meta when set there, else from the pattern.
     */
    Instant deadline(AggregatePattern p) {
        long t = timeout != null ? timeout : p.timeoutSeconds();
        long it = inactivityTimeout != null ? inactivityTimeout : p.inactivityTimeoutSeconds();
        Instant a = creation.plusSeconds(t);
        Instant b = lastEvent.plusSeconds(it);
        return a.isBefore(b) ? a : b;
    }

    /** Logstash's strict rule: expired once the reference time is past the deadline. */
    boolean expiredAt(Instant ref, AggregatePattern p) {
        return ref.isAfter(deadline(p));
    }
}
