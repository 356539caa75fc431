package io.logaggregate.job;

import io.logaggregate.event.Event;
import io.logaggregate.filter.Condition;
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

    public boolean accepts(Event e) {
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
