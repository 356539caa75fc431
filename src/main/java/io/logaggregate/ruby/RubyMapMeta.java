package io.logaggregate.ruby;

import java.time.Instant;
import org.jruby.Ruby;
import org.jruby.RubyClass;
import org.jruby.RubyFixnum;
import org.jruby.RubyFloat;
import org.jruby.RubyInteger;
import org.jruby.RubyModule;
import org.jruby.RubyObject;
import org.jruby.RubyString;
import org.jruby.anno.JRubyClass;
import org.jruby.anno.JRubyMethod;
import org.jruby.runtime.ThreadContext;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * The {@code map_meta} object of an aggregate {@code code} (Logstash's {@code Element}): reads and
 * writes go straight to the Java {@link MapMeta}. Times are Ruby {@code Time}s (UTC), as Logstash's
 * Element holds them; timeouts are Integers or nil.
 */
@JRubyClass(name = "MapMeta")
public final class RubyMapMeta extends RubyObject {
    private static volatile RubyClass rubyClass;

    private MapMeta meta;
    private IRubyObject map;

    private RubyMapMeta(Ruby runtime, RubyClass klass) {
        super(runtime, klass);
    }

    static RubyClass define(Ruby runtime, RubyModule module) {
        RubyClass klass = module.defineClassUnder("MapMeta", runtime.getObject(), RubyMapMeta::new);
        klass.defineAnnotatedMethods(RubyMapMeta.class);
        rubyClass = klass;
        return klass;
    }

    /** The Ruby view of {@code meta}; {@code map} is what {@code map_meta.map} returns. */
    static RubyMapMeta wrap(Ruby runtime, MapMeta meta, IRubyObject map) {
        RubyMapMeta m = new RubyMapMeta(runtime, rubyClass);
        m.meta = meta;
        m.map = map;
        return m;
    }

    @JRubyMethod(name = "timeout")
    public IRubyObject timeout(ThreadContext context) {
        return seconds(context, meta.getTimeout());
    }

    @JRubyMethod(name = "timeout=")
    public IRubyObject setTimeout(ThreadContext context, IRubyObject value) {
        meta.setTimeout(toSeconds(context, value));
        return value;
    }

    @JRubyMethod(name = "inactivity_timeout")
    public IRubyObject inactivityTimeout(ThreadContext context) {
        return seconds(context, meta.getInactivityTimeout());
    }

    @JRubyMethod(name = "inactivity_timeout=")
    public IRubyObject setInactivityTimeout(ThreadContext context, IRubyObject value) {
        meta.setInactivityTimeout(toSeconds(context, value));
        return value;
    }

    @JRubyMethod(name = "creation_timestamp")
    public IRubyObject creationTimestamp(ThreadContext context) {
        return time(context, meta.getCreationTimestamp());
    }

    @JRubyMethod(name = "creation_timestamp=")
    public IRubyObject setCreationTimestamp(ThreadContext context, IRubyObject value) {
        meta.setCreationTimestamp(toInstant(context, value));
        return value;
    }

    @JRubyMethod(name = "lastevent_timestamp")
    public IRubyObject lasteventTimestamp(ThreadContext context) {
        return time(context, meta.getLasteventTimestamp());
    }

    @JRubyMethod(name = "lastevent_timestamp=")
    public IRubyObject setLasteventTimestamp(ThreadContext context, IRubyObject value) {
        meta.setLasteventTimestamp(toInstant(context, value));
        return value;
    }

    @JRubyMethod(name = "task_id")
    public IRubyObject taskId(ThreadContext context) {
        String id = meta.getTaskId();
        return id == null ? context.nil : RubyString.newString(context.runtime, id);
    }

    @JRubyMethod(name = "task_id=")
    public IRubyObject setTaskId(ThreadContext context, IRubyObject value) {
        meta.setTaskId(value.isNil() ? null : value.asString().asJavaString());
        return value;
    }

    /** The same Hash the code gets as {@code map} (Logstash's {@code Element#map}). */
    @JRubyMethod(name = "map")
    public IRubyObject map(ThreadContext context) {
        return map == null ? context.nil : map;
    }

    @JRubyMethod(name = "inspect")
    public IRubyObject inspect(ThreadContext context) {
        return RubyString.newString(
                context.runtime,
                "#<MapMeta task_id="
                        + meta.getTaskId()
                        + " timeout="
                        + meta.getTimeout()
                        + " inactivity_timeout="
                        + meta.getInactivityTimeout()
                        + " creation_timestamp="
                        + meta.getCreationTimestamp()
                        + " lastevent_timestamp="
                        + meta.getLasteventTimestamp()
                        + ">");
    }

    private static IRubyObject seconds(ThreadContext context, Long value) {
        return value == null ? context.nil : RubyFixnum.newFixnum(context.runtime, value);
    }

    /**
     * Whole seconds for the Java bean. A fraction is rounded up so that a small positive timeout
     * never turns into 0, which means "expire now".
     */
    private static Long toSeconds(ThreadContext context, IRubyObject value) {
        if (value.isNil()) {
            return null;
        }
        if (value instanceof RubyInteger i) {
            return i.getLongValue();
        }
        if (value instanceof RubyFloat f) {
            return (long) Math.ceil(f.getDoubleValue());
        }
        throw context.runtime.newTypeError(
                "wrong argument type " + value.getMetaClass() + " (expected Integer)");
    }

    private static IRubyObject time(ThreadContext context, Instant instant) {
        return instant == null ? context.nil : RubyTimestamp.rubyTime(context.runtime, instant);
    }

    private static Instant toInstant(ThreadContext context, IRubyObject value) {
        if (value.isNil()) {
            return null;
        }
        Instant i = RubyTimestamp.toInstant(value);
        if (i == null) {
            throw context.runtime.newTypeError(
                    "wrong argument type " + value.getMetaClass() + " (expected Time)");
        }
        return i;
    }
}
