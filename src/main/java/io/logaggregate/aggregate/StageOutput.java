package io.logaggregate.aggregate;

import io.logaggregate.event.Event;
import io.logaggregate.event.Timestamps;
import io.logaggregate.program.FilterProgram;
import io.logaggregate.program.Instruction;
import io.logaggregate.program.ProgramRunner;
import io.logaggregate.program.StagedEvent;
import java.time.Instant;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an aggregate stage sends events after its block: on through the program; events that finish
 * go to the {@link #DONE} side output (straight to the outputs), events that reach a later
 * pattern's block go downstream keyed by their task id, and events that reach another block of this
 * stage's own pattern, for the same task, are handled here at once.
 */
final class StageOutput {
    private static final Logger LOG = LoggerFactory.getLogger(StageOutput.class);

    static final OutputTag<Event> DONE = ProgramRunner.DONE;

    static final String TAG_KEY_CHANGED = "_aggregatekeychanged";

    /** Handles an event reaching a block of this stage's pattern for the current task. */
    interface SamePattern {
        void handle(Event event, int pc, String key) throws Exception;
    }

    private final FilterProgram program;
    private final ProgramRunner runner;
    private final int patternIndex;
    private final String timestampField;
    private Output<StreamRecord<StagedEvent>> output;

    StageOutput(FilterProgram program, int patternIndex, String timestampField) {
        this.program = program;
        this.runner = new ProgramRunner(program);
        this.patternIndex = patternIndex;
        this.timestampField = timestampField;
    }

    void setOutput(Output<StreamRecord<StagedEvent>> output) {
        this.output = output;
    }

    /** Runs {@code event} from {@code pc}; {@code currentKey} is the task this stage holds. */
    void resume(Event event, int pc, String currentKey, SamePattern same) throws Exception {
        runner.run(
                event,
                pc,
                new ProgramRunner.Exit() {
                    @Override
                    public void finished(Event e) {
                        output.collect(DONE, record(e));
                    }

                    @Override
                    public void atAggregate(Event e, int at, String key) throws Exception {
                        Instruction.Aggregate a = (Instruction.Aggregate) program.code().get(at);
                        if (a.patternIndex() != patternIndex) {
                            output.collect(record(new StagedEvent(e, at, key), e));
                        } else if (key.equals(currentKey)) {
                            same.handle(e, at, key);
                        } else {
                            // The key changed between two blocks of one pattern: the task's
                            // state lives on another parallel instance we cannot reach here.
                            LOG.warn(
                                    "Aggregate: task id changed from '{}' to '{}' between two"
                                            + " blocks of pattern '{}'; skipping the block",
                                    currentKey,
                                    key,
                                    a.taskIdPattern());
                            e.tag(TAG_KEY_CHANGED);
                            resume(e, at + 1, currentKey, same);
                        }
                    }
                });
    }

    /** Forwards an event bound for a later stage unchanged. */
    void forward(StagedEvent staged) {
        output.collect(record(staged, staged.event()));
    }

    private StreamRecord<Event> record(Event e) {
        Long ts = timestampOf(e);
        return ts == null ? new StreamRecord<>(e) : new StreamRecord<>(e, ts);
    }

    private <T> StreamRecord<T> record(T value, Event e) {
        Long ts = timestampOf(e);
        return ts == null ? new StreamRecord<>(value) : new StreamRecord<>(value, ts);
    }

    private Long timestampOf(Event e) {
        Instant i = Timestamps.of(timestampField != null ? e.get(timestampField) : e.timestamp());
        return i == null ? null : i.toEpochMilli();
    }
}
