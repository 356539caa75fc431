package io.logaggregate.stage;

import io.logaggregate.aggregate.AggregateMapsFile;
import io.logaggregate.aggregate.TaskLifecycle;
import io.logaggregate.aggregate.TaskState;
import io.logaggregate.aggregate.TaskStateSerializer;
import io.logaggregate.aggregate.TaskStore;
import io.logaggregate.program.EventAtBlock;
import io.logaggregate.program.FilterProgram;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyed stage of one task_id pattern (the input is keyed by task id): Flink keyed state holds
 * each task's {@link TaskState}, one Flink timer per task expires it at its deadline (event time
 * with {@code timeout_timestamp_field}, else processing time). The semantics are {@link
 * TaskLifecycle}'s; this class only moves events, state and timers.
 *
 * <p>Why a custom operator and not a {@code KeyedProcessFunction}: the end of a bounded input must
 * push every open task, which needs {@link #endInput()} and a walk over all keys of the state
 * backend (a function has neither); records sent on are stamped from the event's own time field,
 * which a function's collector cannot do; and {@link #close()} must read every key to store the
 * maps for {@code aggregate_maps_path}.
 *
 * <p>In BATCH mode Flink hands over each key's events together but not in input order when their
 * timestamps are equal (syslog has 1-second resolution), so the operator buffers a key's events,
 * sorts them by (timestamp, split, position) and handles them when the key is complete; expiry then
 * happens on arrival and at the end of the key, and no timers are set for tasks.
 *
 * <p>With {@code aggregate_maps_path} (streaming only), the maps still open when the job is
 * cancelled are written at {@link #close()} and loaded at the next fresh start ({@link
 * AggregateMapsFile}): each parallel instance takes the tasks whose keys fall in its key groups.
 */
