package io.logaggregate.ruby;

import io.logaggregate.event.Timestamps;
import java.time.Instant;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.jruby.Ruby;
import org.jruby.RubyClass;
import org.jruby.RubyFixnum;
import org.jruby.RubyFloat;
import org.jruby.RubyModule;
import org.jruby.RubyObject;
import org.jruby.RubyString;
import org.jruby.RubyTime;
import org.jruby.anno.JRubyClass;
import org.jruby.anno.JRubyMethod;
import org.jruby.runtime.ThreadContext;
import org.jruby.runtime.Visibility;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * {@code LogStash::Timestamp}: how an event's {@link Instant} values look to Ruby code, with the
 * methods Logstash's own class has ({@code time}, {@code to_i}, {@code to_f}, {@code to_s} ISO8601
 * UTC milliseconds, comparison, {@code -} giving seconds).
 */
@JRubyClass(name = "Timestamp")
public final class RubyTimestamp extends RubyObject {
    /** Set when the class is defined; there is one Ruby runtime per class loader. */
    private static volatile RubyClass rubyClass;

    private Instant instant = Instant.now();

    private RubyTimestamp(Ruby runtime, RubyClass klass) {
        super(runtime, klass);
    }

    static RubyClass define(Ruby runtime, RubyModule logstash) {
        RubyClass klass =
                logstash.defineClassUnder("Timestamp", runtime.getObject(), RubyTimestamp::new);
        klass.includeModule(runtime.getComparable());
        klass.defineAnnotatedMethods(RubyTimestamp.class);
        rubyClass = klass;
        return klass;
    }

    public static RubyTimestamp newTimestamp(Ruby runtime, Instant instant) {
        RubyTimestamp ts = new RubyTimestamp(runtime, rubyClass);
        ts.instant = instant;
        return ts;
    }

    public Instant instant() {
        return instant;
    }

    /** A Ruby Time in UTC for an instant (nanosecond precision kept). */
    static RubyTime rubyTime(Ruby runtime, Instant instant) {
        long millis = instant.toEpochMilli();
        long nanosBeyondMillis = instant.getNano() % 1_000_000;
        return RubyTime.newTime(runtime, new DateTime(millis, DateTimeZone.UTC), nanosBeyondMillis);
    }

    /** An Instant for a Ruby Time or Timestamp, or null for anything else. */
    static Instant toInstant(IRubyObject value) {
        if (value instanceof RubyTimestamp ts) {
            return ts.instant;
        }
        if (value instanceof RubyTime t) {
            return t.toInstant();
        }
        return null;
    }

    // ------------------------------------------------------------------ class methods

    @JRubyMethod(optional = 1, visibility = Visibility.PRIVATE)
    public IRubyObject initialize(ThreadContext context, IRubyObject[] args) {
        if (args.length == 0 || args[0].isNil()) {
            instant = Instant.now();
            return context.nil;
        }
        Instant given = toInstant(args[0]);
        if (given == null) {
            throw context.runtime.newTypeError(
                    "wrong argument type " + args[0].getMetaClass() + " (expected Time)");
        }
        instant = given;
        return context.nil;
    }

    @JRubyMethod(name = "now", meta = true)
    public static IRubyObject now(ThreadContext context, IRubyObject self) {
        return newTimestamp(context.runtime, Instant.now());
    }

    @JRubyMethod(name = "at", meta = true, required = 1, optional = 1)
    public static IRubyObject at(ThreadContext context, IRubyObject self, IRubyObject[] args) {
        IRubyObject time = context.runtime.getTime().callMethod(context, "at", args);
        return newTimestamp(context.runtime, toInstant(time));
    }

    @JRubyMethod(name = "parse_iso8601", meta = true)
    public static IRubyObject parseIso8601(
            ThreadContext context, IRubyObject self, IRubyObject text) {
        Instant parsed = Timestamps.parseIso(text.asString().asJavaString());
        if (parsed == null) {
            throw context.runtime.newArgumentError("invalid timestamp: " + text.inspect());
        }
        return newTimestamp(context.runtime, parsed);
    }

