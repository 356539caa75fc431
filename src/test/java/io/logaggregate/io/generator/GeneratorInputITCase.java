package io.logaggregate.io.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.SourceLocation;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.Setting;
import io.logaggregate.event.Event;
import io.logaggregate.io.InputSpec;
import io.logaggregate.io.Inputs;
import io.logaggregate.io.IoContext;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class GeneratorInputITCase {
    private static final SourceLocation AT = new SourceLocation("t.conf", 2, 3);

    @Test
    void emitsItsLinesCountTimesInOrderThenEnds() throws Exception {
        InputSpec in =
                Inputs.create(
                        new PluginDef(
                                "input",
                                "generator",
                                List.of(
                                        new Setting("lines", List.of("a", "b"), false, AT),
                                        new Setting("count", 3L, false, AT)),
                                AT),
                        IoContext.ofCurrentDirectory());
        assertThat(in.bounded()).isTrue();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<Event> out = in.build(env).executeAndCollect(100);
        assertThat(out)
                .extracting(e -> e.get("message"))
                .containsExactly("a", "b", "a", "b", "a", "b");
        assertThat(out).extracting(e -> e.get("sequence")).containsExactly(0L, 0L, 1L, 1L, 2L, 2L);
        assertThat(out).allSatisfy(e -> assertThat(e.includes("host")).isTrue());
    }

    @Test
    void countZeroIsUnbounded() {
        InputSpec in =
                Inputs.create(
                        new PluginDef("input", "generator", List.of(), AT),
                        IoContext.ofCurrentDirectory());
        assertThat(in.bounded()).isFalse();
    }
}
