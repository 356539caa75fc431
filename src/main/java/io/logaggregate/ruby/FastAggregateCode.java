package io.logaggregate.ruby;

import io.logaggregate.event.Event;
import java.util.List;
import java.util.function.Consumer;
import org.jruby.exceptions.RaiseException;

/**
 * An aggregate {@code code} snippet run without the Ruby bridge: the statements ({@link
 * FastCodeCompiler} says which are taken) work on the task's packed map ({@link MapEditor}) and on
 * the Java event directly, instead of building a Ruby Hash from the map and packing it back on
 * every call. Results are those of the JRuby path ({@link CompiledAggregateCode}), byte for byte:
 * the map, the event, cancel, and the exception with its Ruby class, message and line.
 *
 * <p>The JRuby path still runs the call when Ruby code has redefined a core method the fast code
 * stands for ({@link CoreMethodGuard}: Hash#[]=, Array#<<, Event#get...), or when the map holds a
 * value nested too deeply to handle here.
 */
final class FastAggregateCode implements AggregateCode {
    private final RubyEngine engine;
    private final CompiledAggregateCode jruby;
    private final FastStatement[] program;
    private final String file;
    private final String where;

    FastAggregateCode(
            RubyEngine engine,
            CompiledAggregateCode jruby,
            List<FastStatement> program,
            String file,
            String where) {
        this.engine = engine;
        this.jruby = jruby;
        this.program = program.toArray(new FastStatement[0]);
        this.file = file;
        this.where = where;
    }

    @Override
    public void call(Event event, MapHolder map, MapMeta meta, Consumer<Event> newEvents)
            throws RubyCodeException {
        if (!engine.coreMethodsIntact()) {
            jruby.call(event, map, meta, newEvents);
            return;
        }
        byte[] packed = map.packedMap();
        MapEditor m = MapEditor.open(engine.runtime(), packed);
        if (m == null) {
            jruby.call(event, map, meta, newEvents);
            return;
        }
        FastCall c = new FastCall(engine.runtime(), event, m, jruby.self(), where);
        RubyCodeException failure = null;
        try {
            for (FastStatement s : program) {
                s.run(c);
            }
        } catch (RubyCodeException e) {
            failure = e;
        } catch (RuntimeException | StackOverflowError e) {
            failure = engine.codeException(e, file, where);
        }
        // changes made before a raise stay, as on the JRuby path
        try {
            byte[] changed = m.commit();
            if (changed != packed) {
                map.packedMap(changed);
            }
        } catch (RaiseException e) {
            if (failure == null) {
                failure = engine.codeException(e, file, where);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "aggregate code at " + where + " (fast path)";
    }
}
