package io.logaggregate.stage;

import io.logaggregate.event.Event;
import io.logaggregate.program.EventAtBlock;
import io.logaggregate.program.FilterProgram;
import io.logaggregate.program.ProgramRunner;
import io.logaggregate.ruby.RubyEngine;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The stateless head of the filter section, chained to the source and run in parallel: runs the
 * program until an event finishes (side output {@link StageRecords#FINISHED}) or reaches its first
 * aggregate block (main output, with its task id as key).
 */
public final class FilterStage extends ProcessFunction<Event, EventAtBlock> {
    private final FilterProgram program;
    private transient ProgramRunner runner;

    public FilterStage(FilterProgram program) {
        this.program = program;
    }

    @Override
    public void open(Configuration parameters) throws Exception {
        // JRuby's runtime would keep this job's class loader (and ~25 MB of Metaspace) on the
        // TaskManager after the job ends: tear it down when Flink releases the loader. The filter
        // stage runs in every slot of the job, so every TaskManager that ran Ruby registers it.
        getRuntimeContext()
                .registerUserCodeClassLoaderReleaseHookIfAbsent(
                        "log-aggregate-jruby", RubyEngine::release);
        program.open();
        FilterMetrics.register(getRuntimeContext().getMetricGroup(), program);
        runner = new ProgramRunner(program);
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<EventAtBlock> out)
            throws Exception {
        runner.run(
                event,
                0,
                new ProgramRunner.Exit() {
                    @Override
                    public void finished(Event e) {
                        ctx.output(StageRecords.FINISHED, e);
                    }

                    @Override
                    public void atAggregate(Event e, int pc, String key) {
                        out.collect(new EventAtBlock(e, pc, key));
                    }
                });
    }
}
