package io.logaggregate.aggregate;

import static io.logaggregate.aggregate.AggregateHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.ConfigParser;
import io.logaggregate.event.Event;
import io.logaggregate.job.PipelineCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aggregate_maps_path} (docs/aggregate-semantics.md) through Flink's operator test harness:
 * a stage that closes with maps open stores them; the next fresh start loads them, deletes the
 * files, and continues the maps (or expires those that outlived their timeout).
 */
class AggregateMapsPathTest {
    private static final Instant T0 = Instant.parse("2026-01-31T00:00:00Z");
    private static final long T0_MS = T0.toEpochMilli();

    @TempDir Path dir;

    /** Counts n per id; remembers when it first saw the task and each step (timestamps). */
    private String clicks(String extraOptions) {
        return """
                if [step] == "end" {
                  aggregate {
                    task_id => "%%{id}"
                    code => "map['n'] += event.get('n'); event.set('total', map['n']); \
                event.set('first', map['first']); event.set('second_at', map['steps'][1]['at'])"
                    map_action => "update"
                    end_of_task => true
                  }
                } else {
                  aggregate {
                    task_id => "%%{id}"
                    code => "map['n'] ||= 0; map['n'] += event.get('n'); \
                map['first'] ||= event.get('@timestamp'); \
                (map['steps'] ||= []) << {'at' => event.get('@timestamp'), 'n' => event.get('n')}"
                    timeout => 600
                    push_map_as_event_on_timeout => true
                    timeout_task_id_field => "id"
                    aggregate_maps_path => "%s"
                    %s
                  }
                }
                """
                .formatted(dir.resolve("maps"), extraOptions);
    }

    private static Event at(long secondsAfterT0, Object... kv) {
        Event e = event(kv);
        e.setTimestamp(T0.plusSeconds(secondsAfterT0));
        return e;
    }

    private Path part(String pattern, int subtask) {
        return dir.resolve("maps.part-" + AggregateMapsFile.idOf(pattern) + "-" + subtask);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** First run: a has two events (n 1 + 2), b one (n 5); the stage closes with both open. */
    private void firstRun(String filters) throws Exception {
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.processingTime(T0_MS);
            h.send(at(0, "id", "a", "n", 1));
            h.processingTime(T0_MS + 10_000);
            h.send(at(10, "id", "a", "n", 2));
            h.send(at(10, "id", "b", "n", 5));
        }
    }

    @Test
    void closeStoresTheOpenMapsAsJsonLines() throws Exception {
        firstRun(clicks(""));
        assertThat(files()).containsExactly(part("%{id}", 0).getFileName().toString());
        assertThat(Files.readAllLines(part("%{id}", 0)))
                .containsExactly(
                        "{\"pattern\":\"%{id}\",\"task_id\":\"a\",\"map\":{\"n\":3,"
                                + "\"first\":\"2026-01-31T00:00:00.000Z\",\"steps\":["
                                + "{\"at\":\"2026-01-31T00:00:00.000Z\",\"n\":1},"
                                + "{\"at\":\"2026-01-31T00:00:10.000Z\",\"n\":2}]},"
                                + "\"creation\":\"2026-01-31T00:00:00.000Z\","
                                + "\"last_event\":\"2026-01-31T00:00:10.000Z\","
                                + "\"timeout\":null,\"inactivity_timeout\":null,"
                                + "\"timestamps\":[[\"first\"],[\"steps\",0,\"at\"],"
                                + "[\"steps\",1,\"at\"]]}",
                        "{\"pattern\":\"%{id}\",\"task_id\":\"b\",\"map\":{\"n\":5,"
                                + "\"first\":\"2026-01-31T00:00:10.000Z\",\"steps\":["
                                + "{\"at\":\"2026-01-31T00:00:10.000Z\",\"n\":5}]},"
                                + "\"creation\":\"2026-01-31T00:00:10.000Z\","
                                + "\"last_event\":\"2026-01-31T00:00:10.000Z\","
                                + "\"timeout\":null,\"inactivity_timeout\":null,"
                                + "\"timestamps\":[[\"first\"],[\"steps\",0,\"at\"]]}");
    }

