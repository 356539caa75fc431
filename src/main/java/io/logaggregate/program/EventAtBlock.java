package io.logaggregate.program;

import io.logaggregate.event.Event;

/**
 * An event stopped at an aggregate block on its way through the filter program: {@code pc} is that
 * block's instruction and {@code taskId} the task id the block's pattern resolved to for this
 * event. This is what travels between the stages of a job (keyed by {@code taskId}).
 */
public record EventAtBlock(Event event, int pc, String taskId) {
    @Override
    public String toString() {
        return "EventAtBlock{pc=" + pc + ", taskId=" + taskId + ", " + event + "}";
    }
}
