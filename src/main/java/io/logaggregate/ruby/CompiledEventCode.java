package io.logaggregate.ruby;

import io.logaggregate.event.Event;
import org.jruby.Ruby;
import org.jruby.RubyProc;

/** A {@code timeout_code} lambda {@code |event|}. */
final class CompiledEventCode implements EventCode {
    private final RubyEngine engine;
    private final RubyProc lambda;
    private final String file;
    private final String where;

    CompiledEventCode(RubyEngine engine, RubyProc lambda, String file, String where) {
        this.engine = engine;
        this.lambda = lambda;
        this.file = file;
        this.where = where;
    }

    @Override
    public void call(Event event) throws RubyCodeException {
        Ruby runtime = engine.runtime();
        try {
            lambda.call(runtime.getCurrentContext(), RubyEvent.wrap(runtime, event));
        } catch (RuntimeException | StackOverflowError e) {
            throw engine.codeException(e, file, where);
        }
    }

    @Override
    public String toString() {
        return "timeout code at " + where;
    }
}
