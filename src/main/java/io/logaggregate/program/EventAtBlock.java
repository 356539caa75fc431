package io.logaggregate.program;

import io.logaggregate.event.Event;
import java.util.Objects;

/**
 * An event stopped at an aggregate block on its way through the filter program: {@code pc} is that
 * block's instruction and {@code taskId} the task id the block's pattern resolved to for this
 * event. This is what travels between the stages of a job (keyed by {@code taskId}).
 *
 * <p>The event may arrive still encoded ({@link #encoded}): it is decoded the first time {@link
 * #event()} is called. Between the stages of a batch job a record is read from the network, written
 * into the sort buffer, spilled and merged before the aggregate looks at it; none of these steps
 * needs the event, only its task id, so each of them copies bytes instead of decoding and encoding
 * the event again.
 */
public final class EventAtBlock {

    /** An event in encoded form; {@link #decode()} gives a new event each time. */
    public interface Encoded {
        Event decode();
    }

    private Event event; // null while only the encoded form is held
    private Encoded encoded; // null once decoded (the event may change after that)
    private final int pc;
    private final String taskId;

    public EventAtBlock(Event event, int pc, String taskId) {
        this.event = Objects.requireNonNull(event, "event");
        this.pc = pc;
        this.taskId = taskId;
    }

    private EventAtBlock(Encoded encoded, int pc, String taskId) {
        this.encoded = Objects.requireNonNull(encoded, "encoded");
        this.pc = pc;
        this.taskId = taskId;
    }

    /** An event at a block that stays encoded until {@link #event()} is first called. */
    public static EventAtBlock encoded(Encoded event, int pc, String taskId) {
        return new EventAtBlock(event, pc, taskId);
    }

    /** The event, decoded on first use. */
    public Event event() {
        if (event == null) {
            event = encoded.decode();
            encoded = null;
        }
        return event;
    }

    /** The encoded form while the event was never decoded, else null. */
    public Encoded encodedEvent() {
        return encoded;
    }

    public int pc() {
        return pc;
    }

    public String taskId() {
        return taskId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventAtBlock other
                && pc == other.pc
                && Objects.equals(taskId, other.taskId)
                && event().equals(other.event());
    }

    @Override
    public int hashCode() {
        return Objects.hash(event(), pc, taskId);
    }

    @Override
    public String toString() {
        return "EventAtBlock{pc=" + pc + ", taskId=" + taskId + ", " + event() + "}";
    }
}
