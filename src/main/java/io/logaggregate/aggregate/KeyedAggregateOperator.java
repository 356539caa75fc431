package io.logaggregate.aggregate;

import io.logaggregate.event.Event;
import io.logaggregate.event.Timestamps;
import io.logaggregate.program.FilterProgram;
import io.logaggregate.program.Instruction;
import io.logaggregate.program.StagedEvent;
import io.logaggregate.program.StagedEventSerializer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyed stage of one task_id pattern: Flink keyed state holds each task's map, Flink timers
 * expire idle tasks (event time with {@code timeout_timestamp_field}, else processing time).
 *
 * <p>In BATCH mode Flink hands over each key's events together but not in input order when their
 * timestamps are equal (syslog has 1-second resolution), so the operator buffers a key's events,
 * sorts them by (timestamp, split, position) and handles them when the key is complete; expiry then
 * happens on arrival and at the end of the key. Either way, the end of a bounded input flushes
 * every open task (DESIGN.md).
 *
 * <p>With {@code aggregate_maps_path} (streaming only), the maps still open when the job is
 * cancelled are written at {@link #close()} and loaded at the next fresh start ({@link
 * AggregateMapsFile}): each parallel instance takes the tasks whose keys fall in its key groups.
 */
public final class KeyedAggregateOperator extends AbstractStreamOperator<StagedEvent>
        implements OneInputStreamOperator<StagedEvent, StagedEvent>,
                Triggerable<String, VoidNamespace>,
                BoundedOneInput {

    private static final Logger LOG = LoggerFactory.getLogger(KeyedAggregateOperator.class);
    private static final long END_OF_KEY = Long.MAX_VALUE;

    private final FilterProgram program;
    private final int patternIndex;
    private final boolean batch;
    private final AggregateProcessor processor;
    private final String mapsPath;
    private final ValueStateDescriptor<TaskState> stateDescriptor =
            new ValueStateDescriptor<>("aggregate-task", TaskStateSerializer.INSTANCE);

    private transient ValueState<TaskState> state;
    private transient ListState<StagedEvent> batchBuffer;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient StageOutput stageOutput;
    private transient TaskStore store;
    private transient long liveTasks;
    private transient boolean restored;
    private transient AggregateMapsFile mapsFile;

    public KeyedAggregateOperator(FilterProgram program, int patternIndex, boolean batch) {
        this.program = program;
        this.patternIndex = patternIndex;
        this.batch = batch;
        this.processor = new AggregateProcessor(program.patterns().get(patternIndex));
        this.mapsPath = AggregatePattern.pipelineMapsPath(program.patterns());
    }

    private AggregatePattern pattern() {
        return processor.pattern();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        restored = context.isRestored();
    }

    @Override
    public void open() throws Exception {
        super.open();
        program.open();
        processor.open(getMetricGroup());
        state = getPartitionedState(stateDescriptor);
        if (batch) {
            batchBuffer =
                    getPartitionedState(
                            new ListStateDescriptor<>(
                                    "aggregate-batch-buffer", StagedEventSerializer.INSTANCE));
        }
        timers =
                getInternalTimerService(
                        "aggregate-timeouts", VoidNamespaceSerializer.INSTANCE, this);
        stageOutput = new StageOutput(program, patternIndex, pattern().timeoutTimestampField());
        stageOutput.setOutput(output);
        getMetricGroup().addGroup("aggregate").gauge("aggregate_maps", () -> liveTasks);
        store = new KeyedStore();
        if (mapsPath != null) {
            if (batch) {
                LOG.info(
                        "aggregate_maps_path {} is not used in batch mode: a bounded input ends"
                                + " with every map pushed",
                        mapsPath);
            } else {
                mapsFile = new AggregateMapsFile(mapsPath, pattern().taskId());
                loadMaps();
            }
        }
    }

    /**
     * A fresh start (no checkpoint or savepoint, first attempt) takes the maps a previous run
     * stored. Every instance reads every part and keeps the tasks of its key groups; each gets a
     * timer at its deadline, so a task that outlived its timeout while the job was down expires at
     * once (processing time) or at the first watermark past it (event time). After a restore, the
     * restored state is the truth and the files are left for {@link #close()} to replace.
     */
    private void loadMaps() throws Exception {
        var parts = mapsFile.parts();
        if (parts.isEmpty()) {
            return;
        }
        TaskInfo info = getRuntimeContext().getTaskInfo();
        if (restored || info.getAttemptNumber() > 0) {
            LOG.info(
                    "Aggregate maps in {} not loaded: a restored or restarted job keeps its own"
                            + " state (the files are replaced when it closes)",
                    parts.values());
            return;
        }
        for (TaskState task : mapsFile.read(parts.values())) {
            int owner =
                    KeyGroupRangeAssignment.assignKeyToParallelOperator(
                            task.taskId,
                            info.getMaxNumberOfParallelSubtasks(),
                            info.getNumberOfParallelSubtasks());
            if (owner == info.getIndexOfThisSubtask()) {
                setCurrentKey(task.taskId);
                store.put(task);
            }
        }
        mapsFile.markLoaded(
                getRuntimeContext().getJobInfo().getJobId().toString(),
                info.getIndexOfThisSubtask(),
                info.getNumberOfParallelSubtasks(),
                parts.values());
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
                        Comparator.comparing((TaskState t) -> t.creation)
                                .thenComparing(t -> t.taskId));
                mapsFile.store(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), open);
            }
        } finally {
            super.close();
        }
    }

    @Override
    public void processElement(StreamRecord<StagedEvent> element) throws Exception {
        StagedEvent staged = element.getValue();
        if (!isMine(staged.pc())) {
            stageOutput.forward(staged);
            return;
        }
        if (batch) {
            batchBuffer.add(staged);
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, END_OF_KEY);
            return;
        }
        handle(staged.event(), staged.pc(), staged.key());
    }

    private boolean isMine(int pc) {
        return program.code().get(pc) instanceof Instruction.Aggregate a
                && a.patternIndex() == patternIndex;
    }

    private void handle(Event event, int pc, String key) throws Exception {
        processor.process(event, pc, key, store, now(), this::resume);
    }

    private void resume(Event event, int pc) throws Exception {
        stageOutput.resume(event, pc, (String) getCurrentKey(), this::handle);
    }

    private Instant now() {
        return Instant.ofEpochMilli(getProcessingTimeService().getCurrentProcessingTime());
    }

    // ------------------------------------------------------------------ expiry

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        if (batch && timer.getTimestamp() == END_OF_KEY) {
            endOfKey();
        } else {
            expire(timer.getTimestamp());
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        expire(timer.getTimestamp());
    }

    private void expire(long timerTime) throws Exception {
        TaskState task = state.value();
        if (task == null || task.timer != timerTime) {
            return; // a timer that was superseded
        }
        store.remove();
        processor.countTimeout();
        if (pattern().pushesOnTimeout()) {
            Instant at = pattern().eventTime() ? task.deadline(pattern()) : now();
            resume(processor.timeoutEvent(task, at, false), pattern().flushPc() + 1);
        }
    }

    /** Batch mode: the key's events are all here; handle them in input order, then flush. */
    private void endOfKey() throws Exception {
        List<StagedEvent> events = new ArrayList<>();
        for (StagedEvent e : batchBuffer.get()) {
            events.add(e);
        }
        batchBuffer.clear();
        events.sort(inputOrder());
        for (StagedEvent e : events) {
            handle(e.event(), e.pc(), e.key());
        }
        flushCurrentTask();
    }

    private Comparator<StagedEvent> inputOrder() {
        String field = pattern().timeoutTimestampField();
        Comparator<StagedEvent> byTime =
                Comparator.comparing(
                        e -> {
                            Instant i = field == null ? null : Timestamps.of(e.event().get(field));
                            return i == null ? Instant.MIN : i;
                        });
        return byTime.thenComparing(e -> e.event().split())
                .thenComparingLong(e -> e.event().position());
    }

    /** The end of a bounded input: every open task is handled as if its time ran out. */
    @Override
    public void endInput() throws Exception {
        if (batch) {
            return; // handled per key in endOfKey
        }
        for (int round = 0; round < 100; round++) {
            List<TaskState> open = openTasks();
            if (open.isEmpty()) {
                return;
            }
            for (TaskState task : open) {
                setCurrentKey(task.taskId); // the key of a task is its task id
                flushCurrentTask();
            }
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

    private void flushCurrentTask() throws Exception {
        // a pushed event may reach another block of this pattern for the same task and open
        // its map again; flush until nothing is left
        for (int round = 0; round < 100; round++) {
            TaskState task = state.value();
            if (task == null) {
                return;
            }
            store.remove();
            if (pattern().pushesOnTimeout()) {
                boolean eventTime = pattern().eventTime();
                Instant at = eventTime ? task.deadline(pattern()) : now();
                resume(processor.timeoutEvent(task, at, !eventTime), pattern().flushPc() + 1);
            }
        }
    }

    /** Keyed state plus one timer per task at its deadline. */
    private final class KeyedStore implements TaskStore {
        @Override
        public TaskState get() throws Exception {
            return state.value();
        }

        @Override
        public void put(TaskState task) throws Exception {
            if (state.value() == null) {
                liveTasks++;
            }
            if (!batch) {
                // fire strictly after the deadline, as Logstash's expiry test is strict
                long due = task.deadline(pattern()).toEpochMilli() + 1;
                if (task.timer != due) {
                    deleteTimer(task.timer);
                    if (pattern().eventTime()) {
                        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, due);
                    } else {
                        timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, due);
                    }
                    task.timer = due;
                }
            }
            state.update(task);
        }

        @Override
        public void remove() throws Exception {
            TaskState task = state.value();
            if (task != null) {
                liveTasks--;
                deleteTimer(task.timer);
                state.clear();
            }
        }

        private void deleteTimer(long time) {
            if (time == Long.MIN_VALUE) {
                return;
            }
            if (pattern().eventTime()) {
                timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, time);
            } else {
                timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, time);
            }
        }

        @Override
        public long count() {
            return liveTasks;
        }
    }
}
