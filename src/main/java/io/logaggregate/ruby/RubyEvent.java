package io.logaggregate.ruby;

import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import io.logaggregate.event.Values;
import java.time.Instant;
import java.util.Map;
import org.jruby.Ruby;
import org.jruby.RubyClass;
import org.jruby.RubyHash;
import org.jruby.RubyModule;
import org.jruby.RubyObject;
import org.jruby.RubyString;
import org.jruby.RubySymbol;
import org.jruby.anno.JRubyClass;
import org.jruby.anno.JRubyMethod;
import org.jruby.java.proxies.JavaProxy;
import org.jruby.javasupport.JavaUtil;
import org.jruby.runtime.ThreadContext;
import org.jruby.runtime.Visibility;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * {@code LogStash::Event}: Logstash's Ruby Event API over a Java {@link Event}. Changes go straight
 * to the Java event, so they stay even when the code raises afterwards. Values read are copies
 * ({@code event.get('tags') << 'x'} does not change the event until it is {@code set} back), as in
 * Logstash.
 */
@JRubyClass(name = "Event")
public final class RubyEvent extends RubyObject {
    private static volatile RubyClass rubyClass;

    private Event event;

    private RubyEvent(Ruby runtime, RubyClass klass) {
        super(runtime, klass);
    }

    static RubyClass define(Ruby runtime, RubyModule logstash) {
        RubyClass klass = logstash.defineClassUnder("Event", runtime.getObject(), RubyEvent::new);
        klass.defineAnnotatedMethods(RubyEvent.class);
        klass.setConstant("TIMESTAMP", runtime.newString(Event.TIMESTAMP));
        klass.setConstant("VERSION", runtime.newString(Event.VERSION));
        klass.setConstant("VERSION_ONE", runtime.newString("1"));
        klass.setConstant("METADATA", runtime.newString(Event.METADATA));
        klass.setConstant("TIMESTAMP_FAILURE_TAG", runtime.newString("_timestampparsefailure"));
        klass.setConstant("TIMESTAMP_FAILURE_FIELD", runtime.newString("_@timestamp"));
        rubyClass = klass;
        return klass;
    }

    /** The Ruby view of a Java event (no copy). */
    public static RubyEvent wrap(Ruby runtime, Event event) {
        RubyEvent e = new RubyEvent(runtime, rubyClass);
        e.event = event;
        return e;
    }

    /** The Java event behind this Ruby object. */
    public Event event() {
        return event;
    }

    // ------------------------------------------------------------------ construction

    /** {@code LogStash::Event.new} and {@code LogStash::Event.new(hash)}. */
    @JRubyMethod(optional = 1, visibility = Visibility.PRIVATE)
    public IRubyObject initialize(ThreadContext context, IRubyObject[] args) {
        IRubyObject data = args.length == 0 ? context.nil : args[0];
        if (data.isNil()) {
            event = new Event();
        } else if (data instanceof RubyHash hash) {
            event = Event.fromMap(RubyValues.toJavaMap(hash), Instant.now());
        } else if (data instanceof JavaProxy proxy && proxy.getObject() instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, ?> plain = (Map<String, ?>) Values.normalize(m);
            event = Event.fromMap(plain, Instant.now());
        } else {
            throw context.runtime.newTypeError(
                    "wrong argument type " + data.getMetaClass() + " (expected Hash)");
        }
        return context.nil;
    }

    @JRubyMethod(name = {"clone", "dup"})
    public IRubyObject rubyClone(ThreadContext context) {
        return wrap(context.runtime, event.copy());
    }

    // ------------------------------------------------------------------ fields

    @JRubyMethod(name = {"get", "[]"})
    public IRubyObject get(ThreadContext context, IRubyObject ref) {
        return RubyValues.toRuby(context.runtime, event.get(fieldRef(context, ref)));
    }

    @JRubyMethod(name = {"set", "[]="})
    public IRubyObject set(ThreadContext context, IRubyObject ref, IRubyObject value) {
        FieldRef field = fieldRef(context, ref);
        Object plain = RubyValues.toJava(value);
        try {
            event.set(field, plain);
        } catch (IllegalArgumentException e) {
            throw context.runtime.newTypeError(e.getMessage());
        }
        return value;
    }

    @JRubyMethod(name = "remove")
    public IRubyObject remove(ThreadContext context, IRubyObject ref) {
        return RubyValues.toRuby(context.runtime, event.remove(fieldRef(context, ref)));
    }

    @JRubyMethod(name = "include?")
    public IRubyObject include(ThreadContext context, IRubyObject ref) {
        return context.runtime.newBoolean(event.includes(fieldRef(context, ref)));
    }

