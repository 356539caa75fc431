package io.logaggregate.io;

import static io.logaggregate.io.Defs.def;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StdinInputITCase {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void readsLinesUntilEofAndEnds() throws Exception {
        InputStream original = System.in;
        List<String> seen = new ArrayList<>();
        try {
            System.setIn(
                    new ByteArrayInputStream(
                            "first\r\nsecond\n\nlast without newline"
                                    .getBytes(StandardCharsets.UTF_8)));
            InputSpec input =
                    Inputs.create(
                            def("input", "stdin", "add_field", java.util.Map.of("src", "term")),
                            IoContext.ofCurrentDirectory());
            assertThat(input.bounded()).isTrue();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            try (CloseableIterator<Event> it = input.build(env).executeAndCollect()) {
                while (it.hasNext()) {
                    Event e = it.next();
                    assertThat(e.get("host")).isInstanceOf(String.class);
                    assertThat(e.get("src")).isEqualTo("term");
                    assertThat(e.includes("path")).isFalse();
                    seen.add(e.get("message") + "|" + e.split() + "|" + e.position());
                }
            }
        } finally {
            System.setIn(original);
        }
        assertThat(seen)
                .containsExactly(
                        "first|stdin|0",
                        "second|stdin|1",
                        "|stdin|2",
                        "last without newline|stdin|3");
    }
}
