package io.logaggregate.aggregate;

/**
 * Why a task's map leaves memory other than by {@code end_of_task} (docs/aggregate-semantics.md,
 * "Expiry"). Each reason says whether the map is pushed as an event and whether it counts as an
 * expired task.
 */
public enum Expiry {
    /** {@code timeout} seconds have passed since the task was created. */
    TIMEOUT,
    /** {@code inactivity_timeout} seconds have passed since the task's last event. */
    INACTIVITY,
    /** The code set {@code map_meta.timeout} or {@code map_meta.inactivity_timeout} to 0. */
    MAP_META,
    /** A bounded input ended with the task still open. */
    END_OF_INPUT,
    /** {@code push_previous_map_as_event}: an event of another task id created a new task. */
    PREVIOUS_MAP;

    /** True when the map is pushed as an event for this reason, given the pattern's options. */
    boolean pushes(AggregatePattern p) {
        return switch (this) {
            case TIMEOUT, INACTIVITY, END_OF_INPUT -> p.pushesOnTimeout();
            case MAP_META -> p.pushMapAsEventOnTimeout();
            case PREVIOUS_MAP -> true;
        };
    }
}
