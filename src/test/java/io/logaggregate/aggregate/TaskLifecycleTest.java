package io.logaggregate.aggregate;

import static io.logaggregate.aggregate.AggregateHarness.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.ConfigParser;
import io.logaggregate.event.Event;
import io.logaggregate.job.PipelineCompiler;
import io.logaggregate.program.FilterProgram;
import io.logaggregate.program.Instruction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The aggregate state machine on its own: no Flink, an {@link OrderedTaskStore}, explicit times.
 * Each test is one step of a task's life and checks what runs on (event, instruction), what stays
 * in the store, and what was counted.
 */
class TaskLifecycleTest {
    private static final Instant T0 = Instant.parse("2026-01-31T00:00:00Z");

    /** Counts what the lifecycle reports. */
    static final class Recorded implements TaskMetrics {
        int created;
        int ended;
        int pushed;
        int codeErrors;
        int timeoutCodeErrors;
        final List<Expiry> expired = new ArrayList<>();

        @Override
        public void taskCreated() {
            created++;
        }

        @Override
        public void taskEnded() {
            ended++;
        }

        @Override
        public void taskExpired(Expiry reason) {
            expired.add(reason);
        }

        @Override
        public void eventPushed() {
            pushed++;
        }

        @Override
        public void codeError() {
            codeErrors++;
        }

        @Override
        public void timeoutCodeError() {
            timeoutCodeErrors++;
        }
    }

    private final OrderedTaskStore store = new OrderedTaskStore();
    private final Recorded metrics = new Recorded();
    private TaskLifecycle lifecycle;
    private List<Integer> blockPcs;

    /** Compiles {@code filters} and opens the lifecycle of its first pattern. */
    private TaskLifecycle lifecycle(String filters) throws Exception {
        String text = "input { stdin {} }\nfilter {\n" + filters + "\n}\noutput { stdout {} }\n";
        FilterProgram program =
                PipelineCompiler.compile(
                                ConfigParser.parse("test.conf", text, Map.of()), Path.of("."))
                        .program();
        blockPcs = new ArrayList<>();
        for (int pc = 0; pc < program.code().size(); pc++) {
            if (program.code().get(pc) instanceof Instruction.Aggregate) {
                blockPcs.add(pc);
            }
        }
        lifecycle = new TaskLifecycle(program.patterns().get(0));
        lifecycle.open(metrics);
        return lifecycle;
    }

    private List<Continuation> arrive(int block, Event e, String taskId, Instant now)
            throws Exception {
        return lifecycle.arrive(e, blockPcs.get(block), taskId, now, store);
    }

    private int after(int block) {
        return blockPcs.get(block) + 1;
    }

    private static final String START_SQL_END =
            """
            if [logger] == "START" {
              aggregate { task_id => "%{id}" code => "map['d'] = 0" map_action => "create" }
            }
            if [logger] == "SQL" {
              aggregate { task_id => "%{id}" code => "map['d'] += event.get('ms')" map_action => "update" }
            }
            if [logger] == "END" {
              aggregate {
                task_id => "%{id}"
                code => "event.set('d', map['d'])"
                map_action => "update"
                end_of_task => true
                timeout => 60
                inactivity_timeout => 30
                push_map_as_event_on_timeout => true
                timeout_task_id_field => "id"
                timeout_tags => ["timed_out"]
              }
            }
            """;

    @Test
    void createUpdateEndLeavesNothing() throws Exception {
        lifecycle(START_SQL_END);
        Event start = event("id", "a", "logger", "START");
        List<Continuation> out = arrive(0, start, "a", T0);
        assertThat(out).containsExactly(new Continuation(start, after(0)));
        assertThat(store.get("a").map()).containsEntry("d", 0L);

        arrive(1, event("id", "a", "logger", "SQL", "ms", 12L), "a", T0.plusSeconds(1));
        Event end = event("id", "a", "logger", "END");
        out = arrive(2, end, "a", T0.plusSeconds(2));
        assertThat(out).containsExactly(new Continuation(end, after(2)));
        assertThat(end.get("d")).isEqualTo(12L);
        assertThat(store.size()).isZero();
        assertThat(metrics.created).isEqualTo(1);
        assertThat(metrics.ended).isEqualTo(1);
        assertThat(metrics.expired).isEmpty();
    }

