package io.logaggregate.job;

import io.logaggregate.event.Event;
import io.logaggregate.filter.Condition;
import io.logaggregate.filter.ConditionEvaluationException;
import io.logaggregate.io.OutputSpec;
import java.io.Serializable;
import java.util.List;

/**
 * An output plugin with the conditions that lead to it in the output section: every {@code when}
 * must hold and every {@code unless} must fail (the earlier branches of an if/else chain). {@code
 * uid} is its operator uid ({@link Uids#plugin}).
 */
public record OutputRoute(
        String name, OutputSpec output, List<Condition> when, List<Condition> unless, String uid)
        implements Serializable {

    /** An output known by its name ({@code output-<name>}). */
    public OutputRoute(
            String name, OutputSpec output, List<Condition> when, List<Condition> unless) {
        this(name, output, when, unless, "output-" + Uids.slug(name));
    }

    /**
     * Whether the event goes to this output. A condition that cannot be evaluated keeps the event
     * from every branch of its if/else (Logstash 8.16+), logged; other outputs still get it.
     */
    public boolean accepts(Event e) {
        try {
            return holds(e);
        } catch (ConditionEvaluationException bad) {
            bad.report("the conditions of output " + name, e);
            return false;
        }
    }

    private boolean holds(Event e) {
        for (Condition c : when) {
            if (!c.test(e)) {
                return false;
            }
        }
        for (Condition c : unless) {
            if (c.test(e)) {
                return false;
            }
        }
        return true;
    }

    public boolean unconditional() {
        return when.isEmpty() && unless.isEmpty();
    }
}
