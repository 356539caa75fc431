package io.logaggregate.aggregate;

import static io.logaggregate.aggregate.AggregateHarness.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.time.Instant;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * After a task ends or expires, whatever the reason, the stage keeps nothing for it: no keyed state
 * entry and no timer (as flink-training's long-ride-alerts checks its state). And the open-task
 * count is right after a restore.
 */
class AggregateStateCleanupTest {
    private static final Instant T0 = Instant.parse("2026-01-31T00:00:00Z");

    private static Event at(long seconds, Object... kv) {
        Event e = event(kv);
        e.setTimestamp(T0.plusSeconds(seconds));
        return e;
    }

    private static void assertNothingLeft(AggregateHarness h) {
        assertThat(h.keyedStateEntries()).as("keyed state entries").isZero();
        assertThat(h.timers()).as("timers").isZero();
        assertThat(h.openTasksGauge()).as("open_tasks").isZero();
    }

    private static final String PROCESSING_TIME =
            """
            aggregate {
              task_id => "%{id}"
              code => "map['n'] ||= 0; map['n'] += 1; map_meta.timeout = 0 if event.get('zero')"
              end_of_task => false
              push_map_as_event_on_timeout => true
              timeout => 10
              inactivity_timeout => 5
            }
            if [last] {
              aggregate {
                task_id => "%{id}" code => "map['end'] = true" map_action => "update" end_of_task => true
              }
            }
            """;

    @Test
    void endOfTaskLeavesNoStateAndNoTimer() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(PROCESSING_TIME)) {
            h.processingTime(0);
            h.send(event("id", "a"));
            assertThat(h.keyedStateEntries()).isEqualTo(1);
            assertThat(h.timers()).isEqualTo(1);
            assertThat(h.openTasksGauge()).isEqualTo(1);
            h.send(event("id", "a", "last", true));
            assertNothingLeft(h);
        }
    }

    @Test
    void inactivityTimerLeavesNothing() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(PROCESSING_TIME)) {
            h.processingTime(0);
            h.send(event("id", "a"));
            h.processingTime(5_001);
            assertThat(h.done()).hasSize(2);
            assertNothingLeft(h);
        }
    }

    @Test
    void timeoutTimerLeavesNothing() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(PROCESSING_TIME)) {
            h.processingTime(0);
            h.send(event("id", "a"));
            for (long t = 4_000; t <= 8_000; t += 4_000) {
                h.processingTime(t);
                h.send(event("id", "a")); // active, so the 10 s timeout comes first
            }
            h.processingTime(10_001);
            assertThat(h.done()).hasSize(4);
            assertNothingLeft(h);
        }
    }

    @Test
    void mapMetaZeroLeavesNothing() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(PROCESSING_TIME)) {
            h.processingTime(0);
            h.send(event("id", "a"));
            h.send(event("id", "a", "zero", true));
            assertThat(h.done()).hasSize(3);
            assertNothingLeft(h);
        }
    }

    @Test
    void endOfInputLeavesNothing() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(PROCESSING_TIME)) {
            h.processingTime(0);
            h.send(event("id", "a"));
            h.send(event("id", "b"));
            h.endInput();
            assertThat(h.done()).hasSize(4);
            assertNothingLeft(h);
        }
    }

    private static final String EVENT_TIME =
            """
            aggregate {
              task_id => "%{id}"
              code => "map['n'] ||= 0; map['n'] += 1"
              map_action => "create"
              push_map_as_event_on_timeout => true
              timeout => 60
              timeout_timestamp_field => "@timestamp"
            }
            aggregate { task_id => "%{id}" code => "map['n'] += 1" map_action => "update" }
            """;

    @Test
    void watermarkExpiryLeavesNothing() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(EVENT_TIME)) {
            h.send(at(0, "id", "a"));
            h.watermark(T0.plusSeconds(61));
            assertThat(h.done()).hasSize(2);
            assertNothingLeft(h);
        }
    }

    @Test
    void expiryOnArrivalLeavesNothing() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(EVENT_TIME)) {
            h.send(at(0, "id", "a"));
            // 100 s later, before any watermark: the task expires on arrival at the first
            // block, and the event opens a new one there
            h.send(at(100, "id", "a"));
            assertThat(h.keyedStateEntries()).isEqualTo(1);
            assertThat(h.timers()).isEqualTo(1);
            h.endInput();
            assertNothingLeft(h);
        }
    }

    @Test
    void batchEndOfKeyLeavesNothing() throws Exception {
        try (AggregateHarness h = AggregateHarness.of(EVENT_TIME, true)) {
            h.send(at(0, "id", "a"));
            h.send(at(1, "id", "a"));
            h.send(at(0, "id", "b"));
            h.watermark(Instant.ofEpochMilli(Long.MAX_VALUE)); // the end of a batch input
            h.endInput();
            assertThat(h.done()).hasSize(5);
            assertNothingLeft(h);
        }
    }

    @Test
    void pushPreviousKeepsOnlyTheCurrentMapAndNoneAfterTheEnd() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{id}"
                  code => "map['n'] ||= 0; map['n'] += 1"
                  push_previous_map_as_event => true
                  timeout => 5
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.processingTime(0);
            h.send(event("id", "a"));
            h.send(event("id", "b"));
            assertThat(h.openTasksGauge()).isEqualTo(1); // a was pushed when b came
            h.processingTime(6_000); // the scan due at 1 s runs and is due again at 7 s
            h.processingTime(7_000); // and expires b
            assertThat(h.openTasksGauge()).isZero();
            h.send(event("id", "c"));
            h.endInput();
            assertThat(h.done()).hasSize(6);
            assertThat(h.openTasksGauge()).isZero();
        }
    }

    @Test
    void openTaskCountIsRebuiltFromRestoredState() throws Exception {
        OperatorSubtaskState snapshot;
        try (AggregateHarness h = AggregateHarness.of(PROCESSING_TIME)) {
            h.processingTime(0);
            h.send(event("id", "a"));
            h.send(event("id", "b"));
            h.send(event("id", "c"));
            h.send(event("id", "c", "last", true));
            assertThat(h.openTasksGauge()).isEqualTo(2);
            snapshot = h.snapshot();
        }
        try (AggregateHarness h = AggregateHarness.restored(PROCESSING_TIME, snapshot)) {
            assertThat(h.openTasksGauge()).isEqualTo(2);
            h.processingTime(0);
            h.send(event("id", "a", "last", true));
            h.send(event("id", "b", "last", true));
            h.send(event("id", "d"));
            assertThat(h.openTasksGauge()).isEqualTo(1);
            assertThat(h.keyedStateEntries()).isEqualTo(1);
        }
    }

    @Test
    void pushPreviousOpenTaskCountAfterRestore() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{id}"
                  code => "map['n'] = 1"
                  push_previous_map_as_event => true
                }
                """;
        OperatorSubtaskState snapshot;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.processingTime(0);
            h.send(event("id", "a"));
            snapshot = h.snapshot();
        }
        try (AggregateHarness h = AggregateHarness.restored(filters, snapshot)) {
            assertThat(h.openTasksGauge()).isEqualTo(1);
            h.endInput();
            assertThat(h.openTasksGauge()).isZero();
            assertThat(h.done()).hasSize(1);
        }
    }
}