    @Test
    void updateWithoutTaskAndCreateOnExistingTaskRunNoCode() throws Exception {
        lifecycle(START_SQL_END);
        Event sql = event("id", "a", "logger", "SQL", "ms", 5L);
        assertThat(arrive(1, sql, "a", T0)).containsExactly(new Continuation(sql, after(1)));
        assertThat(store.size()).isZero();

        arrive(0, event("id", "a", "logger", "START"), "a", T0);
        Map<String, Object> changed = store.get("a").map();
        changed.put("d", 7L);
        store.get("a").setMap(changed);
        arrive(0, event("id", "a", "logger", "START"), "a", T0.plusSeconds(1));
        assertThat(store.get("a").map()).containsEntry("d", 7L);
        assertThat(metrics.created).isEqualTo(1);
    }

    @Test
    void taskPastItsDeadlineExpiresOnArrivalAndIsPushedAtTheDeadline() throws Exception {
        lifecycle(START_SQL_END);
        arrive(0, event("id", "a", "logger", "START"), "a", T0);
        Event late = event("id", "a", "logger", "SQL", "ms", 1L);
        // inactivity_timeout 30 s comes before timeout 60 s
        List<Continuation> out = arrive(1, late, "a", T0.plusSeconds(31));

        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(new Continuation(late, after(1)));
        Event pushed = out.get(1).event();
        assertThat(out.get(1).pc()).isEqualTo(after(1)); // on after the block it arrived at
        assertThat(pushed.get("d")).isEqualTo(0L);
        assertThat(pushed.get("id")).isEqualTo("a");
        assertThat(pushed.tags()).containsExactly("timed_out");
        assertThat(pushed.timestamp()).isEqualTo(T0.plusSeconds(30));
        assertThat(metrics.expired).containsExactly(Expiry.INACTIVITY);
        assertThat(store.size()).as("an update does not create a new task").isZero();
    }

    @Test
    void clockExpiryPushesAfterTheTimeoutBlockStampedNowInProcessingTime() throws Exception {
        lifecycle(START_SQL_END);
        arrive(0, event("id", "a", "logger", "START"), "a", T0);
        for (int i = 1; i <= 3; i++) { // keep it active until the 60 s timeout wins
            arrive(1, event("id", "a", "logger", "SQL", "ms", 1L), "a", T0.plusSeconds(20 * i));
        }
        TaskState task = store.remove("a");
        Instant now = T0.plusSeconds(61);
        List<Continuation> out = lifecycle.timedOut(task, now);

        assertThat(out).hasSize(1);
        assertThat(out.get(0).pc()).isEqualTo(after(2));
        assertThat(out.get(0).event().get("d")).isEqualTo(3L);
        assertThat(out.get(0).event().timestamp()).isEqualTo(now);
        assertThat(metrics.expired).containsExactly(Expiry.TIMEOUT);
    }

