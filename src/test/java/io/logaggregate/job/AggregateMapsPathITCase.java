package io.logaggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.ConfigParser;
import io.logaggregate.event.Event;
import io.logaggregate.event.Json;
import io.logaggregate.io.OutputSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aggregate_maps_path} in a whole job at parallelism 2: a job that follows a file (an
 * unbounded input) is cancelled with maps open, and its aggregate stage stores them; the next run
 * loads them and continues: the end of task gets the sum over both runs.
 */
class AggregateMapsPathITCase {
    static final List<Event> OUT = new CopyOnWriteArrayList<>();

    @TempDir Path dir;

    private String pipeline(Path input) {
        return """
                input { file { path => "%s" mode => "tail" start_position => "beginning" } }
                filter {
                  grok { match => { "message" => "%%{WORD:id} %%{NUMBER:n:int} %%{WORD:step}" } }
                  if [step] == "end" {
                    aggregate {
                      task_id => "%%{id}"
                      code => "map['n'] += event.get('n'); event.set('total', map['n'])"
                      map_action => "update"
                      end_of_task => true
                    }
                  } else {
                    aggregate {
                      task_id => "%%{id}"
                      code => "map['n'] ||= 0; map['n'] += event.get('n')"
                      timeout => 3600
                      aggregate_maps_path => "%s"
                    }
                  }
                }
                output { stdout {} }
                """
                .formatted(input, dir.resolve("maps"));
    }

    @Test
    void mapsOpenAtCancelAreStoredAndContinuedByTheNextRun() throws Exception {
        Path first = dir.resolve("first.log");
        Files.writeString(first, "a 1 add\na 2 add\nb 5 add\n");
        runUntil(first, 3);
        Map<String, Map<String, Object>> stored = storedMaps();
        assertThat(stored).containsOnlyKeys("a", "b");
        assertThat(stored.get("a").get("map")).isEqualTo(Map.of("n", 3L));
        assertThat(stored.get("b").get("map")).isEqualTo(Map.of("n", 5L));
        for (Map<String, Object> line : stored.values()) {
            assertThat(line.get("pattern")).isEqualTo("%{id}");
            Instant creation = Instant.parse((String) line.get("creation"));
            assertThat(Instant.parse((String) line.get("last_event"))).isAfterOrEqualTo(creation);
        }

        Path second = dir.resolve("second.log");
        Files.writeString(second, "a 4 add\na 10 end\n");
        OUT.clear();
        runUntil(second, 2);
        Event end = OUT.stream().filter(e -> "end".equals(e.get("step"))).findFirst().get();
        assertThat(end.get("total")).isEqualTo(17L); // 1 + 2 (first run) + 4 + 10
        // a ended; b is still open and stored again
        assertThat(storedMaps()).containsOnlyKeys("b");
    }

    /** Runs the pipeline over {@code input} until {@code events} came out, then cancels it. */
    private void runUntil(Path input, int events) throws Exception {
        CompiledPipeline parsed =
                PipelineCompiler.compile(
                        ConfigParser.parse("maps.conf", pipeline(input), Map.of()), dir);
        CompiledPipeline pipeline =
                new CompiledPipeline(
                        parsed.file(),
                        parsed.inputs(),
                        parsed.program(),
                        List.of(
                                new OutputRoute(
                                        "collect", new CollectOutput(), List.of(), List.of())));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PipelineJob.build(
                env,
                pipeline,
                new RunOptions(2, false, Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO));
        JobClient job = env.executeAsync("maps path");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (OUT.size() < events && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(OUT).hasSize(events);
        job.cancel().get(1, TimeUnit.MINUTES);
        job.getJobExecutionResult().handle((r, e) -> null).get(1, TimeUnit.MINUTES);
    }

    /** The stored lines of every part, by task id. */
    private Map<String, Map<String, Object>> storedMaps() throws Exception {
        Map<String, Map<String, Object>> byTask = new TreeMap<>();
        List<Path> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().startsWith("maps.")).forEach(parts::add);
        }
        for (Path part : parts) {
            assertThat(part.getFileName().toString()).matches("maps\\.part-[0-9a-f]{8}-[01]");
            for (String line : Files.readAllLines(part)) {
                Map<String, Object> m = Json.readObject(line);
                byTask.put((String) m.get("task_id"), m);
            }
        }
        return byTask;
    }

    static final class CollectOutput implements OutputSpec {
        @Override
        public void attach(DataStream<Event> events) {
            events.addSink(
                    new SinkFunction<>() {
                        @Override
                        public void invoke(Event e, Context context) {
                            OUT.add(e);
                        }
                    });
        }
    }
}
