package io.logaggregate.ruby;

import io.logaggregate.event.Event;
import org.jruby.Ruby;
import org.jruby.RubyException;
import org.jruby.exceptions.RaiseException;
import org.jruby.runtime.ThreadContext;
import org.jruby.runtime.builtin.IRubyObject;

/** What one call of fast code works on: the event, the task's map, and Ruby for the rare cases. */
final class FastCall {
    final Ruby runtime;
    final Event event;
    final MapEditor map;

    /** The lambda's self, the caller of the methods left to Ruby (as in the JRuby path). */
    final IRubyObject self;

    private final String where;
    private ThreadContext context;

    FastCall(Ruby runtime, Event event, MapEditor map, IRubyObject self, String where) {
        this.runtime = runtime;
        this.event = event;
        this.map = map;
        this.self = self;
        this.where = where;
    }

    ThreadContext context() {
        if (context == null) {
            context = runtime.getCurrentContext();
        }
        return context;
    }

    /** The exception the JRuby path reports for a Ruby exception raised at {@code line}. */
    RubyRaisedException raised(RaiseException e, int line) {
        RubyException ex = e.getException();
        return new RubyRaisedException(
                ex.getMetaClass().getRealClass().getName(),
                RubyEngine.messageOf(context(), ex),
                where,
                line,
                e);
    }

    /** A TypeError as {@link RubyEvent} raises it for an IllegalArgumentException of the event. */
    RubyRaisedException typeError(IllegalArgumentException e, int line) {
        return new RubyRaisedException("TypeError", e.getMessage(), where, line, e);
    }
}
