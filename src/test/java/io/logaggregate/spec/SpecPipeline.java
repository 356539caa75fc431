package io.logaggregate.spec;

import io.logaggregate.config.ConfigParser;
import io.logaggregate.event.Event;
import io.logaggregate.event.Json;
import io.logaggregate.job.CompiledPipeline;
import io.logaggregate.job.PipelineCompiler;
import io.logaggregate.program.FilterProgram;
import io.logaggregate.program.ProgramRunner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a filter section the way Logstash's spec helper {@code sample(...)} does: the text of a
 * {@code filter { }} body is compiled as a whole pipeline (conditionals, common options and all)
 * and events are pushed through it, without Flink. What comes out is what a pipeline would emit.
 */
final class SpecPipeline {
    private final ProgramRunner runner;

    private SpecPipeline(FilterProgram program) throws Exception {
        program.open();
        this.runner = new ProgramRunner(program);
    }

    /** {@code filters}: what goes between {@code filter {} and {@code }}. */
    static SpecPipeline of(String filters) {
        String text = "input { stdin {} }\nfilter {\n" + filters + "\n}\noutput { stdout {} }\n";
        CompiledPipeline p =
                PipelineCompiler.compile(
                        ConfigParser.parse("spec.conf", text, Map.of()), Path.of("."));
        try {
            return new SpecPipeline(p.program());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The events that come out for one event in (none when dropped). */
    List<Event> run(Event in) {
        List<Event> out = new ArrayList<>();
        try {
            runner.run(
                    in,
                    0,
                    new ProgramRunner.Exit() {
                        @Override
                        public void finished(Event event) {
                            out.add(event);
                        }

                        @Override
                        public void atAggregate(Event event, int pc, String key) {
                            throw new AssertionError("no aggregate in spec pipelines");
                        }
                    });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The one event that comes out for one event in. */
    Event one(Event in) {
        List<Event> out = run(in);
        if (out.size() != 1) {
            throw new AssertionError("expected one event out, got " + out);
        }
        return out.get(0);
    }

    /** Like Logstash's {@code sample("message")}: an event with only a message, stamped now. */
    Event sample(String message) {
        Event e = new Event();
        e.set("message", message);
        return one(e);
    }

    /** Like {@code sample(hash)}: the hash is the event (JSON text for brevity). */
    Event sampleJson(String json) {
        return one(json(json));
    }

    /** An event made of a JSON object, stamped now. */
    static Event json(String json) {
        try {
            return Event.fromMap(Json.readObject(json), Instant.now());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
