package io.logaggregate.ruby;

import io.logaggregate.event.Event;
import java.util.function.Consumer;
import org.jruby.Ruby;
import org.jruby.RubyHash;
import org.jruby.RubyProc;
import org.jruby.exceptions.RaiseException;
import org.jruby.runtime.Block;
import org.jruby.runtime.CallBlock;
import org.jruby.runtime.Signature;
import org.jruby.runtime.ThreadContext;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * An aggregate {@code code} lambda. The task's packed map ({@link PackedMap}) is unpacked straight
 * into a real Ruby Hash for the call and the Hash packed back afterwards, also when the code
 * raised.
 *
 * <p>Why a real Hash rather than a Hash-like view over the stored map: code relies on full Hash
 * semantics ({@code ||=}, {@code <<} into a nested Array, {@code merge!}, {@code each}, {@code
 * select}, default values...) and on Ruby values (Integer arithmetic, Symbols, Time); only a real
 * {@link RubyHash} gives all of that. Between calls the map stays packed, which is what keeps an
 * open task small (a Ruby Hash held in state would cost several times more heap per task), and
 * leaves Flink state holding no Ruby object. Unpacking builds the Ruby Strings from the packed
 * UTF-8 bytes and packing copies their bytes back: no Java map and no UTF-16 decoding in between.
 */
final class CompiledAggregateCode implements AggregateCode {
    private final RubyEngine engine;
    private final RubyProc lambda;
    private final IRubyObject self;
    private final String file;
    private final String where;

    CompiledAggregateCode(
            RubyEngine engine, RubyProc lambda, IRubyObject self, String file, String where) {
        this.engine = engine;
        this.lambda = lambda;
        this.self = self;
        this.file = file;
        this.where = where;
    }

    /** The lambda's self (it holds {@code @logger}). */
    IRubyObject self() {
        return self;
    }

    @Override
    public void call(Event event, MapHolder map, MapMeta meta, Consumer<Event> newEvents)
            throws RubyCodeException {
        Ruby runtime = engine.runtime();
        ThreadContext context = runtime.getCurrentContext();
        RubyHash rubyMap = PackedMap.toRubyHash(runtime, map.packedMap());
        IRubyObject rubyMeta =
                meta == null ? context.nil : RubyMapMeta.wrap(runtime, meta, rubyMap);
        RubyCodeException failure = null;
        try {
            lambda.call(
                    context,
                    RubyEvent.wrap(runtime, event),
                    rubyMap,
                    rubyMeta,
                    newEventBlock(context, newEvents));
        } catch (RuntimeException | StackOverflowError e) {
            failure = engine.codeException(e, file, where);
        }
        // changes made before a raise stay, as in Logstash where the map is the Hash itself
        try {
            map.packedMap(PackedMap.fromRubyHash(rubyMap));
        } catch (RaiseException e) {
            if (failure == null) {
                failure = engine.codeException(e, file, where);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The block behind {@code &new_event_block}: hands each event to {@code newEvents}. */
    private Block newEventBlock(ThreadContext context, Consumer<Event> newEvents) {
        return CallBlock.newCallClosure(
                context,
                self,
                Signature.ONE_ARGUMENT,
                (ctx, args, block) -> {
                    IRubyObject arg = args.length == 0 ? ctx.nil : args[0];
                    Event e;
                    if (arg instanceof RubyEvent re) {
                        e = re.event();
                    } else if (arg instanceof RubyHash hash) {
                        e = Event.fromMap(RubyValues.toJavaMap(hash), java.time.Instant.now());
                    } else {
                        throw ctx.runtime.newTypeError(
                                "wrong argument type "
                                        + arg.getMetaClass()
                                        + " (expected LogStash::Event)");
                    }
                    if (newEvents == null) {
                        throw ctx.runtime.newArgumentError("new_event_block cannot be used here");
                    }
                    newEvents.accept(e);
                    return ctx.nil;
                });
    }

    @Override
    public String toString() {
        return "aggregate code at " + where;
    }
}
