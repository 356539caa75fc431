package io.logaggregate.stage;

import io.logaggregate.aggregate.AggregateMapsFile;
import io.logaggregate.aggregate.OrderedTaskStore;
import io.logaggregate.aggregate.TaskLifecycle;
import io.logaggregate.aggregate.TaskState;
import io.logaggregate.aggregate.TaskStateSerializer;
import io.logaggregate.aggregate.TaskStore;
import io.logaggregate.program.EventAtBlock;
import io.logaggregate.program.FilterProgram;
import java.time.Instant;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * The stage of a task_id pattern with {@code push_previous_map_as_event}. That option is about
 * arrival order, not keys ("a new task id pushes the previous map"), so this stage is not keyed: it
 * runs in the chain of the operator before it, keeps the order of each input split, and holds its
 * maps in an {@link OrderedTaskStore} saved in operator state at checkpoints. The semantics are
 * {@link TaskLifecycle}'s; this class only moves events, state and the expiry clock.
 *
 * <p>Why a custom operator and not a {@code ProcessFunction}: it must expire maps when a watermark
 * passes (a non-keyed function has no timers and never sees watermarks), push every map at the end
 * of a bounded input ({@link #endInput()}), keep its maps in operator list state, and be chained to
 * its input always.
 *
 * <p>Expiry: on arrival; by the watermark in event time; by a 1-second scan in processing time
 * (Logstash scans every 5 s); and at the end of a bounded input, where every map is pushed.
 *
 * <p>With {@code aggregate_maps_path}, the maps still open when the job is cancelled are written at
 * {@link #close()} in insertion order, and loaded at the next fresh start ({@link
 * AggregateMapsFile}): instance n takes the parts written by instances n, n + p, n + 2p, ...
 */
public final class PushPreviousAggregateOperator extends AggregateStageOperator
        implements ProcessingTimeCallback {

    private static final long SCAN_INTERVAL_MS = 1000;

    private transient OrderedTaskStore tasks;
    private transient ListState<TaskState> checkpointed;
    private transient boolean restored;
    private transient StageMapsFile mapsFile;

    public PushPreviousAggregateOperator(FilterProgram program, int stage) {
        super(program, stage);
        // arrival order matters here: run in the chain of the operator before, never behind a
        // rebalancing edge
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    protected TaskStore store() {
        return tasks;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        tasks = new OrderedTaskStore();
        restored = context.isRestored();
        checkpointed =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "push-previous-tasks", TaskStateSerializer.INSTANCE));
        for (TaskState t : checkpointed.get()) {
            tasks.put(t);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpointed.update(tasks.inOrder());
    }

    @Override
    public void open() throws Exception {
        super.open();
        String mapsPath = program.aggregateMapsPath();
        if (mapsPath != null) {
            // a fresh start takes the maps a previous run stored, in their order
            mapsFile = new StageMapsFile(mapsPath, pattern.taskId(), getRuntimeContext());
            for (TaskState task : mapsFile.loadInOrder(restored)) {
                tasks.putLast(task);
            }
        }
        if (!pattern.eventTime()) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + SCAN_INTERVAL_MS, this);
        }
    }

    /** Flink closes operators on cancel too: the maps still open are stored here. */
    @Override
    public void close() throws Exception {
        try {
            if (mapsFile != null && tasks != null) {
                mapsFile.store(tasks.inOrder());
            }
        } finally {
            super.close();
        }
    }

    @Override
    protected void onArrival(EventAtBlock event) throws Exception {
        arrive(event.event(), event.pc(), event.taskId());
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (pattern.eventTime()) {
            timedOutBefore(Instant.ofEpochMilli(mark.getTimestamp()));
        }
        super.processWatermark(mark);
    }

    @Override
    public void onProcessingTime(long time) throws Exception {
        timedOutBefore(Instant.ofEpochMilli(time));
        // from now, not from this timer's time: a clock that jumps (a test harness, a long
        // pause) must not replay every missed scan
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(Math.max(time, now) + SCAN_INTERVAL_MS, this);
    }

    /** Pushes, in insertion order, every map whose deadline is before {@code ref}. */
    private void timedOutBefore(Instant ref) throws Exception {
        for (TaskState t : tasks.removeIf(t -> t.expiredAt(ref, pattern))) {
            runOn(lifecycle.timedOut(t, now()), t.taskId());
        }
    }

    /**
     * Pushes every map, in insertion order. A pushed event may open a map again (it reaches another
     * block of this pattern): repeat, at most {@link TaskLifecycle#MAX_FLUSH_ROUNDS} times.
     */
    @Override
    public void endInput() throws Exception {
        for (int round = 0; round < TaskLifecycle.MAX_FLUSH_ROUNDS; round++) {
            if (tasks.isEmpty()) {
                return;
            }
            for (TaskState t : tasks.removeIf(t -> true)) {
                runOn(lifecycle.endOfInput(t, now()), t.taskId());
            }
        }
        if (!tasks.isEmpty()) {
            lifecycle.warnFlushBoundReached(
                    tasks.inOrder().stream().map(TaskState::taskId).toList());
        }
    }
}
