package io.logaggregate.aggregate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Tasks in an insertion-ordered map, as Logstash's Ruby Hash keeps them. */
public final class OrderedTaskStore implements TaskStore {
    private final LinkedHashMap<String, TaskState> tasks = new LinkedHashMap<>();

    @Override
    public TaskState get(String taskId) {
        return tasks.get(taskId);
    }

    @Override
    public void put(TaskState task) {
        tasks.put(task.taskId, task);
    }

    /** Adds a task loaded from outside; a task id met twice keeps its last place. */
    public void putLast(TaskState task) {
        tasks.remove(task.taskId);
        tasks.put(task.taskId, task);
    }

    @Override
    public TaskState remove(String taskId) {
        return tasks.remove(taskId);
    }

    @Override
    public long size() {
        return tasks.size();
    }

    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    @Override
    public TaskState removeOldestOtherThan(String taskId) {
        for (Iterator<Map.Entry<String, TaskState>> it = tasks.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<String, TaskState> e = it.next();
            if (!e.getKey().equals(taskId)) {
                it.remove();
                return e.getValue();
            }
        }
        return null;
    }

    /** Removes the tasks that match, and returns them in insertion order. */
    public List<TaskState> removeIf(Predicate<TaskState> which) {
        List<TaskState> removed = new ArrayList<>();
        for (Iterator<TaskState> it = tasks.values().iterator(); it.hasNext(); ) {
            TaskState t = it.next();
            if (which.test(t)) {
                removed.add(t);
                it.remove();
            }
        }
        return removed;
    }

    /** The tasks in insertion order (a copy). */
    public List<TaskState> inOrder() {
        return new ArrayList<>(tasks.values());
    }
}
