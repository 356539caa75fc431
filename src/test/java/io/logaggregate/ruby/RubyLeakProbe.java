package io.logaggregate.ruby;

import io.logaggregate.event.Event;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loaded by RubyClassLoaderLeakTest in a class loader of its own, as a Flink job's classes are:
 * does what a job does with Ruby (start JRuby, compile and run snippets on a task thread), then
 * releases it as the job's class loader release hook does.
 */
public final class RubyLeakProbe implements Supplier<String> {
    @Override
    public String get() {
        try {
            Thread task =
                    new Thread(
                            () -> {
                                try {
                                    EventCode code =
                                            RubyEngine.get()
                                                    .compileEventCode(
                                                            "event.set('n', (event.get('n') || 0) + 1)"
                                                                    + "; event.set('s', 'x' * 3)"
                                                                    + "; event.set('u', java.util.UUID.randomUUID.to_s.size)",
                                                            "probe");
                                    Event e = Event.fromMap(Map.of("n", 1L), null);
                                    for (int i = 0; i < 2_000; i++) {
                                        code.call(e); // enough calls for JRuby's JIT to start
                                    }
                                    if (!Long.valueOf(2_001L).equals(e.get("n"))) {
                                        throw new IllegalStateException("n = " + e.get("n"));
                                    }
                                } catch (RubyCodeException | RubyCompileException ex) {
                                    throw new IllegalStateException(ex);
                                }
                            },
                            "probe-task");
            task.setContextClassLoader(getClass().getClassLoader());
            task.start();
            task.join();
            return "ok";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            RubyEngine.release();
        }
    }
}
