package io.logaggregate.aggregate;

/**
 * The open tasks of one task_id pattern, by task id, as {@link TaskLifecycle} sees them. The keyed
 * stage backs it with Flink keyed state and one timer per task (it serves only the key Flink is
 * processing); the push-previous stage and the tests with an {@link OrderedTaskStore}.
 */
public interface TaskStore {
    /** The task's state, or null. */
    TaskState get(String taskId) throws Exception;

    /** Stores the task under its {@link TaskState#taskId()} (and arranges its expiry). */
    void put(TaskState task) throws Exception;

    /** Forgets the task (and its expiry); returns what was stored, or null. */
    TaskState remove(String taskId) throws Exception;

    /** How many tasks this parallel instance holds (for map_count_warning_threshold). */
    long size();

    /**
     * Removes and returns the oldest task of another task id (push_previous_map_as_event), or null.
     * Only stores that keep creation order support it.
     */
    default TaskState removeOldestOtherThan(String taskId) throws Exception {
        return null;
    }
}