    @Test
    void endOfInputPushesWithTheFinalFlushTagInProcessingTimeOnly() throws Exception {
        lifecycle(START_SQL_END);
        arrive(0, event("id", "a", "logger", "START"), "a", T0);
        List<Continuation> out = lifecycle.endOfInput(store.remove("a"), T0.plusSeconds(5));
        assertThat(out.get(0).event().tags()).containsExactly("timed_out", "_aggregatefinalflush");
        assertThat(out.get(0).event().timestamp()).isEqualTo(T0.plusSeconds(5));
        assertThat(metrics.expired).containsExactly(Expiry.END_OF_INPUT);

        lifecycle(
                """
                aggregate {
                  task_id => "%{id}" code => "map['n'] = 1"
                  push_map_as_event_on_timeout => true timeout => 60
                  timeout_timestamp_field => "t"
                }
                """);
        arrive(0, event("id", "b", "t", T0.toString()), "b", Instant.EPOCH);
        out = lifecycle.endOfInput(store.remove("b"), Instant.EPOCH);
        assertThat(out.get(0).event().tags()).isEmpty();
        assertThat(out.get(0).event().timestamp()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void withoutPushOptionsExpiryPushesNothing() throws Exception {
        lifecycle("aggregate { task_id => \"%{id}\" code => \"map['n'] = 1\" timeout => 5 }");
        arrive(0, event("id", "a"), "a", T0);
        assertThat(lifecycle.timedOut(store.remove("a"), T0.plusSeconds(6))).isEmpty();
        assertThat(metrics.expired).containsExactly(Expiry.TIMEOUT);
        assertThat(metrics.pushed).isZero();
    }

    @Test
    void mapMetaTimeoutZeroExpiresAtOnce() throws Exception {
        lifecycle(
                """
                aggregate {
                  task_id => "%{id}"
                  code => "map['n'] ||= 0; map['n'] += 1; map_meta.timeout = 0 if event.get('last')"
                  push_map_as_event_on_timeout => true
                }
                """);
        arrive(0, event("id", "a"), "a", T0);
        Event last = event("id", "a", "last", true);
        List<Continuation> out = arrive(0, last, "a", T0.plusSeconds(1));
        assertThat(out).hasSize(2);
        assertThat(out.get(1).event().get("n")).isEqualTo(2L);
        assertThat(out.get(1).event().timestamp()).isEqualTo(T0.plusSeconds(1));
        assertThat(store.size()).isZero();
        assertThat(metrics.expired).containsExactly(Expiry.MAP_META);
    }

    @Test
    void newTaskPushesThePreviousMap() throws Exception {
        lifecycle(
                """
                aggregate {
                  task_id => "%{id}"
                  code => "map['ids'] ||= []; map['ids'] << event.get('n')"
                  push_previous_map_as_event => true
                  timeout_task_id_field => "id"
                }
                """);
        arrive(0, event("id", "a", "n", 1L), "a", T0);
        arrive(0, event("id", "a", "n", 2L), "a", T0.plusSeconds(1));
        Event b = event("id", "b", "n", 3L);
        List<Continuation> out = arrive(0, b, "b", T0.plusSeconds(2));

        assertThat(out).hasSize(2);
        assertThat(out.get(0).event()).isSameAs(b);
        Event pushed = out.get(1).event();
        assertThat(pushed.get("ids")).isEqualTo(List.of(1L, 2L));
        assertThat(pushed.get("id")).isEqualTo("a");
        assertThat(pushed.timestamp()).isEqualTo(T0.plusSeconds(2));
        assertThat(store.inOrder()).extracting(TaskState::taskId).containsExactly("b");
        assertThat(metrics.expired).containsExactly(Expiry.PREVIOUS_MAP);
    }

    @Test
    void codeErrorTagsTheEventAndKeepsTheMapChangesMadeBeforeIt() throws Exception {
        lifecycle(
                """
                aggregate {
                  task_id => "%{id}"
                  code => "map['before'] = 1; raise 'boom'"
                  add_tag => ["ok"]
                }
                """);
        Event e = event("id", "a");
        arrive(0, e, "a", T0);
        assertThat(e.tags()).containsExactly("_aggregateexception");
        assertThat(store.get("a").map()).containsEntry("before", 1L);
        assertThat(metrics.codeErrors).isEqualTo(1);
    }

    @Test
    void eventWithoutItsTimestampFieldIsTaggedAndPassedOn() throws Exception {
        lifecycle(
                """
                aggregate {
                  task_id => "%{id}" code => "map['n'] = 1" timeout_timestamp_field => "t"
                }
                """);
        Event e = event("id", "a");
        assertThat(arrive(0, e, "a", T0)).containsExactly(new Continuation(e, after(0)));
        assertThat(e.tags()).containsExactly("_aggregatetimestampfailure");
        assertThat(store.size()).isZero();
    }
}
