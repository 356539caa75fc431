package io.logaggregate.aggregate;

/**
 * The maps of one task_id pattern as the aggregate logic sees them: the task of the current key.
 * Keyed stages back it with Flink keyed state and timers; the push-previous stage with an
 * insertion-ordered map in operator state.
 */
interface TaskStore {
    /** The current task's state, or null. */
    TaskState get() throws Exception;

    /** Stores the current task's state (and arranges its expiry). */
    void put(TaskState state) throws Exception;

    /** Forgets the current task (and its expiry timer). */
    void remove() throws Exception;

    /** How many tasks this parallel instance holds (for map_count_warning_threshold). */
    long count();

    /** Removes and returns the oldest task of another key (push_previous_map_as_event). */
    default TaskState takeOldest() throws Exception {
        return null;
    }
}
