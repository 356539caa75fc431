package io.logaggregate.ruby;

import org.jruby.Ruby;
import org.jruby.RubyModule;
import org.jruby.internal.runtime.methods.DynamicMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether the Ruby methods that fast code ({@link FastAggregateCode}) does in Java are still
 * JRuby's own: Hash#[] and #[]=, Array#<<, Integer#+, String#hash and #eql? (Hash keys), and the
 * Event methods. Ruby code may redefine them (reopening a class, prepending a module), and then
 * only the JRuby path gives Ruby's result.
 *
 * <p>Cheap enough for every call: a class's method-table generation changes whenever a method of it
 * or of an ancestor changes, so the methods are only looked up again when a generation moved (and
 * compared, by identity, with those found when the engine started; an alias counts as the method it
 * names). While one differs, calls run on JRuby.
 */
final class CoreMethodGuard {
    private static final Logger LOG = LoggerFactory.getLogger(CoreMethodGuard.class);

    private final RubyModule[] classes;
    private final String[][] names;
    private final DynamicMethod[][] originals;

    /** The generations last checked, and whether the methods were JRuby's own then. */
    private volatile Checked checked;

    private record Checked(int[] generations, boolean intact) {}

    CoreMethodGuard(Ruby runtime, RubyModule eventClass) {
        classes =
                new RubyModule[] {
                    runtime.getHash(),
                    runtime.getArray(),
                    runtime.getInteger(),
                    runtime.getString(),
                    eventClass
                };
        names =
                new String[][] {
                    {"[]", "[]="},
                    {"<<"},
                    {"+"},
                    {"hash", "eql?"},
                    {"get", "[]", "set", "[]=", "cancel", "tag", "remove"}
                };
        originals = new DynamicMethod[classes.length][];
        int[] generations = new int[classes.length];
        for (int i = 0; i < classes.length; i++) {
            generations[i] = classes[i].getGeneration();
            originals[i] = new DynamicMethod[names[i].length];
            for (int j = 0; j < names[i].length; j++) {
                originals[i][j] = real(classes[i].searchMethod(names[i][j]));
            }
        }
        checked = new Checked(generations, true);
    }

    /** The method an alias stands for (an alias of the method itself changes nothing). */
    private static DynamicMethod real(DynamicMethod m) {
        return m == null ? null : m.getRealMethod();
    }

    /** True while every guarded method is JRuby's own. */
    boolean intact() {
        Checked c = checked;
        int[] g = c.generations;
        for (int i = 0; i < classes.length; i++) {
            if (classes[i].getGeneration() != g[i]) {
                return recheck();
            }
        }
        return c.intact;
    }

    private synchronized boolean recheck() {
        int[] generations = new int[classes.length];
        boolean intact = true;
        for (int i = 0; i < classes.length; i++) {
            generations[i] = classes[i].getGeneration();
            for (int j = 0; j < names[i].length; j++) {
                if (real(classes[i].searchMethod(names[i][j])) != originals[i][j]) {
                    if (intact && checked.intact) {
                        LOG.info(
                                "Ruby code redefined {}#{}: aggregate code runs on JRuby while it"
                                        + " is",
                                classes[i].getName(),
                                names[i][j]);
                    }
                    intact = false;
                }
            }
        }
        checked = new Checked(generations, intact);
        return intact;
    }
}
