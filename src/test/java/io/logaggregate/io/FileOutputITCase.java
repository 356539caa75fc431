package io.logaggregate.io;

import static io.logaggregate.io.Defs.def;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutputITCase {
    @TempDir Path dir;

    static Event event(String ts, String kind, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@timestamp", ts);
        m.put("kind", kind);
        m.put("message", message);
        Event e = Event.fromMap(m, Instant.EPOCH);
        e.set("[@metadata][hidden]", "never written");
        return e;
    }

    static List<Event> events() {
        List<Event> events = new ArrayList<>();
        events.add(event("2026-01-30T23:59:59.000Z", "mail", "m0"));
        events.add(event("2026-01-31T00:00:01.500Z", "mail", "m1"));
        events.add(event("2026-01-31T00:00:02.000Z", "cron", "c0"));
        events.add(event("2026-01-31T00:00:03.000Z", "../../escape", "x0"));
        return events;
    }

    @Test
    void writesEachEventToItsInterpolatedPathExactly() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        DataStream<Event> stream = env.fromData(events(), EventTypeInfo.INSTANCE);
        Outputs.create(
                        def("output", "file", "path", dir + "/out/%{kind}-%{+YYYY-MM-dd}.log"),
                        IoContext.ofCurrentDirectory())
                .attach(stream);
        Outputs.create(
                        def(
                                "output",
                                "file",
                                "path",
                                dir + "/plain.txt",
                                "codec",
                                Defs.codec("line", "format", "%{kind} %{message}"),
                                "flush_interval",
                                0L),
                        IoContext.ofCurrentDirectory())
                .attach(stream);
        env.execute("file output");

        assertThat(Files.readString(dir.resolve("out/mail-2026-01-30.log")))
                .isEqualTo(
                        "{\"@timestamp\":\"2026-01-30T23:59:59.000Z\",\"@version\":\"1\",\"kind\":\"mail\",\"message\":\"m0\"}\n");
        assertThat(Files.readString(dir.resolve("out/mail-2026-01-31.log")))
                .isEqualTo(
                        "{\"@timestamp\":\"2026-01-31T00:00:01.500Z\",\"@version\":\"1\",\"kind\":\"mail\",\"message\":\"m1\"}\n");
        assertThat(Files.readString(dir.resolve("out/cron-2026-01-31.log")))
                .isEqualTo(
                        "{\"@timestamp\":\"2026-01-31T00:00:02.000Z\",\"@version\":\"1\",\"kind\":\"cron\",\"message\":\"c0\"}\n");
        // a path leaving the template's directory goes to the failure file, as in Logstash
        assertThat(Files.readString(dir.resolve("out/_filepath_failures")))
                .contains("\"message\":\"x0\"");
        assertThat(dir.getParent().resolve("escape-2026-01-31.log")).doesNotExist();
        assertThat(Files.readString(dir.resolve("plain.txt")))
                .isEqualTo("mail m0\nmail m1\ncron c0\n../../escape x0\n");
    }

    @Test
    void appendsToExistingFiles() throws Exception {
        Path out = dir.resolve("app.log");
        Files.writeString(out, "existing\n");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        Outputs.create(
                        def(
                                "output",
                                "file",
                                "path",
                                out.toString(),
                                "codec",
                                Defs.codec("line", "format", "%{message}")),
                        IoContext.ofCurrentDirectory())
                .attach(env.fromData(events(), EventTypeInfo.INSTANCE));
        env.execute("file output append");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("existing");
        assertThat(lines.subList(1, lines.size()))
                .containsExactlyInAnyOrder("m0", "m1", "c0", "x0");
    }
}