    /** Logstash's {@code Timestamp.coerce}: a Timestamp, Time or ISO8601 String; else nil. */
    @JRubyMethod(name = "coerce", meta = true)
    public static IRubyObject coerce(ThreadContext context, IRubyObject self, IRubyObject value) {
        if (value instanceof RubyTimestamp) {
            return value;
        }
        Instant i = toInstant(value);
        if (i == null && value instanceof RubyString s) {
            i = Timestamps.parseIso(s.asJavaString());
        }
        return i == null ? context.nil : newTimestamp(context.runtime, i);
    }

    // ------------------------------------------------------------------ instance methods

    @JRubyMethod(name = "time")
    public IRubyObject time(ThreadContext context) {
        return rubyTime(context.runtime, instant);
    }

    @JRubyMethod(name = {"utc", "gmtime"})
    public IRubyObject utc(ThreadContext context) {
        return this;
    }

    @JRubyMethod(name = {"to_i", "tv_sec"})
    public IRubyObject toI(ThreadContext context) {
        return RubyFixnum.newFixnum(context.runtime, instant.getEpochSecond());
    }

    @JRubyMethod(name = "to_f")
    public IRubyObject toF(ThreadContext context) {
        return RubyFloat.newFloat(
                context.runtime, instant.getEpochSecond() + instant.getNano() / 1e9);
    }

    @JRubyMethod(name = {"usec", "tv_usec"})
    public IRubyObject usec(ThreadContext context) {
        return RubyFixnum.newFixnum(context.runtime, instant.getNano() / 1000);
    }

    @JRubyMethod(name = {"nsec", "tv_nsec"})
    public IRubyObject nsec(ThreadContext context) {
        return RubyFixnum.newFixnum(context.runtime, instant.getNano());
    }

    @JRubyMethod(name = "year")
    public IRubyObject year(ThreadContext context) {
        return RubyFixnum.newFixnum(
                context.runtime, instant.atOffset(java.time.ZoneOffset.UTC).getYear());
    }

    @JRubyMethod(name = {"to_s", "to_iso8601", "inspect"})
    public IRubyObject toS(ThreadContext context) {
        return RubyString.newString(context.runtime, Timestamps.format(instant));
    }

    @JRubyMethod(name = "to_json", rest = true)
    public IRubyObject toJson(ThreadContext context, IRubyObject[] args) {
        return RubyString.newString(context.runtime, "\"" + Timestamps.format(instant) + "\"");
    }

    @JRubyMethod(name = "<=>")
    public IRubyObject compare(ThreadContext context, IRubyObject other) {
        Instant o = toInstant(other);
        return o == null
                ? context.nil
                : RubyFixnum.newFixnum(context.runtime, instant.compareTo(o));
    }

    @JRubyMethod(name = {"==", "eql?"})
    public IRubyObject equal(ThreadContext context, IRubyObject other) {
        return context.runtime.newBoolean(
                other instanceof RubyTimestamp ts && ts.instant.equals(instant));
    }

    @JRubyMethod(name = "hash")
    public IRubyObject rubyHash(ThreadContext context) {
        return RubyFixnum.newFixnum(context.runtime, instant.hashCode());
    }

    /** As Logstash: works on the Ruby Time, so Timestamp - Timestamp is a Float of seconds. */
    @JRubyMethod(name = "-")
    public IRubyObject minus(ThreadContext context, IRubyObject other) {
        IRubyObject arg = other instanceof RubyTimestamp ts ? ts.time(context) : other;
        return time(context).callMethod(context, "-", arg);
    }

    @JRubyMethod(name = "+")
    public IRubyObject plus(ThreadContext context, IRubyObject other) {
        return time(context).callMethod(context, "+", other);
    }

    @Override
    public String toString() {
        return Timestamps.format(instant);
    }
}
