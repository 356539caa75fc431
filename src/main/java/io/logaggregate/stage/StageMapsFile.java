package io.logaggregate.stage;

import io.logaggregate.aggregate.AggregateMapsFile;
import io.logaggregate.aggregate.TaskState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code aggregate_maps_path} for one parallel instance of an aggregate stage ({@link
 * AggregateMapsFile} holds the file format): which stored maps it takes at a fresh start, and
 * storing its open maps when it closes. A restored or restarted job takes none: its restored state
 * is the truth, and the files are replaced when it closes.
 */
final class StageMapsFile {
    private static final Logger LOG = LoggerFactory.getLogger(StageMapsFile.class);

    private final AggregateMapsFile file;
    private final TaskInfo info;

    StageMapsFile(String path, String pattern, StreamingRuntimeContext context) {
        this.file = new AggregateMapsFile(path, pattern);
        this.info = context.getTaskInfo();
    }

    /**
     * The keyed stage: every instance reads every part and takes the tasks of its key groups; the
     * last instance to have read them deletes the parts.
     */
    List<TaskState> loadForKeyGroups(boolean restored, String jobId) throws Exception {
        var parts = file.parts();
        if (parts.isEmpty() || keepsOwnState(restored, parts.values())) {
            return List.of();
        }
        List<TaskState> mine = new ArrayList<>();
        for (TaskState task : file.read(parts.values())) {
            int owner =
                    KeyGroupRangeAssignment.assignKeyToParallelOperator(
                            task.taskId(),
                            info.getMaxNumberOfParallelSubtasks(),
                            info.getNumberOfParallelSubtasks());
            if (owner == info.getIndexOfThisSubtask()) {
                mine.add(task);
            }
        }
        file.markLoaded(
                jobId,
                info.getIndexOfThisSubtask(),
                info.getNumberOfParallelSubtasks(),
                parts.values());
        return mine;
    }

    /**
     * The push-previous stage: instance n takes the parts written by instances n, n + p, n + 2p,
     * ..., in their order, and deletes them at once.
     */
    List<TaskState> loadInOrder(boolean restored) throws Exception {
        var parts = file.parts();
        if (parts.isEmpty() || keepsOwnState(restored, parts.values())) {
            return List.of();
        }
        int subtask = info.getIndexOfThisSubtask();
        int parallelism = info.getNumberOfParallelSubtasks();
        List<Path> mine = new ArrayList<>();
        parts.forEach(
                (writer, part) -> {
                    if (writer % parallelism == subtask) {
                        mine.add(part);
                    }
                });
        List<TaskState> tasks = file.read(mine);
        AggregateMapsFile.deleteAll(mine);
        return tasks;
    }

    /** Writes this instance's open maps (or deletes its part when there are none). */
    void store(List<TaskState> open) throws Exception {
        file.store(info.getIndexOfThisSubtask(), open);
    }

    private boolean keepsOwnState(boolean restored, Object parts) {
        if (restored || info.getAttemptNumber() > 0) {
            LOG.info(
                    "Aggregate maps in {} not loaded: a restored or restarted job keeps its own"
                            + " state (the files are replaced when it closes)",
                    parts);
            return true;
        }
        return false;
    }
}
