package io.logaggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.ConfigParser;
import io.logaggregate.event.Event;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A condition of the output section that cannot be evaluated ({@code [a] > 100} with a string
 * {@code [a]}) keeps the event from every branch of its if/else, as Logstash 8.16+ does; an output
 * outside that if still gets it.
 */
class OutputRouteConditionTest {

    @Test
    void anUnevaluableConditionKeepsTheEventFromBothBranchesOnly() {
        CompiledPipeline p =
                PipelineCompiler.compile(
                        ConfigParser.parse(
                                "out.conf",
                                """
                                input { stdin {} }
                                output {
                                  if [a] > 100 { stdout { id => "big" } } else { stdout { id => "small" } }
                                  stdout { id => "all" }
                                }
                                """,
                                Map.of()),
                        Path.of("."));
        List<OutputRoute> routes = p.outputs();
        assertThat(routes).hasSize(3);

        Event number = new Event();
        number.set("a", 5L);
        assertThat(routes).extracting(r -> r.accepts(number)).containsExactly(false, true, true);

        Event text = new Event();
        text.set("a", "five");
        assertThat(routes).extracting(r -> r.accepts(text)).containsExactly(false, false, true);
    }
}
