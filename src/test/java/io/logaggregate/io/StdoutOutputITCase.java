package io.logaggregate.io;

import static io.logaggregate.io.Defs.def;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class StdoutOutputITCase {
    @Test
    void jsonLinesFromParallelWritersAreWholeLines() throws Exception {
        List<Event> events = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Event e =
                    FileOutputITCase.event(
                            "2026-01-31T00:00:00.000Z",
                            "k",
                            "message " + i + " " + "x".repeat(i % 300));
            events.add(e);
            expected.add(e.toJson());
        }
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            env.setParallelism(2);
            Outputs.create(
                            def("output", "stdout", "codec", "json_lines"),
                            IoContext.ofCurrentDirectory())
                    .attach(env.fromData(events, EventTypeInfo.INSTANCE).rebalance());
            env.execute("stdout output");
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        assertThat(Arrays.asList(text.split("\n", -1)).subList(0, events.size()))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(text.split("\n", -1)).hasSize(events.size() + 1);
    }
}