    /** {@code Event#append}: merges another event's fields into this one ({@link Event#append}). */
    @JRubyMethod(name = "append")
    public IRubyObject append(ThreadContext context, IRubyObject other) {
        if (!(other instanceof RubyEvent e)) {
            throw context.runtime.newTypeError(
                    "wrong argument type " + other.getMetaClass() + " (expected LogStash::Event)");
        }
        event.append(e.event);
        return this;
    }

    /** Adds a tag unless it is there ({@code Event#tag}). */
    @JRubyMethod(name = "tag")
    public IRubyObject tag(ThreadContext context, IRubyObject tag) {
        event.tag(tag.asString().asJavaString());
        return context.nil;
    }

    @JRubyMethod(name = "cancel")
    public IRubyObject cancel(ThreadContext context) {
        event.cancel();
        return context.tru;
    }

    @JRubyMethod(name = "uncancel")
    public IRubyObject uncancel(ThreadContext context) {
        event.uncancel();
        return context.fals;
    }

    @JRubyMethod(name = "cancelled?")
    public IRubyObject cancelled(ThreadContext context) {
        return context.runtime.newBoolean(event.isCancelled());
    }

    @JRubyMethod(name = "timestamp")
    public IRubyObject timestamp(ThreadContext context) {
        Instant ts = event.timestamp();
        return ts == null ? context.nil : RubyTimestamp.newTimestamp(context.runtime, ts);
    }

    @JRubyMethod(name = "timestamp=")
    public IRubyObject setTimestamp(ThreadContext context, IRubyObject value) {
        Instant ts = RubyTimestamp.toInstant(value);
        if (ts == null) {
            throw context.runtime.newTypeError(
                    "wrong argument type "
                            + value.getMetaClass()
                            + " (expected LogStash::Timestamp)");
        }
        event.setTimestamp(ts);
        return value;
    }

    @JRubyMethod(name = "sprintf")
    public IRubyObject sprintf(ThreadContext context, IRubyObject format) {
        return RubyString.newString(
                context.runtime, event.sprintf(format.callMethod(context, "to_s").asJavaString()));
    }

    // ------------------------------------------------------------------ whole-event views

    @JRubyMethod(name = {"to_hash", "to_h"})
    public IRubyObject toHash(ThreadContext context) {
        return RubyValues.toRubyHash(context.runtime, event.data());
    }

    @JRubyMethod(name = "to_hash_with_metadata")
    public IRubyObject toHashWithMetadata(ThreadContext context) {
        RubyHash hash = RubyValues.toRubyHash(context.runtime, event.data());
        if (!event.metadata().isEmpty()) {
            hash.op_aset(
                    context,
                    context.runtime.newString(Event.METADATA),
                    RubyValues.toRubyHash(context.runtime, event.metadata()));
        }
        return hash;
    }

    @JRubyMethod(name = "to_json", rest = true)
    public IRubyObject toJson(ThreadContext context, IRubyObject[] args) {
        return RubyString.newString(context.runtime, event.toJson());
    }

    /** Logstash's {@code Event#to_s}: timestamp, host and message. */
    @JRubyMethod(name = "to_s")
    public IRubyObject toS(ThreadContext context) {
        return RubyString.newString(context.runtime, describe());
    }

    @JRubyMethod(name = "inspect")
    public IRubyObject inspect(ThreadContext context) {
        return RubyString.newString(context.runtime, "#<LogStash::Event " + event.toJson() + ">");
    }

    @JRubyMethod(name = "to_java")
    public IRubyObject toJava(ThreadContext context) {
        return JavaUtil.convertJavaToUsableRubyObject(context.runtime, event);
    }

    @JRubyMethod(name = "==")
    public IRubyObject equal(ThreadContext context, IRubyObject other) {
        return context.runtime.newBoolean(other instanceof RubyEvent e && e.event.equals(event));
    }

    private String describe() {
        Object host = event.get("host");
        Object message = event.get("message");
        String hostMessage =
                (host != null ? Values.toText(host) : "%{host}")
                        + " "
                        + (message != null ? Values.toText(message) : "%{message}");
        Instant ts = event.timestamp();
        return ts == null ? hostMessage : Values.toText(ts) + " " + hostMessage;
    }

    @Override
    public String toString() {
        return describe();
    }

    private static FieldRef fieldRef(ThreadContext context, IRubyObject ref) {
        String text;
        if (ref instanceof RubyString s) {
            text = s.asJavaString();
        } else if (ref instanceof RubySymbol sym) {
            text = sym.asJavaString();
        } else {
            throw context.runtime.newTypeError(
                    "wrong argument type " + ref.getMetaClass() + " (expected String)");
        }
        try {
            return FieldRef.parse(text);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw context.runtime.newRuntimeError("Invalid FieldReference: `" + text + "`");
        }
    }
}
