package io.logaggregate.ruby;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jruby.Ruby;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what JRuby's Java integration left in {@link java.lang.ClassValue}s of JDK classes.
 *
 * <p>Even without user code touching Java, JRuby binds a few Java classes at boot ({@code
 * java.lang.Object}, {@code java.util.Map}, ...). Its method gatherer caches their methods in
 * static {@code java.lang.ClassValue}s, and a ClassValue stores its values in the class it is asked
 * about: a JDK class then holds a JRuby object, whose class pins the job's user-code class loader,
 * all of JRuby's classes and ~25 MB of Metaspace, for the life of the TaskManager
 * (jruby/jruby#3228). Every Ruby job on a session cluster would leave one such loader behind.
 *
 * <p>With {@code jruby.ji.class.values=HARD_MAP} (set by {@link RubyEngine}), JRuby's own per-class
 * caches are plain maps we can read: their keys are the Java classes it bound. For each of those
 * and their supertypes, the gatherer's ClassValues are told to {@code remove} their entry. All by
 * reflection on JRuby internals (9.4): a JRuby without these fields only logs it.
 */
final class JavaClassValues {
    private static final Logger LOG = LoggerFactory.getLogger(JavaClassValues.class);

    private static final String[] HOLDERS = {
        "org.jruby.javasupport.binding.MethodGatherer", "org.jruby.javasupport.binding.Initializer"
    };

    private JavaClassValues() {}

    static void forget(Ruby runtime) {
        try {
            Set<Class<?>> bound = withSupertypes(boundClasses(runtime.getJavaSupport()));
            int removed = 0;
            for (String holder : HOLDERS) {
                Class<?> h = Class.forName(holder, false, Ruby.class.getClassLoader());
                for (Field f : h.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())
                            && ClassValue.class.isAssignableFrom(f.getType())) {
                        f.setAccessible(true);
                        ClassValue<?> cv = (ClassValue<?>) f.get(null);
                        if (cv == null) {
                            continue;
                        }
                        for (Class<?> c : bound) {
                            cv.remove(c);
                            removed++;
                        }
                    }
                }
            }
            LOG.debug("Removed {} JRuby class values of {} Java classes", removed, bound.size());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn(
                    "Could not clear JRuby's Java class caches ({}): this job's class loader may"
                            + " stay in the TaskManager's Metaspace",
                    e.toString());
        }
    }

    /** The classes in the maps behind JRuby's Java-support class values (HARD_MAP). */
    private static Set<Class<?>> boundClasses(Object javaSupport)
            throws ReflectiveOperationException {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (Class<?> c = javaSupport.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object v = f.get(javaSupport);
                if (v != null
                        && v.getClass()
                                .getName()
                                .equals("org.jruby.util.collections.MapBasedClassValue")) {
                    Field cache = v.getClass().getDeclaredField("cache");
                    cache.setAccessible(true);
                    for (Object k : ((Map<?, ?>) cache.get(v)).keySet()) {
                        classes.add((Class<?>) k);
                    }
                }
            }
        }
        return classes;
    }

    private static Set<Class<?>> withSupertypes(Set<Class<?>> classes) {
        Set<Class<?>> all = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(classes);
        todo.add(Object.class);
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (!all.add(c)) {
                continue;
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            for (Class<?> i : c.getInterfaces()) {
                todo.add(i);
            }
        }
        return all;
    }
}
