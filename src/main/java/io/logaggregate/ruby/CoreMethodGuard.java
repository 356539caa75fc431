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
 * compared, by identity, with those found when the engine started). Once a method differs, the fast
 * code stays off for the life of the engine.
 */
final class CoreMethodGuard {
    private static final Logger LOG = LoggerFactory.getLogger(CoreMethodGuard.class);

    private final RubyModule[] classes;
    private final String[][] names;
    private final DynamicMethod[][] originals;
    private volatile int[] verified;
    private volatile boolean broken;

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
                originals[i][j] = classes[i].searchMethod(names[i][j]);
            }
        }
        verified = generations;
    }

    /** True while every guarded method is JRuby's own. */
    boolean intact() {
        if (broken) {
            return false;
        }
        int[] v = verified;
        for (int i = 0; i < classes.length; i++) {
            if (classes[i].getGeneration() != v[i]) {
                return recheck();
            }
        }
        return true;
    }

    private synchronized boolean recheck() {
        if (broken) {
            return false;
        }
        int[] generations = new int[classes.length];
        for (int i = 0; i < classes.length; i++) {
            generations[i] = classes[i].getGeneration();
            for (int j = 0; j < names[i].length; j++) {
                if (classes[i].searchMethod(names[i][j]) != originals[i][j]) {
                    broken = true;
                    LOG.info(
                            "Ruby code redefined {}#{}: aggregate code runs on JRuby from now on",
                            classes[i].getName(),
                            names[i][j]);
                    return false;
                }
            }
        }
        verified = generations;
        return true;
    }
}
