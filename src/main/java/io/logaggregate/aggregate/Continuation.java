package io.logaggregate.aggregate;

import io.logaggregate.event.Event;

/**
 * An event the aggregate stage hands back to the filter program, to run on from instruction {@code
 * pc}: the event that reached the block, the events its code made, and the pushed maps.
 */
public record Continuation(Event event, int pc) {}
