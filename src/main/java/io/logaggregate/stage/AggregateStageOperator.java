package io.logaggregate.stage;

import io.logaggregate.aggregate.AggregatePattern;
import io.logaggregate.aggregate.Continuation;
import io.logaggregate.aggregate.TaskLifecycle;
import io.logaggregate.aggregate.TaskStore;
import io.logaggregate.event.Event;
import io.logaggregate.program.EventAtBlock;
import io.logaggregate.program.FilterProgram;
import io.logaggregate.program.ProgramRunner;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the two aggregate stages share: the stage of one task_id pattern moves events between the
 * filter program and its {@link TaskLifecycle}. An event stopped at another stage's block passes
 * through; one at this stage's block goes to the lifecycle; what the lifecycle hands back runs on
 * through the program until it finishes ({@link StageRecords#FINISHED}), stops at a later stage's
 * block (main output), or stops at a block of this pattern again: for the same task it is handled
 * here at once, for another task id it cannot be (that task's state may live on another parallel
 * instance), so the block is skipped and the event tagged {@code _aggregatekeychanged}.
 *
 * <p>Subclasses say where tasks are kept ({@link #store()}) and when the clock expires them.
 */
public abstract class AggregateStageOperator extends AbstractStreamOperator<EventAtBlock>
        implements OneInputStreamOperator<EventAtBlock, EventAtBlock>, BoundedOneInput {

    private static final Logger LOG = LoggerFactory.getLogger(AggregateStageOperator.class);

    static final String TAG_KEY_CHANGED = "_aggregatekeychanged";

    protected final FilterProgram program;
    protected final int stage;
    protected final AggregatePattern pattern;
    protected final TaskLifecycle lifecycle;

    private transient ProgramRunner runner;
    private transient StageMetrics metrics;
    private transient long watermark;

    protected AggregateStageOperator(FilterProgram program, int stage) {
        this.program = program;
        this.stage = stage;
        this.pattern = program.patterns().get(stage);
        this.lifecycle = new TaskLifecycle(pattern);
    }

    /** The tasks of this parallel instance. */
    protected abstract TaskStore store();

    /** An event reached a block of this stage (the batch keyed stage holds it back). */
    protected abstract void onArrival(EventAtBlock event) throws Exception;

    @Override
    public void open() throws Exception {
        super.open();
        // as in FilterStage: JRuby torn down with the job's class loader; filter failures
        getRuntimeContext()
                .registerUserCodeClassLoaderReleaseHookIfAbsent(
                        "log-aggregate-jruby", io.logaggregate.ruby.RubyEngine::release);
        program.open();
        FilterMetrics.register(getMetricGroup(), program);
        runner = new ProgramRunner(program);
        watermark = Long.MIN_VALUE;
        metrics =
                new StageMetrics(getMetricGroup(), program.stageName(stage), () -> store().size());
        lifecycle.open(metrics);
    }

    /** This stage's metrics. */
    public StageMetrics metrics() {
        return metrics;
    }

    @Override
    public final void processElement(StreamRecord<EventAtBlock> element) throws Exception {
        EventAtBlock at = element.getValue();
        if (program.stageAt(at.pc()) != stage) {
            output.collect(StageRecords.record(at, at.event(), pattern));
            return;
        }
        if (pattern.eventTime() && element.hasTimestamp() && element.getTimestamp() <= watermark) {
            // the record's timestamp is the event's timeout_timestamp_field (StageRecords)
            metrics.lateEvents.inc();
        }
        onArrival(at);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        super.processWatermark(mark);
    }

    /** Hands an event at this stage's block to the lifecycle and runs on what comes back. */
    protected final void arrive(Event event, int pc, String taskId) throws Exception {
        runOn(lifecycle.arrive(event, pc, taskId, now(), store()), taskId);
    }

    /** Runs each continuation on through the program; {@code taskId} is the task they came from. */
    protected final void runOn(List<Continuation> continuations, String taskId) throws Exception {
        for (Continuation c : continuations) {
            runFrom(c.event(), c.pc(), taskId);
        }
    }

    private void runFrom(Event event, int pc, String taskId) throws Exception {
        runner.run(
                event,
                pc,
                new ProgramRunner.Exit() {
                    @Override
                    public void finished(Event e) {
                        output.collect(StageRecords.FINISHED, StageRecords.record(e, e, pattern));
                    }

                    @Override
                    public void atAggregate(Event e, int at, String key) throws Exception {
                        if (program.stageAt(at) != stage) {
                            output.collect(
                                    StageRecords.record(new EventAtBlock(e, at, key), e, pattern));
                        } else if (key.equals(taskId)) {
                            arrive(e, at, key);
                        } else {
                            LOG.warn(
                                    "Aggregate: task id changed from '{}' to '{}' between two"
                                            + " blocks of pattern '{}'; skipping the block",
                                    taskId,
                                    key,
                                    pattern.taskId());
                            e.tag(TAG_KEY_CHANGED);
                            runFrom(e, at + 1, taskId);
                        }
                    }
                });
    }

    protected final Instant now() {
        return Instant.ofEpochMilli(getProcessingTimeService().getCurrentProcessingTime());
    }
}
