package io.logaggregate.job;

import io.logaggregate.aggregate.AggregatePattern;
import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.InputSpec;
import io.logaggregate.program.EventAtBlock;
import io.logaggregate.program.FilterProgram;
import io.logaggregate.stage.EventAtBlockTypeInfo;
import io.logaggregate.stage.FilterStage;
import io.logaggregate.stage.KeyedAggregateOperator;
import io.logaggregate.stage.PushPreviousAggregateOperator;
import io.logaggregate.stage.StageRecords;
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
 * Lays a compiled pipeline out as a Flink topology (README, top):
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
        SingleOutputStreamOperator<EventAtBlock> staged =
                events.process(new FilterStage(program), EventAtBlockTypeInfo.INSTANCE)
                        .name("filters");
        List<DataStream<Event>> done = new ArrayList<>();
        done.add(staged.getSideOutput(StageRecords.FINISHED));

        DataStream<EventAtBlock> current = staged;
        String stampedBy = null;
        List<AggregatePattern> patterns = program.patterns();
        for (int i = 0; i < patterns.size(); i++) {
            AggregatePattern p = patterns.get(i);
            if (p.eventTime() && !p.timeoutTimestampField().equals(stampedBy)) {
                current = current.assignTimestampsAndWatermarks(watermarks(p, options));
                stampedBy = p.timeoutTimestampField();
            }
            // the operator name is in every metric's name: only [A-Za-z0-9_]
            String name = "aggregate_" + program.stageName(i);
            SingleOutputStreamOperator<EventAtBlock> stage;
            if (p.pushPreviousMapAsEvent()) {
                stage =
                        current.transform(
                                name,
                                EventAtBlockTypeInfo.INSTANCE,
                                new PushPreviousAggregateOperator(program, i));
            } else {
                stage =
                        current.keyBy((KeySelector<EventAtBlock, String>) EventAtBlock::taskId)
                                .transform(
                                        name,
                                        EventAtBlockTypeInfo.INSTANCE,
                                        new KeyedAggregateOperator(program, i, options.batch()));
            }
            stage.uid("aggregate-" + i);
            done.add(stage.getSideOutput(StageRecords.FINISHED));
            current = stage;
        }

        DataStream<Event> finished = done.get(0);
        for (int i = 1; i < done.size(); i++) {
            finished = finished.union(done.get(i));
        }
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

    private static WatermarkStrategy<EventAtBlock> watermarks(AggregatePattern p, RunOptions o) {
        SerializableTimestampAssigner<EventAtBlock> assigner =
                (at, previous) -> {
                    Instant i = p.eventTimeOf(at.event());
                    return i != null ? i.toEpochMilli() : previous;
                };
        WatermarkStrategy<EventAtBlock> s =
                WatermarkStrategy.<EventAtBlock>forBoundedOutOfOrderness(o.outOfOrderness())
                        .withTimestampAssigner(assigner);
        return o.idleness().isZero() ? s : s.withIdleness(o.idleness());
    }
}
