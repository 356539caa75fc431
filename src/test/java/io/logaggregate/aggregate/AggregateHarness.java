package io.logaggregate.aggregate;

import io.logaggregate.config.ConfigParser;
import io.logaggregate.event.Event;
import io.logaggregate.job.CompiledPipeline;
import io.logaggregate.job.PipelineCompiler;
import io.logaggregate.program.EventAtBlock;
import io.logaggregate.program.FilterProgram;
import io.logaggregate.program.ProgramRunner;
import io.logaggregate.stage.AggregateStageOperator;
import io.logaggregate.stage.EventAtBlockTypeInfo;
import io.logaggregate.stage.KeyedAggregateOperator;
import io.logaggregate.stage.PushPreviousAggregateOperator;
import io.logaggregate.stage.StageRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/**
 * Drives the first aggregate stage of a pipeline's filter section through Flink's operator test
 * harness: events go through the stateless filters first (as in the job), then into the stage;
 * {@link #done()} collects the events that finished the filter section.
 */
final class AggregateHarness implements AutoCloseable {
    final FilterProgram program;
    final OneInputStreamOperatorTestHarness<EventAtBlock, EventAtBlock> harness;
    final AggregateStageOperator operator;
    private final ProgramRunner runner;
    private final List<Event> passedBy = new ArrayList<>();

    private AggregateHarness(FilterProgram program, boolean batch, MockEnvironment env)
            throws Exception {
        this(program, batch, env, null);
    }

    private AggregateHarness(
            FilterProgram program,
            boolean batch,
            MockEnvironment env,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        this.program = program;
        this.runner = new ProgramRunner(program);
        if (program.patterns().get(0).pushPreviousMapAsEvent()) {
            PushPreviousAggregateOperator op = new PushPreviousAggregateOperator(program, 0);
            operator = op;
            harness =
                    env == null
                            ? new OneInputStreamOperatorTestHarness<>(op)
                            : new OneInputStreamOperatorTestHarness<>(op, env);
        } else {
            KeyedAggregateOperator op = new KeyedAggregateOperator(program, 0, batch);
            operator = op;
            harness =
                    env == null
                            ? new KeyedOneInputStreamOperatorTestHarness<>(
                                    op, EventAtBlock::taskId, Types.STRING)
                            : new KeyedOneInputStreamOperatorTestHarness<>(
                                    op, EventAtBlock::taskId, Types.STRING, env);
        }
        harness.setup(
                EventAtBlockTypeInfo.INSTANCE.createSerializer(
                        harness.getExecutionConfig().getSerializerConfig()));
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    /** A harness for the filter section of {@code filters} (the text inside filter { }). */
    static AggregateHarness of(String filters) throws Exception {
        return of(filters, false);
    }

    static AggregateHarness of(String filters, boolean batch) throws Exception {
        return of(filters, batch, null);
    }

    /** A harness for the parallel instance {@code env} describes (job, parallelism, index). */
    static AggregateHarness of(String filters, MockEnvironment env) throws Exception {
        return of(filters, false, env);
    }

    /** A harness whose stage starts from a snapshot of another one ({@link #snapshot()}). */
    static AggregateHarness restored(String filters, OperatorSubtaskState state) throws Exception {
        return new AggregateHarness(compile(filters), false, null, state);
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1, 1);
    }

    private static AggregateHarness of(String filters, boolean batch, MockEnvironment env)
            throws Exception {
        return new AggregateHarness(compile(filters), batch, env);
    }

    private static FilterProgram compile(String filters) {
        String text = "input { stdin {} }\nfilter {\n" + filters + "\n}\noutput { stdout {} }\n";
        CompiledPipeline p =
                PipelineCompiler.compile(
                        ConfigParser.parse("test.conf", text, Map.of()), Path.of("."));
        return p.program();
    }

    /** An event with these fields (and @timestamp now unless given). */
    static Event event(Object... kv) {
        Event e = new Event();
        for (int i = 0; i < kv.length; i += 2) {
            e.set((String) kv[i], kv[i + 1]);
        }
        return e;
    }

    /** Sends an event through the filters and into the stage (record time: its @timestamp). */
    void send(Event e) throws Exception {
        List<EventAtBlock> staged = new ArrayList<>();
        runner.run(
                e,
                0,
                new ProgramRunner.Exit() {
                    @Override
                    public void finished(Event ev) {
                        passedBy.add(ev);
                    }

                    @Override
                    public void atAggregate(Event ev, int pc, String key) {
                        staged.add(new EventAtBlock(ev, pc, key));
                    }
                });
        for (EventAtBlock s : staged) {
            harness.processElement(new StreamRecord<>(s, s.event().timestamp().toEpochMilli()));
        }
    }

    void watermark(Instant t) throws Exception {
        harness.processWatermark(new Watermark(t.toEpochMilli()));
    }

    void processingTime(long ms) throws Exception {
        harness.setProcessingTime(ms);
    }

    void endInput() throws Exception {
        harness.endInput();
    }

    /** Keyed state entries of the stage (task state and batch buffer), 0 for push-previous. */
    int keyedStateEntries() {
        return harness instanceof KeyedOneInputStreamOperatorTestHarness<?, ?, ?> k
                ? k.numKeyedStateEntries()
                : 0;
    }

    /** Timers of the keyed stage (event and processing time). */
    int timers() {
        return harness.numEventTimeTimers() + harness.numProcessingTimeTimers();
    }

    /** The stage's {@code open_tasks} gauge. */
    long openTasksGauge() {
        return operator.metrics().openTasks.getValue();
    }

    /** Events that left through the filter section's end, in order. */
    List<Event> done() {
        List<Event> out = new ArrayList<>(passedBy);
        ConcurrentLinkedQueue<StreamRecord<Event>> side =
                harness.getSideOutput(StageRecords.FINISHED);
        if (side != null) {
            for (StreamRecord<Event> r : side) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
