package io.logaggregate.aggregate;

import static io.logaggregate.aggregate.AggregateHarness.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * Every timeout path of the aggregate stage (issue 3), and the pushed maps Logstash would lose
 * (docs/aggregate-semantics.md, "Where we differ from Logstash on purpose"), through Flink's
 * operator test harness.
 */
class AggregateTimeoutTest {
    private static final Instant T0 = Instant.parse("2026-01-31T00:00:00Z");

    private static Event at(long secondsAfterT0, Object... kv) {
        Event e = event(kv);
        e.setTimestamp(T0.plusSeconds(secondsAfterT0));
        return e;
    }

    private static final String CLICKS_EVENT_TIME =
            """
            aggregate {
              task_id => "%{user_id}"
              code => "map['clicks'] ||= 0; map['clicks'] += 1"
              push_map_as_event_on_timeout => true
              timeout_task_id_field => "user_id"
              timeout => 600
              inactivity_timeout => 300
              timeout_tags => ['_aggregatetimeout']
              timeout_code => "event.set('several_clicks', event.get('clicks') > 1)"
              timeout_timestamp_field => "@timestamp"
            }
            """;

    /**
     * The stage keeps no timer time in the task state: it derives it from the deadline. A savepoint
     * taken with a shorter timeout brings back a timer before the deadline the restored pipeline
     * gives the task: it fires, finds the task not due, and waits again at the deadline.
     */
    @Test
    void aTimerRestoredBeforeTheDeadlineWaitsForIt() throws Exception {
        String shortTimeout = CLICKS_EVENT_TIME.replace("inactivity_timeout => 300", "");
        String longer = shortTimeout.replace("timeout => 600", "timeout => 900");
        OperatorSubtaskState savepoint;
        try (AggregateHarness h = AggregateHarness.of(shortTimeout)) {
            h.send(at(0, "user_id", "u1"));
            savepoint = h.snapshot();
        }
        try (AggregateHarness h = AggregateHarness.restored(longer, savepoint)) {
            h.watermark(T0.plusSeconds(601)); // the restored timer, at the old deadline, fires
            assertThat(h.done()).isEmpty();
            assertThat(h.keyedStateEntries()).isEqualTo(1);
            assertThat(h.timers()).isEqualTo(1); // again, at the new deadline
            h.watermark(T0.plusSeconds(901));
            assertThat(h.done()).hasSize(1);
            assertThat(h.done().get(0).timestamp()).isEqualTo(T0.plusSeconds(900));
            assertThat(h.keyedStateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void idleTaskExpiresWhenTheWatermarkPassesItsDeadline() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(CLICKS_EVENT_TIME)) {
            h.send(at(0, "user_id", "u1"));
            h.send(at(10, "user_id", "u1"));
            h.send(at(20, "user_id", "u2"));
            h.watermark(T0.plusSeconds(310)); // u1 idle since 10 s: deadline 310 not yet passed
            assertThat(h.done()).hasSize(3);
            h.watermark(T0.plusSeconds(311));
            List<Event> out = h.done();
            assertThat(out).hasSize(4);
            Event pushed = out.get(3);
            assertThat(pushed.get("user_id")).isEqualTo("u1");
            assertThat(pushed.get("clicks")).isEqualTo(2L);
            assertThat(pushed.get("several_clicks")).isEqualTo(true);
            assertThat(pushed.tags()).containsExactly("_aggregatetimeout");
            assertThat(pushed.timestamp()).isEqualTo(T0.plusSeconds(310));
        }
    }

    @Test
    void timeoutSinceCreationBeatsInactivity() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(CLICKS_EVENT_TIME)) {
            for (int s = 0; s <= 700; s += 100) {
                h.send(at(s, "user_id", "u1"));
            }
            // at 700 the task (created at 0, timeout 600) has expired: pushed with 7 clicks
            // (0..600), and 700 opens a new one
            List<Event> out = h.done();
            assertThat(out).hasSize(9);
            assertThat(out.get(8).get("clicks")).isEqualTo(7L);
            assertThat(out.get(8).timestamp()).isEqualTo(T0.plusSeconds(600));
        }
    }

    @Test
    void expiryOnArrivalWithUpdateStillPushes_Q2() throws Exception {
        String filters =
                """
                if [step] == "start" {
                  aggregate {
                    task_id => "%{id}"
                    code => "map['steps'] = 1"
                    map_action => "create"
                    push_map_as_event_on_timeout => true
                    timeout => 60
                    timeout_timestamp_field => "@timestamp"
                  }
                } else {
                  aggregate {
                    task_id => "%{id}"
                    code => "map['steps'] += 1"
                    map_action => "update"
                  }
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.send(at(0, "id", "t", "step", "start"));
            h.send(at(30, "id", "t", "step", "more"));
            h.send(at(100, "id", "t", "step", "more")); // expired: Logstash loses the map here
            List<Event> out = h.done();
            assertThat(out).hasSize(4);
            assertThat(out.get(3).get("steps")).isEqualTo(2L);
            assertThat(out.get(3).timestamp()).isEqualTo(T0.plusSeconds(60));
        }
    }

    @Test
    void mapMetaTimeoutZeroPushesAtOnce() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{id}"
                  code => "map['n'] ||= 0; map['n'] += 1; map_meta.timeout = 0 if event.get('last')"
                  push_map_as_event_on_timeout => true
                  timeout_tags => ['done']
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.processingTime(1_000);
            h.send(event("id", "a"));
            h.send(event("id", "a", "last", true));
            List<Event> out = h.done();
            assertThat(out).hasSize(3);
            assertThat(out.get(2).get("n")).isEqualTo(2L);
            assertThat(out.get(2).tags()).containsExactly("done");
            h.endInput();
            assertThat(h.done()).hasSize(3); // the map is gone
        }
    }

    @Test
    void perTaskInactivityFromMapMeta() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{id}"
                  code => "map['n'] ||= 0; map['n'] += 1; map_meta.inactivity_timeout = 5 if event.get('id') == 'short'"
                  push_map_as_event_on_timeout => true
                  timeout => 100
                  timeout_timestamp_field => "@timestamp"
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.send(at(0, "id", "short"));
            h.send(at(0, "id", "long"));
            h.watermark(T0.plusSeconds(10));
            List<Event> out = h.done();
            assertThat(out).hasSize(3);
            assertThat(out.get(2).timestamp()).isEqualTo(T0.plusSeconds(5));
            h.watermark(T0.plusSeconds(101));
            assertThat(h.done()).hasSize(4);
            assertThat(h.done().get(3).timestamp()).isEqualTo(T0.plusSeconds(100));
        }
    }

    @Test
    void mapMetaTimeoutDoesNotLoseTheExpiredMap_Q3() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{id}"
                  code => "map['n'] ||= 0; map['n'] += 1; map_meta.timeout = 50"
                  push_map_as_event_on_timeout => true
                  timeout => 100
                  timeout_timestamp_field => "@timestamp"
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.send(at(0, "id", "a"));
            h.send(at(60, "id", "a")); // past the per-task timeout of 50 s
            List<Event> out = h.done();
            assertThat(out).hasSize(3);
            assertThat(out.get(2).get("n")).isEqualTo(1L);
            assertThat(out.get(2).timestamp()).isEqualTo(T0.plusSeconds(50));
        }
    }

    @Test
    void processingTimeTimerPushes() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{id}"
                  code => "map['n'] ||= 0; map['n'] += 1"
                  push_map_as_event_on_timeout => true
                  timeout => 10
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.processingTime(0);
            h.send(event("id", "a"));
            h.processingTime(10_000);
            assertThat(h.done()).hasSize(1);
            h.processingTime(10_001);
            List<Event> out = h.done();
            assertThat(out).hasSize(2);
            assertThat(out.get(1).get("n")).isEqualTo(1L);
            assertThat(out.get(1).tags()).isEmpty();
        }
    }

    @Test
    void endOfInputPushesUnexpiredMapsWithFinalFlushTag_Q6() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{id}"
                  code => "map['n'] ||= 0; map['n'] += 1"
                  push_map_as_event_on_timeout => true
                  timeout_tags => ['_aggregatetimeout']
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.processingTime(0);
            h.send(event("id", "a"));
            h.send(event("id", "b"));
            h.endInput();
            List<Event> out = h.done();
            assertThat(out).hasSize(4);
            assertThat(out.subList(2, 4))
                    .allSatisfy(
                            e ->
                                    assertThat(e.tags())
                                            .containsExactly(
                                                    "_aggregatetimeout", "_aggregatefinalflush"));
        }
    }

    @Test
    void missingTimestampFieldTagsInsteadOfCrashing_Q8() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{id}"
                  code => "map['n'] = 1"
                  timeout_timestamp_field => "event_time"
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.send(event("id", "a"));
            h.send(event("id", "a", "event_time", "not a time"));
            List<Event> out = h.done();
            assertThat(out).hasSize(2);
            assertThat(out)
                    .allSatisfy(
                            e ->
                                    assertThat(e.tags())
                                            .containsExactly("_aggregatetimestampfailure"));
        }
    }

    @Test
    void lateEventAfterExpiryOpensANewTask() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(CLICKS_EVENT_TIME)) {
            h.send(at(0, "user_id", "u1"));
            h.watermark(T0.plusSeconds(400));
            assertThat(h.done()).hasSize(2); // pushed at 300
            h.send(at(50, "user_id", "u1")); // late: its task is gone, a new one starts
            h.endInput();
            h.watermark(Instant.ofEpochMilli(Long.MAX_VALUE));
            List<Event> out = h.done();
            assertThat(out).hasSize(4);
            assertThat(out.get(3).get("clicks")).isEqualTo(1L);
        }
    }

    @Test
    void pushPreviousPushesTheOldestMapInArrivalOrder() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{country_name}"
                  code => "
                    map['country_name'] = event.get('country_name')
                    map['towns'] ||= []
                    map['towns'] << {'town_name' => event.get('town_name')}
                    event.cancel()
                  "
                  push_previous_map_as_event => true
                  timeout => 3
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.processingTime(0);
            h.send(event("country_name", "France", "town_name", "Paris"));
            h.send(event("country_name", "France", "town_name", "Marseille"));
            h.send(event("country_name", "USA", "town_name", "New-York"));
            List<Event> out = h.done();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).get("country_name")).isEqualTo("France");
            assertThat(out.get(0).get("towns"))
                    .isEqualTo(
                            List.of(
                                    java.util.Map.of("town_name", "Paris"),
                                    java.util.Map.of("town_name", "Marseille")));
            h.endInput();
            assertThat(h.done()).hasSize(2);
            assertThat(h.done().get(1).get("country_name")).isEqualTo("USA");
            assertThat(h.done().get(1).tags()).containsExactly("_aggregatefinalflush");
        }
    }

    @Test
    void batchModeRestoresInputOrderForEqualTimestamps() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{id}"
                  code => "map['seq'] ||= []; map['seq'] << event.get('n')"
                  push_map_as_event_on_timeout => true
                  timeout_timestamp_field => "@timestamp"
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters, true)) {
            for (long n = 0; n < 5; n++) {
                Event e = at(0, "id", "a", "n", n);
                e.setOrigin("f", 4 - n); // arrives in reverse order of its input position
                h.send(e);
            }
            h.watermark(Instant.ofEpochMilli(Long.MAX_VALUE));
            List<Event> out = h.done();
            assertThat(out).hasSize(6);
            assertThat(out.get(5).get("seq")).isEqualTo(List.of(4L, 3L, 2L, 1L, 0L));
        }
    }
}
