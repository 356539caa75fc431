package io.logaggregate.job;

import io.logaggregate.aggregate.AggregatePattern;
import io.logaggregate.aggregate.KeyedAggregateOperator;
import io.logaggregate.aggregate.PushPreviousAggregateOperator;
import io.logaggregate.event.Event;
import io.logaggregate.event.Timestamps;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.InputSpec;
import io.logaggregate.program.FilterProgram;
import io.logaggregate.program.ProgramRunner;
import io.logaggregate.program.StagedEvent;
import io.logaggregate.program.StagedEventTypeInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.BatchExecutionOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Lays a compiled pipeline out as a Flink topology (DESIGN.md "Data flow"):
 *
 * <pre>
 * inputs → filter stage (stateless, chained) → [keyBy task id → aggregate stage] per pattern
 *        → outputs (each behind its output-section conditions)
 * </pre>
 *
 * Events that finish the filter section in any stage go straight to the outputs.
 */
public final class PipelineJob {
    private PipelineJob() {}

    public static void build(
            StreamExecutionEnvironment env, CompiledPipeline pipeline, RunOptions options) {
        if (options.batch() && !pipeline.bounded()) {
            throw new IllegalArgumentException(
                    "--mode batch needs bounded inputs (file with mode => \"read\", or stdin);"
                            + " this pipeline has an unbounded input");
        }
        env.setRuntimeMode(
                options.batch() ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING);
        if (options.batch()) {
            // Flink's adaptive batch scheduler would pick each stage's parallelism itself and
            // turn forward edges into rebalancing ones, which breaks the arrival order that
            // push_previous_map_as_event depends on: keep the parallelism we were given
            Configuration conf = new Configuration();
            conf.set(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED, false);
            env.configure(conf);
        }
        env.setParallelism(options.parallelism());
        // operators never keep or change a record after passing it on, so chained operators
        // may hand records over without a defensive copy
        env.getConfig().enableObjectReuse();
        if (!options.batch() && !pipeline.bounded() && !options.checkpointInterval().isZero()) {
            env.enableCheckpointing(options.checkpointInterval().toMillis());
        }

        DataStream<Event> events = null;
        for (InputSpec input : pipeline.inputs()) {
            DataStream<Event> s = input.build(env);
            events = events == null ? s : events.union(s);
        }

        FilterProgram program = pipeline.program();
        SingleOutputStreamOperator<StagedEvent> staged =
                events.process(
                                new FilterStage(program, ProgramRunner.DONE),
                                StagedEventTypeInfo.INSTANCE)
                        .name("filters");
        List<DataStream<Event>> done = new ArrayList<>();
        done.add(staged.getSideOutput(ProgramRunner.DONE));

        DataStream<StagedEvent> current = staged;
        String stampedBy = null;
        List<AggregatePattern> patterns = program.patterns();
        for (int i = 0; i < patterns.size(); i++) {
            AggregatePattern p = patterns.get(i);
            if (p.eventTime() && !p.timeoutTimestampField().equals(stampedBy)) {
                current = current.assignTimestampsAndWatermarks(watermarks(p, options));
                stampedBy = p.timeoutTimestampField();
            }
            String name = "aggregate " + p.taskId();
            SingleOutputStreamOperator<StagedEvent> stage;
            if (p.pushPreviousMapAsEvent()) {
                stage =
                        current.transform(
                                name,
                                StagedEventTypeInfo.INSTANCE,
                                new PushPreviousAggregateOperator(program, i));
            } else {
                stage =
                        current.keyBy((KeySelector<StagedEvent, String>) StagedEvent::key)
                                .transform(
                                        name,
                                        StagedEventTypeInfo.INSTANCE,
                                        new KeyedAggregateOperator(program, i, options.batch()));
            }
            stage.uid("aggregate-" + i);
            done.add(stage.getSideOutput(ProgramRunner.DONE));
            current = stage;
        }

        DataStream<Event> finished = done.get(0);
        for (int i = 1; i < done.size(); i++) {
            finished = finished.union(done.get(i));
        }
        finished =
                finished.map(new OutputCounter())
                        .returns(EventTypeInfo.INSTANCE)
                        .name("count events out");
        for (OutputRoute route : pipeline.outputs()) {
            DataStream<Event> routed =
                    route.unconditional()
                            ? finished
                            : finished.filter(route::accepts)
                                    .returns(EventTypeInfo.INSTANCE)
                                    .name("if → " + route.name());
            route.output().attach(routed);
        }
    }

    private static WatermarkStrategy<StagedEvent> watermarks(AggregatePattern p, RunOptions o) {
        String field = p.timeoutTimestampField();
        SerializableTimestampAssigner<StagedEvent> assigner =
                (staged, previous) -> {
                    Instant i = Timestamps.of(staged.event().get(field));
                    return i != null ? i.toEpochMilli() : previous;
                };
        WatermarkStrategy<StagedEvent> s =
                WatermarkStrategy.<StagedEvent>forBoundedOutOfOrderness(o.outOfOrderness())
                        .withTimestampAssigner(assigner);
        return o.idleness().isZero() ? s : s.withIdleness(o.idleness());
    }
}
