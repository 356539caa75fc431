package io.logaggregate.program;

import io.logaggregate.event.Event;
import io.logaggregate.filter.ConditionEvaluationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Interprets a {@link FilterProgram} for one event until it finishes or reaches an aggregate block
 * whose task id resolves. An aggregate whose task id does not resolve is skipped (the event passes
 * on untouched, as in Logstash). Extra events a filter makes (clone, split) continue after that
 * filter. Knows nothing of Flink: the stages decide where an event goes when the runner stops.
 */
public final class ProgramRunner {
    /** Where an event goes when the runner stops with it. */
    public interface Exit {
        /** The event ran past the last instruction and was not cancelled. */
        void finished(Event event);

        /** The event reached aggregate instruction {@code pc}; {@code key} is its task id. */
        void atAggregate(Event event, int pc, String key) throws Exception;
    }

    private final List<Instruction> code;

    public ProgramRunner(FilterProgram program) {
        this.code = program.code();
    }

    public void run(Event event, int pc, Exit exit) throws Exception {
        List<Object[]> extras = null;
        while (true) {
            if (event.isCancelled()) {
                break;
            }
            if (pc >= code.size()) {
                exit.finished(event);
                break;
            }
            Instruction ins = code.get(pc);
            if (ins instanceof Instruction.RunFilter f) {
                int next = pc + 1;
                List<Object[]> made = extras == null ? new ArrayList<>() : extras;
                f.filter().filter(event, e -> made.add(new Object[] {e, next}));
                extras = made.isEmpty() ? null : made;
                pc = next;
            } else if (ins instanceof Instruction.JumpUnless j) {
                boolean holds;
                try {
                    holds = j.condition().test(event);
                } catch (ConditionEvaluationException e) {
                    // Logstash 8.16+: neither branch; the event leaves the pipeline, logged
                    e.report(j.text(), event);
                    event.cancel();
                    continue;
                }
                pc = holds ? pc + 1 : j.target();
            } else if (ins instanceof Instruction.Jump j) {
                pc = j.target();
            } else if (ins instanceof Instruction.Aggregate a) {
                String key = event.sprintf(a.taskIdPattern());
                if (key.equals(a.taskIdPattern())) {
                    pc++;
                    continue;
                }
                exit.atAggregate(event, pc, key);
                break;
            }
        }
        if (extras != null) {
            for (Object[] x : extras) {
                run((Event) x[0], (Integer) x[1], exit);
            }
        }
    }
}
