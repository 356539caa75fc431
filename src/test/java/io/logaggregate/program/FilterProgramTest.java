package io.logaggregate.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.aggregate.AggregatePattern;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names stages get in metrics: [A-Za-z0-9_] only, unique in a pipeline. */
class FilterProgramTest {

    private static FilterProgram program(String... patterns) {
        return new FilterProgram(
                List.of(),
                java.util.Arrays.stream(patterns).map(AggregatePattern::new).toList(),
                null);
    }

    @Test
    void stageNamesAreSanitizedPatterns() {
        FilterProgram p = program("%{queue_id}", "%{host}-%{pid}", "mail %{[queue][id]}", "%{ü}");
        assertThat(p.stageName(0)).isEqualTo("queue_id");
        assertThat(p.stageName(1)).isEqualTo("host_pid");
        assertThat(p.stageName(2)).isEqualTo("mail_queue_id");
        assertThat(p.stageName(3)).isEqualTo("task");
    }

    @Test
    void stageNamesAreUnique() {
        FilterProgram p = program("%{a}-%{b}", "%{a}_%{b}", "%{[a][b]}");
        assertThat(List.of(p.stageName(0), p.stageName(1), p.stageName(2)))
                .containsExactly("a_b", "a_b_2", "a_b_3");
    }
}
