package io.logaggregate.ruby;

import org.jruby.Ruby;
import org.jruby.RubyClass;
import org.jruby.RubyModule;
import org.jruby.RubyObject;
import org.jruby.anno.JRubyClass;
import org.jruby.anno.JRubyMethod;
import org.jruby.runtime.ThreadContext;
import org.jruby.runtime.builtin.IRubyObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code @logger} that Ruby code sees, as in a Logstash filter: {@code @logger.info("msg", :key
 * => value)} and {@code @logger.debug?}. Messages go to SLF4J, prefixed with where the code was
 * written.
 */
@JRubyClass(name = "Logger")
public final class RubyLogger extends RubyObject {
    static final String LOGGER_NAME = "io.logaggregate.ruby.code";

    private static volatile RubyClass rubyClass;

    private Logger logger;
    private String prefix;

    private RubyLogger(Ruby runtime, RubyClass klass) {
        super(runtime, klass);
    }

    static RubyClass define(Ruby runtime, RubyModule module) {
        RubyClass klass = module.defineClassUnder("Logger", runtime.getObject(), RubyLogger::new);
        klass.defineAnnotatedMethods(RubyLogger.class);
        rubyClass = klass;
        return klass;
    }

    static RubyLogger create(Ruby runtime, String where) {
        RubyLogger l = new RubyLogger(runtime, rubyClass);
        l.logger = LoggerFactory.getLogger(LOGGER_NAME);
        l.prefix = where == null || where.isEmpty() ? "" : "[" + where + "] ";
        return l;
    }

    private String text(ThreadContext context, IRubyObject[] args) {
        StringBuilder sb = new StringBuilder(prefix);
        if (args.length > 0) {
            sb.append(args[0].asString().asJavaString());
        }
        for (int i = 1; i < args.length; i++) {
            sb.append(' ').append(args[i].inspect().asJavaString());
        }
        return sb.toString();
    }

    @JRubyMethod(name = "trace", rest = true)
    public IRubyObject trace(ThreadContext context, IRubyObject[] args) {
        if (logger.isTraceEnabled()) {
            logger.trace(text(context, args));
        }
        return context.nil;
    }

    @JRubyMethod(name = "debug", rest = true)
    public IRubyObject debug(ThreadContext context, IRubyObject[] args) {
        if (logger.isDebugEnabled()) {
            logger.debug(text(context, args));
        }
        return context.nil;
    }

    @JRubyMethod(name = "info", rest = true)
    public IRubyObject info(ThreadContext context, IRubyObject[] args) {
        if (logger.isInfoEnabled()) {
            logger.info(text(context, args));
        }
        return context.nil;
    }

    @JRubyMethod(name = "warn", rest = true)
    public IRubyObject warn(ThreadContext context, IRubyObject[] args) {
        if (logger.isWarnEnabled()) {
            logger.warn(text(context, args));
        }
        return context.nil;
    }

    @JRubyMethod(
            name = {"error", "fatal"},
            rest = true)
    public IRubyObject error(ThreadContext context, IRubyObject[] args) {
        if (logger.isErrorEnabled()) {
            logger.error(text(context, args));
        }
        return context.nil;
    }

    @JRubyMethod(name = "trace?")
    public IRubyObject isTrace(ThreadContext context) {
        return context.runtime.newBoolean(logger.isTraceEnabled());
    }

    @JRubyMethod(name = "debug?")
    public IRubyObject isDebug(ThreadContext context) {
        return context.runtime.newBoolean(logger.isDebugEnabled());
    }

    @JRubyMethod(name = "info?")
    public IRubyObject isInfo(ThreadContext context) {
        return context.runtime.newBoolean(logger.isInfoEnabled());
    }

    @JRubyMethod(name = "warn?")
    public IRubyObject isWarn(ThreadContext context) {
        return context.runtime.newBoolean(logger.isWarnEnabled());
    }

    @JRubyMethod(name = {"error?", "fatal?"})
    public IRubyObject isError(ThreadContext context) {
        return context.runtime.newBoolean(logger.isErrorEnabled());
    }
}
