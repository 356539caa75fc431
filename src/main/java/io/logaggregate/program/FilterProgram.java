package io.logaggregate.program;

import io.logaggregate.aggregate.AggregatePattern;
import java.io.Serializable;
import java.util.List;

/**
 * A compiled filter section: the flat instruction list and the aggregate task_id patterns in stage
 * order (each pattern is one stage of the job). Built on the client, shipped in the job graph.
 */
public final class FilterProgram implements Serializable {
    private final List<Instruction> code;
    private final List<AggregatePattern> patterns;

    public FilterProgram(List<Instruction> code, List<AggregatePattern> patterns) {
        this.code = List.copyOf(code);
        this.patterns = List.copyOf(patterns);
    }

    public List<Instruction> code() {
        return code;
    }

    /** The task_id patterns, in the order their stages run. */
    public List<AggregatePattern> patterns() {
        return patterns;
    }

    /** Opens every stateless filter (compiles regexes and the like). */
    public void open() throws Exception {
        for (Instruction i : code) {
            if (i instanceof Instruction.RunFilter f) {
                f.filter().open();
            }
        }
    }
}