    @Test
    void theNextStartContinuesTheStoredMapsAndDeletesTheFile() throws Exception {
        String filters = clicks("");
        firstRun(filters);
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            assertThat(files()).isEmpty();
            h.processingTime(T0_MS + 20_000);
            h.send(at(20, "id", "a", "n", 4, "step", "end"));
            Event end = h.done().get(0);
            assertThat(end.get("total")).isEqualTo(7L);
            // timestamps in the map come back as timestamps, nested ones too
            assertThat(end.get("first")).isEqualTo(T0);
            assertThat(end.get("second_at")).isEqualTo(T0.plusSeconds(10));
        }
        // b is still open: stored again, alone
        assertThat(Files.readAllLines(part("%{id}", 0)))
                .singleElement()
                .asString()
                .contains("\"task_id\":\"b\"");
    }

    @Test
    void mapsThatOutlivedTheirTimeoutExpireAtTheFirstTimerAfterTheStart() throws Exception {
        String filters = clicks("");
        firstRun(filters);
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.processingTime(T0_MS + 605_000); // a (created at 0) is past 600 s, b is not
            assertThat(h.done())
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("id")).isEqualTo("a"));
            assertThat(h.done().get(0).get("n")).isEqualTo(3L);
            h.processingTime(T0_MS + 611_000);
            assertThat(h.done()).hasSize(2);
            assertThat(h.done().get(1).get("id")).isEqualTo("b");
        }
        assertThat(files()).isEmpty(); // nothing left, nothing written
    }

    @Test
    void inEventTimeAStoredMapPastItsTimeoutExpiresOnTheFirstEvent() throws Exception {
        String filters = clicks("timeout_timestamp_field => \"@timestamp\"");
        firstRun(filters);
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.send(at(1000, "id", "a", "n", 10));
            List<Event> out = h.done();
            assertThat(out).hasSize(2);
            Event pushed = out.get(1);
            assertThat(pushed.get("id")).isEqualTo("a");
            assertThat(pushed.get("n")).isEqualTo(3L);
            assertThat(pushed.timestamp()).isEqualTo(T0.plusSeconds(600));
            h.send(at(1001, "id", "a", "n", 1, "step", "end"));
            assertThat(h.done().get(2).get("total")).isEqualTo(11L); // a new map: 10 + 1
        }
    }

    @Test
    void nothingIsWrittenWhenNoMapsRemain() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(clicks(""))) {
            h.send(at(0, "id", "a", "n", 1));
            h.endInput(); // a bounded input pushes every map at its end
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void parallelInstancesEachLoadTheirKeyGroupsAndWriteTheirOwnPart() throws Exception {
        String filters = clicks("");
        List<String> ids = new ArrayList<>();
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            for (int i = 0; i < 10; i++) {
                ids.add("t" + i);
                h.send(at(0, "id", "t" + i, "n", i));
            }
        }
        // second run at parallelism 2: each instance reads the single part; the last to load
        // deletes it
        JobID job = new JobID();
        AggregateHarness[] run2 = new AggregateHarness[2];
        run2[0] = AggregateHarness.of(filters, instance(job, 0));
        assertThat(files()).contains(part("%{id}", 0).getFileName().toString());
        run2[1] = AggregateHarness.of(filters, instance(job, 1));
        assertThat(files()).isEmpty();
        for (String id : ids) {
            run2[owner(id)].send(at(5, "id", id, "n", 100));
        }
        run2[0].close();
        run2[1].close();
        assertThat(files())
                .containsExactly(
                        part("%{id}", 0).getFileName().toString(),
                        part("%{id}", 1).getFileName().toString());
        // third run at parallelism 1: reads both parts
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            assertThat(files()).isEmpty();
            for (int i = 0; i < 10; i++) {
                h.send(at(6, "id", "t" + i, "n", 0, "step", "end"));
                assertThat(h.done().get(i).get("total")).isEqualTo(i + 100L);
            }
        }
        assertThat(files()).isEmpty();
    }

    private static MockEnvironment instance(JobID job, int subtask) {
        return new MockEnvironmentBuilder()
                .setJobID(job)
                .setMaxParallelism(128)
                .setParallelism(2)
                .setSubtaskIndex(subtask)
                .build();
    }

    private static int owner(String id) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(id, 128, 2);
    }

    @Test
    void aStageRestoredFromACheckpointKeepsItsStateAndIgnoresTheFile() throws Exception {
        String filters = clicks("");
        OperatorSubtaskState checkpoint;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.send(at(0, "id", "a", "n", 1));
            checkpoint = h.snapshot();
            h.send(at(0, "id", "a", "n", 2)); // after the checkpoint: replayed after a restore
        }
        assertThat(files()).hasSize(1);
        try (AggregateHarness h = AggregateHarness.restored(filters, checkpoint)) {
            assertThat(files()).hasSize(1); // not loaded: the checkpoint is the truth
            h.send(at(0, "id", "a", "n", 2));
            h.send(at(1, "id", "a", "n", 0, "step", "end"));
            assertThat(h.done().get(1).get("total")).isEqualTo(3L);
        }
        assertThat(files()).isEmpty(); // replaced at close: no maps remain
    }

    @Test
    void pushPreviousMapsKeepTheirOrderAcrossARestart() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%%{id}"
                  code => "map['n'] ||= 0; map['n'] += 1"
                  push_previous_map_as_event => true
                  timeout_task_id_field => "id"
                  timeout => 600
                  aggregate_maps_path => "%s"
                }
                """
                        .formatted(dir.resolve("maps"));
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.processingTime(T0_MS);
            h.send(at(0, "id", "a"));
            h.send(at(0, "id", "a"));
            h.send(at(0, "id", "b")); // pushes a
            assertThat(h.done()).hasSize(4);
        }
        assertThat(Files.readAllLines(part("%{id}", 0)))
                .singleElement()
                .asString()
                .contains("\"task_id\":\"b\"");
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            assertThat(files()).isEmpty();
            h.processingTime(T0_MS + 1000);
            h.send(at(1, "id", "c")); // a new task pushes the previous one: b from the file
            List<Event> out = h.done();
            assertThat(out).hasSize(2);
            assertThat(out.get(1).get("id")).isEqualTo("b");
            assertThat(out.get(1).get("n")).isEqualTo(1L);
        }
    }

    @Test
    void onlyOneAggregateMapsPathPerPipeline() {
        String text =
                """
                input { stdin {} }
                filter {
                  aggregate { task_id => "%{a}" code => "" aggregate_maps_path => "/tmp/x" }
                  aggregate { task_id => "%{b}" code => "" aggregate_maps_path => "/tmp/y" }
                }
                output { stdout {} }
                """;
        assertThatThrownBy(
                        () ->
                                PipelineCompiler.compile(
                                        ConfigParser.parse("test.conf", text, Map.of()),
                                        Path.of(".")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'aggregate_maps_path' must be set on only one")
                .satisfies(e -> assertThat(((ConfigException) e).location().line()).isEqualTo(4));
    }
}
