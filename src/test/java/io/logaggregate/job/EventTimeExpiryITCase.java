package io.logaggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.ConfigParser;
import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.InputSpec;
import io.logaggregate.io.OutputSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;
import org.apache.flink.streaming.api.functions.source.SourceFunction;
import org.junit.jupiter.api.Test;

/**
 * An idle task expires when the watermark passes its deadline while other tasks keep the stream
 * going — during the run, not only at the end of the input. The source keeps a busy task going
 * (each event one minute later in event time) and stops only once the idle task's pushed event has
 * reached the output.
 */
class EventTimeExpiryITCase {
    static final List<Event> OUT = new CopyOnWriteArrayList<>();
    static final AtomicBoolean IDLE_PUSHED = new AtomicBoolean();
    static final AtomicInteger BUSY_SENT = new AtomicInteger();
    static final int MAX_BUSY_EVENTS = 2_000;
    static final Instant T0 = Instant.parse("2026-01-31T00:00:00Z");

    @Test
    void idleTaskIsPushedWhileTheStreamRuns() throws Exception {
        String text =
                """
                input { stdin {} }
                filter {
                  aggregate {
                    task_id => "%{user}"
                    code => "map['user'] = event.get('user'); map['n'] ||= 0; map['n'] += 1"
                    push_map_as_event_on_timeout => true
                    timeout => 300
                    timeout_tags => ['_aggregatetimeout']
                    timeout_timestamp_field => "@timestamp"
                  }
                }
                output { stdout {} }
                """;
        CompiledPipeline parsed =
                PipelineCompiler.compile(
                        ConfigParser.parse("expiry.conf", text, Map.of()), Path.of("."));
        CompiledPipeline pipeline =
                new CompiledPipeline(
                        parsed.file(),
                        List.of(new PacedInput()),
                        parsed.program(),
                        List.of(
                                new OutputRoute(
                                        "collect", new CollectOutput(), List.of(), List.of())));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().setAutoWatermarkInterval(50);
        PipelineJob.build(
                env,
                pipeline,
                new RunOptions(2, false, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        env.execute("event-time expiry");

        Event idle =
                OUT.stream()
                        .filter(
                                e ->
                                        "idle".equals(e.get("user"))
                                                && e.tags().contains("_aggregatetimeout"))
                        .findFirst()
                        .orElseThrow();
        assertThat(idle.get("n")).isEqualTo(1L);
        assertThat(idle.timestamp()).isEqualTo(T0.plusSeconds(300));
        // the source saw the push long before it ran out of events: expiry came from the
        // watermark, not from the end of the input
        assertThat(BUSY_SENT.get()).isLessThan(MAX_BUSY_EVENTS);
    }

    /** One event of user "idle" at T0, then "busy" events a minute apart until "idle" is out. */
    static final class PacedInput implements InputSpec {
        @Override
        public boolean bounded() {
            return true;
        }

        @Override
        public DataStream<Event> build(StreamExecutionEnvironment env) {
            return env.addSource(new PacedSource(), "paced", EventTypeInfo.INSTANCE)
                    .setParallelism(1);
        }
    }

    static final class PacedSource implements SourceFunction<Event> {
        private volatile boolean running = true;

        @Override
        public void run(SourceContext<Event> ctx) throws Exception {
            ctx.collect(event("idle", T0));
            for (int i = 1; i <= MAX_BUSY_EVENTS && running && !IDLE_PUSHED.get(); i++) {
                ctx.collect(event("busy", T0.plusSeconds(60L * i)));
                BUSY_SENT.incrementAndGet();
                Thread.sleep(20);
            }
        }

        private static Event event(String user, Instant ts) {
            Event e = new Event();
            e.set("user", user);
            e.setTimestamp(ts);
            return e;
        }

        @Override
        public void cancel() {
            running = false;
        }
    }

    static final class CollectOutput implements OutputSpec {
        @Override
        public void attach(DataStream<Event> events) {
            events.addSink(
                    new SinkFunction<>() {
                        @Override
                        public void invoke(Event e, Context context) {
                            OUT.add(e);
                            if ("idle".equals(e.get("user"))
                                    && e.tags().contains("_aggregatetimeout")) {
                                IDLE_PUSHED.set(true);
                            }
                        }
                    });
        }
    }
}
