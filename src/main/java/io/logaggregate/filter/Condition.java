package io.logaggregate.filter;

import io.logaggregate.event.Event;
import java.io.Serializable;

/** A compiled if-condition. */
@FunctionalInterface
public interface Condition extends Serializable {
    boolean test(Event event);
}
