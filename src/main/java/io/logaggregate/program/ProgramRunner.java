package io.logaggregate.program;

import io.logaggregate.event.Event;
import io.logaggregate.event.Sprintf;
import io.logaggregate.filter.ConditionEvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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

    /** Each aggregate instruction's task id template, read once (by pc; null elsewhere). */
    private final Sprintf.Template[] taskIds;

    public ProgramRunner(FilterProgram program) {
        this.code = program.code();
        this.taskIds = new Sprintf.Template[code.size()];
        for (int pc = 0; pc < code.size(); pc++) {
            if (code.get(pc) instanceof Instruction.Aggregate a) {
                taskIds[pc] = Sprintf.Template.of(a.taskIdPattern());
            }
        }
    }

    /**
     * Collects the extra events the filters of one run make, each with the pc after its filter. One
     * per run, made at the first filter (not a list and a lambda per filter call).
     */
    private static final class Extras implements Consumer<Event> {
        List<Object[]> made;
        int next;

        @Override
        public void accept(Event e) {
            if (made == null) {
                made = new ArrayList<>();
            }
            made.add(new Object[] {e, next});
        }
    }

    public void run(Event event, int pc, Exit exit) throws Exception {
        Extras extras = null;
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
                if (extras == null) {
                    extras = new Extras();
                }
                extras.next = pc + 1;
                f.filter().filter(event, extras);
                pc = extras.next;
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
                String key = taskIds[pc].format(event);
                if (key.equals(a.taskIdPattern())) {
                    pc++;
                    continue;
                }
                exit.atAggregate(event, pc, key);
                break;
            }
        }
        if (extras != null && extras.made != null) {
            for (Object[] x : extras.made) {
                run((Event) x[0], (Integer) x[1], exit);
            }
        }
    }
}
