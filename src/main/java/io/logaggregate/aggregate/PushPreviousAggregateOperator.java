package io.logaggregate.aggregate;

import io.logaggregate.event.Event;
import io.logaggregate.program.FilterProgram;
import io.logaggregate.program.Instruction;
import io.logaggregate.program.StagedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage of a task_id pattern with {@code push_previous_map_as_event}. That option is about
 * arrival order, not keys ("a new task id pushes the previous map"), so this stage is not keyed: it
 * runs forward from the source, keeps the order of each input split, and holds its maps in an
 * insertion-ordered map saved in operator state at checkpoints.
 *
 * <p>Expiry: on arrival; by the watermark in event time; by a 1-second scan in processing time
 * (Logstash scans every 5 s); and at the end of a bounded input, where every map is pushed.
 *
 * <p>With {@code aggregate_maps_path}, the maps still open when the job is cancelled are written at
 * {@link #close()} in insertion order, and loaded at the next fresh start ({@link
 * AggregateMapsFile}): instance n takes the parts written by instances n, n + p, n + 2p, ...
 */
public final class PushPreviousAggregateOperator extends AbstractStreamOperator<StagedEvent>
        implements OneInputStreamOperator<StagedEvent, StagedEvent>,
                BoundedOneInput,
                ProcessingTimeCallback {

    private static final Logger LOG = LoggerFactory.getLogger(PushPreviousAggregateOperator.class);
    private static final long SCAN_INTERVAL_MS = 1000;

    private final FilterProgram program;
    private final int patternIndex;
    private final AggregateProcessor processor;
    private final String mapsPath;

    private transient LinkedHashMap<String, TaskState> tasks;
    private transient ListState<TaskState> checkpointed;
    private transient StageOutput stageOutput;
    private transient String currentKey;
    private transient TaskStore store;
    private transient boolean restored;
    private transient AggregateMapsFile mapsFile;

    public PushPreviousAggregateOperator(FilterProgram program, int patternIndex) {
        this.program = program;
        this.patternIndex = patternIndex;
        this.processor = new AggregateProcessor(program.patterns().get(patternIndex));
        this.mapsPath = AggregatePattern.pipelineMapsPath(program.patterns());
        // arrival order matters here: run in the chain of the operator before, never behind a
        // rebalancing edge
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    private AggregatePattern pattern() {
        return processor.pattern();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        tasks = new LinkedHashMap<>();
        restored = context.isRestored();
        checkpointed =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "push-previous-tasks", TaskStateSerializer.INSTANCE));
        for (TaskState t : checkpointed.get()) {
            tasks.put(t.taskId, t);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpointed.update(new ArrayList<>(tasks.values()));
    }

    @Override
    public void open() throws Exception {
        super.open();
        program.open();
        processor.open(getMetricGroup());
        stageOutput = new StageOutput(program, patternIndex, pattern().timeoutTimestampField());
        stageOutput.setOutput(output);
        getMetricGroup().addGroup("aggregate").gauge("aggregate_maps", () -> tasks.size());
        store = new OrderedStore();
        if (mapsPath != null) {
            mapsFile = new AggregateMapsFile(mapsPath, pattern().taskId());
            loadMaps();
        }
        if (!pattern().eventTime()) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + SCAN_INTERVAL_MS, this);
        }
    }

    /**
     * A fresh start (no checkpoint or savepoint, first attempt) takes the maps a previous run
     * stored, in their order. Each part is read by one instance only, which deletes it at once.
     */
    private void loadMaps() throws Exception {
        var parts = mapsFile.parts();
        if (parts.isEmpty()) {
            return;
        }
        if (restored || getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
            LOG.info(
                    "Aggregate maps in {} not loaded: a restored or restarted job keeps its own"
                            + " state (the files are replaced when it closes)",
                    parts.values());
            return;
        }
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        List<java.nio.file.Path> mine = new ArrayList<>();
        parts.forEach(
                (writer, part) -> {
                    if (writer % parallelism == subtask) {
                        mine.add(part);
                    }
                });
        for (TaskState task : mapsFile.read(mine)) {
            tasks.remove(task.taskId); // a task read twice keeps its last place
            tasks.put(task.taskId, task);
        }
        AggregateMapsFile.deleteAll(mine);
    }

    /** Flink closes operators on cancel too: the maps still open are stored here. */
    @Override
    public void close() throws Exception {
        try {
            if (mapsFile != null && tasks != null) {
                mapsFile.store(
                        getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                        new ArrayList<>(tasks.values()));
            }
        } finally {
            super.close();
        }
    }

    @Override
    public void processElement(StreamRecord<StagedEvent> element) throws Exception {
        StagedEvent staged = element.getValue();
        if (!(program.code().get(staged.pc()) instanceof Instruction.Aggregate a)
                || a.patternIndex() != patternIndex) {
            stageOutput.forward(staged);
            return;
        }
        handle(staged.event(), staged.pc(), staged.key());
    }

    private void handle(Event event, int pc, String key) throws Exception {
        String saved = currentKey;
        currentKey = key;
        try {
            processor.process(event, pc, key, store, now(), this::resume);
        } finally {
            currentKey = saved;
        }
    }

    private void resume(Event event, int pc) throws Exception {
        stageOutput.resume(event, pc, currentKey, this::handle);
    }

    private Instant now() {
        return Instant.ofEpochMilli(getProcessingTimeService().getCurrentProcessingTime());
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (pattern().eventTime()) {
            expireBefore(Instant.ofEpochMilli(mark.getTimestamp()), false);
        }
        super.processWatermark(mark);
    }

    @Override
    public void onProcessingTime(long time) throws Exception {
        expireBefore(Instant.ofEpochMilli(time), false);
        // from now, not from this timer's time: a clock that jumps (a test harness, a long
        // pause) must not replay every missed scan
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(Math.max(time, now) + SCAN_INTERVAL_MS, this);
    }

    /** Pushes, in insertion order, every map whose deadline is before {@code ref}. */
    private void expireBefore(Instant ref, boolean all) throws Exception {
        List<TaskState> expired = new ArrayList<>();
        for (Iterator<Map.Entry<String, TaskState>> it = tasks.entrySet().iterator();
                it.hasNext(); ) {
            TaskState t = it.next().getValue();
            if (all || t.expiredAt(ref, pattern())) {
                expired.add(t);
                it.remove();
            }
        }
        for (TaskState t : expired) {
            boolean eventTime = pattern().eventTime();
            if (!all) {
                processor.countTimeout();
            }
            if (pattern().pushesOnTimeout()) {
                Instant at = eventTime ? t.deadline(pattern()) : now();
                String saved = currentKey;
                currentKey = t.taskId;
                try {
                    resume(
                            processor.timeoutEvent(t, at, all && !eventTime),
                            pattern().flushPc() + 1);
                } finally {
                    currentKey = saved;
                }
            }
        }
    }

    @Override
    public void endInput() throws Exception {
        for (int round = 0; round < 100 && !tasks.isEmpty(); round++) {
            expireBefore(Instant.MAX, true);
        }
    }

    /** The maps in insertion order, as Logstash's Ruby Hash keeps them. */
    private final class OrderedStore implements TaskStore {
        @Override
        public TaskState get() {
            return tasks.get(currentKey);
        }

        @Override
        public void put(TaskState state) {
            tasks.put(currentKey, state);
        }

        @Override
        public void remove() {
            tasks.remove(currentKey);
        }

        @Override
        public long count() {
            return tasks.size();
        }

        @Override
        public TaskState takeOldest() {
            Iterator<Map.Entry<String, TaskState>> it = tasks.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, TaskState> e = it.next();
                if (!e.getKey().equals(currentKey)) {
                    it.remove();
                    return e.getValue();
                }
            }
            return null;
        }
    }
}
