package io.logaggregate.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The task's times are one long of nanoseconds each while a long holds them (1677 to 2262); any
 * other Instant (a garbled timestamp of year 1 or 9999) is kept exactly beside them. Either way the
 * task gives back, computes its deadline from and stores exactly the times it was given.
 */
class TaskStateTest {
    private static final List<Instant> TIMES =
            List.of(
                    Instant.parse("2026-03-01T00:00:00Z"),
                    Instant.parse("2026-03-01T00:00:00.123456789Z"),
                    Instant.parse("1969-12-31T23:59:59.999999999Z"),
                    Instant.parse("1677-09-21T00:12:44Z"),
                    Instant.parse("2262-04-11T23:47:16.854775807Z"),
                    Instant.parse("0001-01-01T00:00:00.5Z"),
                    Instant.parse("9999-12-31T23:59:59.999999999Z"),
                    Instant.MIN,
                    Instant.MAX);

    @Test
    void everyTimeIsKeptExactly() throws Exception {
        for (Instant creation : TIMES) {
            for (Instant last : TIMES) {
                TaskState t = new TaskState("id", creation);
                t.setLastEvent(last);
                check(t, creation, last, null, null);
                t.setTimeouts(5L, null);
                check(t, creation, last, 5L, null);
                t.setLastEvent(creation);
                check(t, creation, creation, 5L, null);
                t.setLastEvent(last);
                t.setTimeouts(null, 7L);
                check(t, creation, last, null, 7L);
                t.setTimeouts(null, null);
                check(t, creation, last, null, null);
                t.setCreation(last);
                check(t, last, last, null, null);
            }
        }
    }

    @Test
    void theDeadlineIsComputedFromTheExactTimes() {
        Instant creation = Instant.parse("2026-03-01T00:00:00.250Z");
        Instant last = Instant.parse("2026-03-01T00:00:09.999999999Z");
        TaskState t = new TaskState("id", creation);
        t.setLastEvent(last);
        t.setTimeouts(30L, 10L); // inactivity first: 00:00:19.999999999
        assertThat(t.deadline(null)).isEqualTo(last.plusSeconds(10));
        assertThat(t.deadlineMillis(null)).isEqualTo(last.plusSeconds(10).toEpochMilli());
        assertThat(t.expiredAt(last.plusSeconds(10), null)).isFalse();
        assertThat(t.expiredAt(last.plusSeconds(10).plusNanos(1), null)).isTrue();
        t.setTimeouts(12L, 10L); // timeout first: 00:00:12.250
        assertThat(t.deadline(null)).isEqualTo(creation.plusSeconds(12));
        assertThat(t.deadlineMillis(null)).isEqualTo(creation.plusSeconds(12).toEpochMilli());

        Instant year9000 = Instant.parse("9000-01-01T00:00:00.5Z");
        TaskState far = new TaskState("id", year9000);
        far.setTimeouts(60L, 60L);
        assertThat(far.deadline(null)).isEqualTo(year9000.plusSeconds(60));
        assertThat(far.deadlineMillis(null)).isEqualTo(year9000.plusSeconds(60).toEpochMilli());
    }

    private static void check(
            TaskState t, Instant creation, Instant last, Long timeout, Long inactivity)
            throws Exception {
        for (TaskState s : List.of(t, TaskStateSerializer.INSTANCE.copy(t), roundTrip(t))) {
            assertThat(s.creation()).isEqualTo(creation);
            assertThat(s.lastEvent()).isEqualTo(last);
            assertThat(s.timeout()).isEqualTo(timeout);
            assertThat(s.inactivityTimeout()).isEqualTo(inactivity);
        }
    }

    private static TaskState roundTrip(TaskState t) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TaskStateSerializer.INSTANCE.serialize(t, out);
        return TaskStateSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