public final class KeyedAggregateOperator extends AggregateStageOperator
        implements Triggerable<String, VoidNamespace> {

    private static final Logger LOG = LoggerFactory.getLogger(KeyedAggregateOperator.class);
    private static final long END_OF_KEY = Long.MAX_VALUE;

    private final boolean batch;
    private final ValueStateDescriptor<TaskState> stateDescriptor =
            new ValueStateDescriptor<>("aggregate-task", TaskStateSerializer.INSTANCE);

    private transient ValueState<TaskState> state;
    private transient ListState<EventAtBlock> batchBuffer;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient KeyedStore store;
    private transient boolean restored;
    private transient StageMapsFile mapsFile;

    public KeyedAggregateOperator(FilterProgram program, int stage, boolean batch) {
        super(program, stage);
        this.batch = batch;
        // behind a keyBy nothing is chained to it; where the stream is keyed in place
        // (PipelineJob, parallelism 1) it runs in the chain of the filters and records reach it
        // as objects, never serialized
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    protected TaskStore store() {
        return store;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        restored = context.isRestored();
    }

    @Override
    public void open() throws Exception {
        store = new KeyedStore();
        super.open();
        state = getPartitionedState(stateDescriptor);
        timers =
                getInternalTimerService(
                        "aggregate-timeouts", VoidNamespaceSerializer.INSTANCE, this);
        if (batch) {
            batchBuffer =
                    getPartitionedState(
                            new ListStateDescriptor<>(
                                    "aggregate-batch-buffer", EventAtBlockSerializer.INSTANCE));
        }
        if (restored) {
            // the open-task count (gauge, map_count_warning_threshold) starts from the restored
            // state of this instance's key groups
            store.size = openTasks().size();
        }
        String mapsPath = program.aggregateMapsPath();
        if (mapsPath != null) {
            if (batch) {
                LOG.info(
                        "aggregate_maps_path {} is not used in batch mode: a bounded input ends"
                                + " with every map pushed",
                        mapsPath);
            } else {
                // a fresh start takes the maps a previous run stored; each gets a timer at its
                // deadline, so one that outlived its timeout while the job was down expires at
                // once (processing time) or at the first watermark past it (event time)
                mapsFile = new StageMapsFile(mapsPath, pattern.taskId(), getRuntimeContext());
                String jobId = getRuntimeContext().getJobInfo().getJobId().toString();
                for (TaskState task : mapsFile.loadForKeyGroups(restored, jobId)) {
                    setCurrentKey(task.taskId());
                    store.put(task);
                    store.syncTimer();
                }
            }
        }
    }

    /**
     * Flink closes operators on cancel too (not only after {@code finish()}), before the state
     * backend is disposed: the maps still open are stored here. A bounded input has pushed them all
     * at its end, so then nothing is written.
     */
    @Override
    public void close() throws Exception {
        try {
            if (mapsFile != null && state != null) {
                List<TaskState> open = openTasks();
                open.sort(
                        Comparator.comparing(TaskState::creation).thenComparing(TaskState::taskId));
                mapsFile.store(open);
            }
        } finally {
            super.close();
        }
    }

    @Override
    protected void onArrival(EventAtBlock event) throws Exception {
        if (batch) {
            batchBuffer.add(event);
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, END_OF_KEY);
        } else {
            arrive(event.event(), event.pc(), event.taskId());
            store.syncTimer();
        }
    }

    // ------------------------------------------------------------------ expiry

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        if (timer.getTimestamp() == END_OF_KEY) { // batch mode only
            endOfKey();
        } else {
            timedOut(timer.getTimestamp());
        }
        store.syncTimer();
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        timedOut(timer.getTimestamp());
        store.syncTimer();
    }

    private void timedOut(long timerTime) throws Exception {
        TaskState task = state.value();
        if (task == null) {
            return; // a timer that outlived its task
        }
        if (timerTime < store.due(task)) {
            // a timer earlier than the task's deadline: its deadline moved later since (the stage
            // deletes the old timer then, so this is a timer restored from a savepoint taken with
            // other timeouts); make sure one waits at the deadline (Flink keeps one timer per
            // key and time, so this adds none if it is there)
            store.register(store.due(task));
            return;
        }
        store.remove(task.taskId());
        runOn(lifecycle.timedOut(task, now()), task.taskId());
    }

    /** Batch mode: the key's events are all here; handle them in input order, then flush. */
    private void endOfKey() throws Exception {
        List<EventAtBlock> events = new ArrayList<>();
        for (EventAtBlock e : batchBuffer.get()) {
            events.add(e);
        }
        batchBuffer.clear();
        events.sort(inputOrder());
        for (EventAtBlock e : events) {
            arrive(e.event(), e.pc(), e.taskId());
        }
        flush((String) getCurrentKey());
    }

    private Comparator<EventAtBlock> inputOrder() {
        Comparator<EventAtBlock> byTime =
                Comparator.comparing(
                        e ->
                                Objects.requireNonNullElse(
                                        pattern.eventTimeOf(e.event()), Instant.MIN));
        return byTime.thenComparing(e -> e.event().split())
                .thenComparingLong(e -> e.event().position());
    }

    /** The end of a bounded input: every open task is handled as if its time ran out. */
    @Override
    public void endInput() throws Exception {
        if (batch) {
            return; // handled per key in endOfKey
        }
        for (TaskState task : openTasks()) {
            setCurrentKey(task.taskId()); // the key of a task is its task id
            flush(task.taskId());
            store.syncTimer();
        }
    }

    /**
     * Pushes the current key's task at the end of input. A pushed event may reach another block of
     * this pattern for the same task and open its map again: flush until nothing is left, at most
     * {@link TaskLifecycle#MAX_FLUSH_ROUNDS} times.
     */
    private void flush(String taskId) throws Exception {
        for (int round = 0; round < TaskLifecycle.MAX_FLUSH_ROUNDS; round++) {
            TaskState task = store.remove(taskId);
            if (task == null) {
                return;
            }
            runOn(lifecycle.endOfInput(task, now()), taskId);
        }
        if (state.value() != null) {
            lifecycle.warnFlushBoundReached(List.of(taskId));
        }
    }

    /** The state of every task this instance holds. */
    private List<TaskState> openTasks() throws Exception {
        List<TaskState> open = new ArrayList<>();
        this.<String>getKeyedStateBackend()
                .applyToAllKeys(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        stateDescriptor,
                        (key, s) -> {
                            if (s.value() != null) {
                                open.add(s.value());
                            }
                        });
        return open;
    }

    /**
     * Keyed state plus one timer per task, at its deadline + 1 ms. Flink's keyed state serves the
     * key being processed only, so every call names that key.
     *
     * <p>The timer's time is not stored with the task: it is derived from the deadline. But {@link
     * TaskLifecycle} changes the task it got from {@link #get} in place (last event, map_meta
     * timeouts) before it puts or removes it, so the deadline the timer was registered at is noted
     * when the task is read, and used to delete that timer when the deadline moves or the task
     * goes.
     *
     * <p>{@link #put} and {@link #remove} only note which timer the key should have; {@link
     * #syncTimer}, called once the element or timer is handled (still under its key), deletes and
     * registers Flink timers. That keeps Flink's timer queue out of {@link TaskLifecycle#arrive}'s
     * compiled code: C2 inlined it there, and the queue's branches that a young queue never takes
     * (removing its head, sifting up) deoptimized that large method twice per postfix benchmark
     * run, each time recompiled (JFR jdk.Deoptimization; ~0.4 s of C2 time per compile). Timers
     * only fire between elements, so when within the element they change makes no difference.
     */
    private final class KeyedStore implements TaskStore {
        private static final long NO_TIMER = Long.MIN_VALUE;

        private long size;

        /** The key {@link #keyHasTask} and {@link #timerOfKey} are about, or null. */
        private String timerKey;

        /** Whether {@link #timerKey} has a task stored, as the store last saw it. */
        private boolean keyHasTask;

        /** The time {@link #timerKey}'s timer should have, or NO_TIMER. */
        private long timerOfKey = NO_TIMER;

        /** The time of {@link #timerKey}'s timer registered in Flink, or NO_TIMER. */
        private long registered = NO_TIMER;

        @Override
        public TaskState get(String taskId) throws Exception {
            requireCurrent(taskId);
            TaskState task = state.value();
            note(taskId, task);
            return task;
        }

        @Override
        public void put(TaskState task) throws Exception {
            String taskId = task.taskId();
            requireCurrent(taskId);
            if (!taskId.equals(timerKey)) {
                note(taskId, state.value());
            }
            if (!keyHasTask) {
                size++;
            }
            long due = due(task);
            keyHasTask = true;
            timerOfKey = due;
            state.update(task);
        }

        @Override
        public TaskState remove(String taskId) throws Exception {
            requireCurrent(taskId);
            TaskState task = state.value();
            if (task != null) {
                size--;
                if (!taskId.equals(timerKey)) {
                    note(taskId, task);
                }
                state.clear();
            } else if (!taskId.equals(timerKey)) {
                requireSynced();
                registered = NO_TIMER;
            }
            timerKey = taskId;
            keyHasTask = false;
            timerOfKey = NO_TIMER;
            return task;
        }

        @Override
        public long size() {
            return size;
        }

        /**
         * The time of the task's timer: strictly after the deadline, as Logstash's expiry test is
         * strict. None in batch mode (tasks expire on arrival and at the end of their key).
         */
        long due(TaskState task) {
            return batch ? NO_TIMER : task.deadlineMillis(pattern) + 1;
        }

        void register(long time) {
            if (time == NO_TIMER) {
                return;
            }
            if (pattern.eventTime()) {
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
            } else {
                timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, time);
            }
        }

        /**
         * Notes what is stored for {@code taskId} as read from the state: whether there is a task,
         * and its timer (from its deadline, before the lifecycle changes the task in place).
         */
        private void note(String taskId, TaskState stored) {
            long due = stored == null ? NO_TIMER : due(stored);
            if (!taskId.equals(timerKey)) {
                requireSynced(); // the timer of the key before is in place
                registered = due;
            }
            timerKey = taskId;
            keyHasTask = stored != null;
            timerOfKey = due;
        }

        /** Gives the current key's task the timer {@link #put} and {@link #remove} left it. */
        void syncTimer() {
            if (timerOfKey != registered) {
                deleteTimer(registered);
                register(timerOfKey);
                registered = timerOfKey;
            }
        }

        private void requireSynced() {
            if (timerOfKey != registered) {
                throw new IllegalStateException(
                        "the timer of task " + timerKey + " was not synced before another key");
            }
        }

        private void requireCurrent(String taskId) {
            if (!taskId.equals(getCurrentKey())) {
                throw new IllegalStateException(
                        "task " + taskId + " is not the current key " + getCurrentKey());
            }
        }

        private void deleteTimer(long time) {
            if (time == NO_TIMER) {
                return;
            }
            if (pattern.eventTime()) {
                timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, time);
            } else {
                timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, time);
            }
        }
    }
}
