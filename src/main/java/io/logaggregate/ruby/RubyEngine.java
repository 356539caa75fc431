package io.logaggregate.ruby;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jruby.Ruby;
import org.jruby.RubyClass;
import org.jruby.RubyException;
import org.jruby.RubyInstanceConfig;
import org.jruby.RubyModule;
import org.jruby.RubyObject;
import org.jruby.RubyProc;
import org.jruby.exceptions.RaiseException;
import org.jruby.runtime.Block;
import org.jruby.runtime.ThreadContext;
import org.jruby.runtime.backtrace.RubyStackTraceElement;
import org.jruby.runtime.builtin.IRubyObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded JRuby that runs aggregate {@code code} and {@code timeout_code}, as Logstash does:
 * each snippet is compiled once into a Ruby lambda, which is then called per event.
 *
 * <p>There is one {@link Ruby} runtime per class loader (a Flink job's user-code class loader),
 * created on first use. A JRuby runtime is safe to call from several threads at once; each compiled
 * snippet only shares its {@code self} (which holds {@code @logger}) between threads, exactly as a
 * Logstash filter instance does between pipeline workers.
 *
 * <p>Startup is the slow part (seconds, mostly class loading of JRuby's core). It is kept down by
 * not loading RubyGems (the biggest single cost) and not loading the native POSIX layer; {@link
 * #preload()} lets a caller start it in the background early.
 */
public final class RubyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RubyEngine.class);

    private static final String AGGREGATE_LAMBDA =
            "lambda { |event, map, map_meta, &new_event_block| ";
    private static final String EVENT_LAMBDA = "lambda { |event| ";

    private static final String CLASS_VALUES = "jruby.ji.class.values";

    private static final Object LOCK = new Object();
    private static volatile RubyEngine instance;
    private static Thread preloader;

    private final Ruby runtime;
    private final RubyClass codeContextClass;
    private final CoreMethodGuard coreMethods;
    private final long startupMillis;

    private RubyEngine() {
        long start = System.nanoTime();
        // JRuby keeps per-Java-class data in java.lang.ClassValue by default, which roots its
        // runtime in JDK classes (java.lang.String, ...) forever (jruby/jruby#3228): the job's
        // class loader and its Metaspace would never be freed on a TaskManager. A map held by
        // the runtime itself goes away with it. Read by JRuby when its options class loads.
        if (System.getProperty(CLASS_VALUES) == null) {
            System.setProperty(CLASS_VALUES, "HARD_MAP");
        }
        RubyInstanceConfig config = new RubyInstanceConfig();
        // RubyGems (and did_you_mean with it) is about half of JRuby's startup; snippets
        // only need core Ruby, and the stdlib stays reachable by require
        config.setDisableGems(true);
        // the POSIX layer (jnr-ffi) costs startup and is not needed for snippet code
        config.setNativeEnabled(false);
        config.setUpdateNativeENVEnabled(false);
        config.setObjectSpaceEnabled(false);
        config.setHardExit(false);
        // in a Flink job, JRuby's classes come from the job's user-code class loader
        config.setLoader(RubyEngine.class.getClassLoader());
        // stdin may be the pipeline's input, and stdout its output (json_lines): Ruby's
        // `gets` must not steal lines and `puts` must not corrupt the output
        config.setInput(new ByteArrayInputStream(new byte[0]));
        config.setOutput(System.err);
        config.setError(System.err);
        runtime = Ruby.newInstance(config);

        RubyModule logstash = runtime.defineModule("LogStash");
        RubyTimestamp.define(runtime, logstash);
        RubyClass eventClass = RubyEvent.define(runtime, logstash);
        RubyModule own = runtime.defineModule("LogAggregate");
        RubyMapMeta.define(runtime, own);
        RubyLogger.define(runtime, own);
        codeContextClass =
                own.defineClassUnder("CodeContext", runtime.getObject(), RubyObject::new);
        coreMethods = new CoreMethodGuard(runtime, eventClass);
        startupMillis = (System.nanoTime() - start) / 1_000_000;
        LOG.info(
                "JRuby {} runtime started in {} ms",
                org.jruby.runtime.Constants.VERSION,
                startupMillis);
    }

    /** The shared engine, created on the first call (thread-safe). */
    public static RubyEngine get() {
        RubyEngine engine = instance;
        if (engine != null) {
            return engine;
        }
        synchronized (LOCK) {
            if (instance == null) {
                instance = new RubyEngine();
            }
            return instance;
        }
    }

    /**
     * Starts creating the engine on a background thread, so that a later {@link #get()} waits less.
     * Does nothing if it exists or is being created.
     */
    public static void preload() {
        synchronized (LOCK) {
            if (instance != null || preloader != null) {
                return;
            }
            preloader =
                    new Thread(
                            () -> {
                                try {
                                    get();
                                } catch (RuntimeException | LinkageError e) {
                                    LOG.warn("Could not start JRuby in the background", e);
                                }
                            },
                            "jruby-preload");
            preloader.setDaemon(true);
            preloader.start();
        }
    }

    /**
     * Tears down this class loader's engine, if it was started: JRuby's runtime with its JIT
     * threads and caches. Called when Flink releases the job's user-code class loader, so that a
     * TaskManager that ran many Ruby jobs does not keep their class loaders (and Metaspace) alive.
     * A later {@link #get()} would start a new engine.
     */
    public static void release() {
        RubyEngine engine;
        synchronized (LOCK) {
            engine = instance;
            instance = null;
            preloader = null;
        }
        if (engine == null) {
            return;
        }
        // on a thread of its own: tearing down gives the calling thread a JRuby thread context
        // (in a ThreadLocal), and the caller may be a long-lived TaskManager thread
        Thread t =
                new Thread(
                        () -> {
                            JavaClassValues.forget(engine.runtime);
                            engine.runtime.tearDown(false);
                        },
                        "jruby-teardown");
        t.setContextClassLoader(RubyEngine.class.getClassLoader());
        t.setDaemon(true);
        t.start();
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("JRuby runtime torn down");
    }

    /** How long creating the runtime took, in milliseconds. */
    public long startupMillis() {
        return startupMillis;
    }

    Ruby runtime() {
        return runtime;
    }

    /**
     * Compiles an aggregate {@code code} snippet into {@code lambda { |event, map, map_meta,
     * &new_event_block| <code> }}, Logstash's own form.
     *
     * @param where where the snippet was written (e.g. {@code jobs/x/pipeline.conf:12:5}), for
     *     messages and Ruby backtraces
     * @throws RubyCompileException on a Ruby syntax error, with the line within the snippet
     */
    public AggregateCode compileAggregateCode(String code, String where)
            throws RubyCompileException {
        return compileAggregateCode(code, where, true);
    }

    /**
     * As {@link #compileAggregateCode(String, String)}; with {@code fast} false the snippet always
     * runs on JRuby, even when it is in the subset {@link FastCodeCompiler} takes (to compare the
     * two in tests).
     */
    AggregateCode compileAggregateCode(String code, String where, boolean fast)
            throws RubyCompileException {
        Compiled c = compile(AGGREGATE_LAMBDA, code, where);
        CompiledAggregateCode jruby =
                new CompiledAggregateCode(this, c.proc, c.self, c.file, where);
        if (!fast) {
            return jruby;
        }
        try {
            List<FastStatement> program = FastCodeCompiler.compile(runtime, c.file, c.source, code);
            LOG.debug("Aggregate code at {} runs without JRuby (fast path)", where);
            return new FastAggregateCode(this, jruby, program, c.file, where);
        } catch (FastCodeCompiler.Rejected e) {
            LOG.debug("Aggregate code at {} runs on JRuby: {}", where, e.getMessage());
            return jruby;
        }
    }

    /**
     * Why {@code code} would run on JRuby rather than as fast code, or null when it runs as fast
     * code (for tests and diagnostics).
     */
    String fastPathRejection(String code) throws RubyCompileException {
        Compiled c = compile(AGGREGATE_LAMBDA, code, "(fast path check)");
        try {
            FastCodeCompiler.compile(runtime, c.file, c.source, code);
            return null;
        } catch (FastCodeCompiler.Rejected e) {
            return e.getMessage();
        }
    }

    /** False once Ruby code redefined a core method that fast code does in Java. */
    boolean coreMethodsIntact() {
        return coreMethods.intact();
    }

    /** Compiles a {@code timeout_code} snippet into {@code lambda { |event| <code> }}. */
    public EventCode compileEventCode(String code, String where) throws RubyCompileException {
        Compiled c = compile(EVENT_LAMBDA, code, where);
        return new CompiledEventCode(this, c.proc, c.file, where);
    }

    private record Compiled(RubyProc proc, IRubyObject self, String file, String source) {}

    private Compiled compile(String header, String code, String where) throws RubyCompileException {
        String file = where == null || where.isBlank() ? "(ruby code)" : where;
        // Parsed as a script (not with eval): JRuby only JIT-compiles blocks of fully compiled
        // scripts, and a JIT-compiled lambda is several times faster per call. instance_exec
        // gives the lambda its own self, which carries @logger like the Logstash filter
        // instance whose binding Logstash evaluates the code in. The snippet starts on line
        // 1, so Ruby's line numbers are the snippet's; the newline before the closing brace
        // lets a snippet end with a # comment (Logstash would fail there).
        String source =
                "LogAggregate::CodeContext.new.instance_exec { "
                        + header
                        + (code == null ? "" : code)
                        + "\n} }";
        IRubyObject result;
        try {
            result = runtime.executeScript(source, file);
        } catch (RaiseException e) {
            ThreadContext context = runtime.getCurrentContext();
            RubyException ex = e.getException();
            String message = messageOf(context, ex);
            // an error found at the closing brace we added belongs to the snippet's last line
            int lines = code == null ? 1 : code.split("\n", -1).length;
            int line = Math.min(syntaxErrorLine(message, file), lines);
            throw new RubyCompileException(
                    "Ruby "
                            + (ex.getMetaClass().getRealClass() == runtime.getSyntaxError()
                                    ? "syntax error"
                                    : "error " + ex.getMetaClass().getRealClass().getName())
                            + " in code at "
                            + where
                            + (line > 0 ? ", line " + line : "")
                            + ": "
                            + stripFilePrefix(message, file).strip(),
                    line,
                    e);
        }
        if (!(result instanceof RubyProc proc) || proc.getBlock().type != Block.Type.LAMBDA) {
            throw new RubyCompileException(
                    "Ruby code at "
                            + where
                            + " does not compile into one block (unbalanced braces?)",
                    0,
                    null);
        }
        IRubyObject self = proc.getBlock().getBinding().getSelf();
        self.getInstanceVariables()
                .setInstanceVariable("@logger", RubyLogger.create(runtime, where));
        return new Compiled(proc, self, file, source);
    }

    // ------------------------------------------------------------------ errors

    private static final Pattern LEADING_NUMBER = Pattern.compile("\\d+");

    /** The line in a SyntaxError message such as {@code <file>:3: syntax error, ...}; or 0. */
    static int syntaxErrorLine(String message, String file) {
        if (message == null) {
            return 0;
        }
        int at = message.indexOf(file + ":");
        if (at < 0) {
            return 0;
        }
        Matcher m = LEADING_NUMBER.matcher(message);
        m.region(at + file.length() + 1, message.length());
        return m.lookingAt() ? Integer.parseInt(m.group()) : 0;
    }

    private static String stripFilePrefix(String message, String file) {
        String prefix = file + ":";
        if (message.startsWith(prefix)) {
            String rest = message.substring(prefix.length());
            Matcher m = Pattern.compile("^\\d+:\\s*").matcher(rest);
            return m.find() ? rest.substring(m.end()) : rest;
        }
        return message;
    }

    static String messageOf(ThreadContext context, RubyException ex) {
        try {
            IRubyObject m = ex.callMethod(context, "message");
            return m.isNil() ? "" : m.asString().asJavaString();
        } catch (RaiseException nested) {
            return String.valueOf(ex.getMessageAsJavaString());
        }
    }

    /** A Java exception for whatever the called lambda threw. */
    RubyCodeException codeException(Throwable t, String file, String where) {
        if (t instanceof StackOverflowError
                || t instanceof RaiseException r
                        && r.getException().getMetaClass().getRealClass()
                                == runtime.getSystemStackError()) {
            // unwinding from a stack overflow can leave this thread's Ruby frame and scope
            // stacks off by some entries, and a later call on the thread then fails
            // (ArrayIndexOutOfBoundsException in ThreadContext): give the thread a new context
            runtime.getThreadService().disposeCurrentThread();
        }
        if (t instanceof RaiseException raise) {
            RubyException ex = raise.getException();
            ThreadContext context = runtime.getCurrentContext();
            return new RubyRaisedException(
                    ex.getMetaClass().getRealClass().getName(),
                    messageOf(context, ex),
                    where,
                    lineIn(ex, file),
                    t);
        }
        if (t instanceof StackOverflowError) {
            return new RubyRaisedException("SystemStackError", "stack level too deep", where, 0, t);
        }
        return new RubyRaisedException(
                t.getClass().getName(), String.valueOf(t.getMessage()), where, 0, t);
    }

    private static int lineIn(RubyException ex, String file) {
        try {
            RubyStackTraceElement[] trace = ex.getBacktraceElements();
            if (trace != null) {
                for (RubyStackTraceElement el : trace) {
                    if (file.equals(el.getFileName())) {
                        return el.getLineNumber();
                    }
                }
            }
        } catch (RuntimeException ignored) {
            // the line is a nicety
        }
        return 0;
    }
}
