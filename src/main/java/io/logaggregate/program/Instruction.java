package io.logaggregate.program;

import io.logaggregate.filter.Condition;
import io.logaggregate.filter.Filter;
import java.io.Serializable;

/**
 * One step of a compiled filter section. Logstash's conditionals only ever jump forward, so a
 * program is a flat list run from a program counter; an event that has to wait for a keyed
 * aggregate stage carries its counter across the network ({@link EventAtBlock}).
 */
public sealed interface Instruction extends Serializable {

    /** Runs a stateless filter. */
    record RunFilter(Filter filter, String name) implements Instruction {}

    /** Jumps to {@code target} unless the condition holds. */
    record JumpUnless(Condition condition, int target, String text) implements Instruction {}

    /** Jumps to {@code target}. */
    record Jump(int target) implements Instruction {}

    /** An aggregate block: handled by the stage of pattern {@code patternIndex}. */
    record Aggregate(int blockIndex, int patternIndex, String taskIdPattern)
            implements Instruction {}
}
