package io.logaggregate.program;

import io.logaggregate.event.Event;

/**
 * An event on its way through the filter program: {@code pc} is the next instruction to run and
 * {@code key} the task id it waits for at that instruction (an aggregate block), or "" when it
 * waits for none.
 */
public final class StagedEvent {
    private final Event event;
    private final int pc;
    private final String key;

    public StagedEvent(Event event, int pc, String key) {
        this.event = event;
        this.pc = pc;
        this.key = key;
    }

    public Event event() {
        return event;
    }

    public int pc() {
        return pc;
    }

    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return "StagedEvent{pc=" + pc + ", key=" + key + ", " + event + "}";
    }
}
