package io.logaggregate.aggregate;

import static io.logaggregate.aggregate.AggregateHarness.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The create / update / end_of_task rules (docs/aggregate-semantics.md, "An event arrives at a
 * block"), through the harness.
 */
class AggregateOperatorTest {

    private static final String EXAMPLE_1 =
            """
            if [logger] == "TASK_START" {
              aggregate {
                task_id => "%{taskid}"
                code => "map['sql_duration'] = 0"
                map_action => "create"
              }
            }
            if [logger] == "SQL" {
              aggregate {
                task_id => "%{taskid}"
                code => "map['sql_duration'] += event.get('duration')"
                map_action => "update"
                add_tag => ["counted"]
              }
            }
            if [logger] == "TASK_END" {
              aggregate {
                task_id => "%{taskid}"
                code => "event.set('sql_duration', map['sql_duration'])"
                map_action => "update"
                end_of_task => true
                timeout => 120
              }
            }
            """;

    @Test
    void example1SumsInterleavedTasks() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(EXAMPLE_1)) {
            h.processingTime(0);
            h.send(event("taskid", "a", "logger", "TASK_START"));
            h.send(event("taskid", "b", "logger", "TASK_START"));
            h.send(event("taskid", "a", "logger", "SQL", "duration", 12L));
            h.send(event("taskid", "b", "logger", "SQL", "duration", 5L));
            h.send(event("taskid", "a", "logger", "SQL", "duration", 34L));
            h.send(event("taskid", "a", "logger", "TASK_END"));
            h.send(event("taskid", "b", "logger", "TASK_END"));
            List<Event> out = h.done();
            assertThat(out).hasSize(7);
            assertThat(out.get(5).get("sql_duration")).isEqualTo(46L);
            assertThat(out.get(6).get("sql_duration")).isEqualTo(5L);
            assertThat(out.get(2).tags()).containsExactly("counted");
            // end_of_task removed both maps: nothing left to flush
            h.endInput();
            assertThat(h.done()).hasSize(7);
        }
    }

    @Test
    void updateWithoutMapRunsNoCodeAndAddsNoTag() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(EXAMPLE_1)) {
            h.processingTime(0);
            h.send(event("taskid", "x", "logger", "SQL", "duration", 3L));
            h.send(event("taskid", "x", "logger", "TASK_END"));
            List<Event> out = h.done();
            assertThat(out).hasSize(2);
            assertThat(out.get(0).tags()).isEmpty();
            assertThat(out.get(1).includes("sql_duration")).isFalse();
        }
    }

    @Test
    void createOnExistingMapRunsNoCode() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(EXAMPLE_1)) {
            h.processingTime(0);
            h.send(event("taskid", "a", "logger", "TASK_START"));
            h.send(event("taskid", "a", "logger", "SQL", "duration", 10L));
            h.send(event("taskid", "a", "logger", "TASK_START")); // must not reset to 0
            h.send(event("taskid", "a", "logger", "TASK_END"));
            assertThat(h.done().get(3).get("sql_duration")).isEqualTo(10L);
        }
    }

    @Test
    void createOrUpdateIsTheDefault() throws Exception {
        String example2 =
                """
                if [logger] == "SQL" {
                  aggregate {
                    task_id => "%{taskid}"
                    code => "map['sql_duration'] ||= 0 ; map['sql_duration'] += event.get('duration')"
                  }
                }
                if [logger] == "TASK_END" {
                  aggregate {
                    task_id => "%{taskid}"
                    code => "event.set('sql_duration', map['sql_duration'])"
                    end_of_task => true
                    timeout => 120
                  }
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(example2)) {
            h.processingTime(0);
            h.send(event("taskid", "a", "logger", "SQL", "duration", 12L));
            h.send(event("taskid", "a", "logger", "SQL", "duration", 34L));
            h.send(event("taskid", "a", "logger", "TASK_END"));
            h.send(event("taskid", "a", "logger", "SQL", "duration", 1L)); // a new task after end
            h.send(event("taskid", "a", "logger", "TASK_END"));
            List<Event> out = h.done();
            assertThat(out.get(2).get("sql_duration")).isEqualTo(46L);
            assertThat(out.get(4).get("sql_duration")).isEqualTo(1L);
        }
    }

    @Test
    void rubyExceptionTagsTheEventAndSkipsAddTag() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{taskid}"
                  code => "map['n'] = 1; map['sum'] += event.get('duration')"
                  add_tag => ["aggregated"]
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.processingTime(0);
            h.send(event("taskid", "a", "duration", 5L));
            h.send(event("taskid", "b"));
            List<Event> out = h.done();
            assertThat(out.get(0).tags()).containsExactly("_aggregateexception");
            assertThat(out.get(1).tags()).containsExactly("_aggregateexception");
        }
    }

    @Test
    void unresolvedTaskIdPassesUntouched() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{taskid}"
                  code => "event.set('seen', true)"
                  add_tag => ["aggregated"]
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.processingTime(0);
            h.send(event("other", "x"));
            Event out = h.done().get(0);
            assertThat(out.includes("seen")).isFalse();
            assertThat(out.tags()).isEmpty();
        }
    }

    @Test
    void cancelledEventsAreDropped() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{taskid}"
                  code => "map['n'] ||= 0; map['n'] += 1; event.cancel()"
                  push_map_as_event_on_timeout => true
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.processingTime(0);
            h.send(event("taskid", "a"));
            h.send(event("taskid", "a"));
            assertThat(h.done()).isEmpty();
            h.endInput();
            assertThat(h.done()).hasSize(1);
            assertThat(h.done().get(0).get("n")).isEqualTo(2L);
        }
    }

    @Test
    void newEventBlockEventsContinueAfterTheBlock() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{id}"
                  code => "
                    map['n'] ||= 0; map['n'] += 1
                    new_event_block.call(LogStash::Event.new('summary' => map['n'], 'id' => event.get('id')))
                  "
                }
                mutate { add_tag => ["after"] }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.processingTime(0);
            h.send(event("id", "a"));
            h.send(event("id", "a"));
            List<Event> out = h.done();
            assertThat(out).hasSize(4);
            assertThat(out).allSatisfy(e -> assertThat(e.tags()).containsExactly("after"));
            assertThat(out.get(1).get("summary")).isEqualTo(1L);
            assertThat(out.get(3).get("summary")).isEqualTo(2L);
        }
    }
}
