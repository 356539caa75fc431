package io.logaggregate.aggregate;

import static io.logaggregate.aggregate.AggregateHarness.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import io.logaggregate.stage.StageMetrics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The aggregate stage's metrics count what happened to the tasks (README "Metrics"). */
class AggregateMetricsTest {
    private static final Instant T0 = Instant.parse("2026-01-31T00:00:00Z");

    private static Event at(long seconds, Object... kv) {
        Event e = event(kv);
        e.setTimestamp(T0.plusSeconds(seconds));
        return e;
    }

    @Test
    void countsTasksPushesErrorsAndLateEvents() throws Exception {
        String filters =
                """
                aggregate {
                  task_id => "%{id}"
                  code => "map['n'] ||= 0; map['n'] += 1; raise 'boom' if event.get('bad')"
                  push_map_as_event_on_timeout => true
                  timeout => 60
                  timeout_timestamp_field => "@timestamp"
                  timeout_code => "raise 'late' if event.get('n') == 2"
                }
                if [last] {
                  aggregate {
                    task_id => "%{id}" code => "map['end'] = 1" map_action => "update"
                    end_of_task => true
                  }
                }
                """;
        try (AggregateHarness h = AggregateHarness.of(filters)) {
            h.send(at(0, "id", "a"));
            h.send(at(0, "id", "b"));
            h.send(at(1, "id", "b", "bad", true));
            h.send(at(2, "id", "c"));
            h.send(at(3, "id", "c", "last", true));
            h.watermark(T0.plusSeconds(61)); // a and b expire, b's timeout_code raises
            h.send(at(30, "id", "d")); // behind the watermark
            h.endInput(); // d is flushed

            StageMetrics m = h.operator.metrics();
            assertThat(m.created.getCount()).isEqualTo(4);
            assertThat(m.ended.getCount()).isEqualTo(1);
            assertThat(m.expired.getCount()).isEqualTo(2);
            assertThat(m.flushed.getCount()).isEqualTo(1);
            assertThat(m.replaced.getCount()).isZero();
            assertThat(m.pushed.getCount()).isEqualTo(3);
            assertThat(m.codeErrors.getCount()).isEqualTo(1);
            assertThat(m.timeoutCodeErrors.getCount()).isEqualTo(1);
            assertThat(m.lateEvents.getCount()).isEqualTo(1);
            assertThat(m.openTasks.getValue()).isZero();
        }
    }
}
