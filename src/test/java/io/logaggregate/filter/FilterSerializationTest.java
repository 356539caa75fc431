package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.def;
import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.event.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Filters are built on the client and shipped to TaskManagers: they must survive Java
 * serialization.
 */
class FilterSerializationTest {
    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private static Filter shipped(Object... args) throws Exception {
        String name = (String) args[0];
        Object[] settings = Arrays.copyOfRange(args, 1, args.length);
        // built on the "client", copied, opened on the "TaskManager"
        Filter f = roundTrip(FilterRegistry.create(def(name, settings), FilterTestSupport.CTX));
        f.open();
        return f;
    }

    @Test
    void everyFilterWorksAfterSerialization() throws Exception {
        Filter grok =
                shipped(
                        "grok",
                        "patterns_dir",
                        list("conf/patterns"),
                        "match",
                        list("message", "%{POSTFIX_MSG_ID:id}"));
        Filter date = shipped("date", "match", list("t", "MMM dd HH:mm:ss"), "timezone", "UTC");
        Filter mutate =
                shipped("mutate", "gsub", list("message", "C6", "c6"), "add_tag", list("m"));
        Filter drop = shipped("drop", "percentage", 100L);

        Event e = event("message", "C6E0DDB74006: removed", "t", "Oct 10 15:59:28");
        run(grok, e);
        run(date, e);
        run(mutate, e);
        assertThat(e.get("id")).isEqualTo("C6E0DDB74006");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-10-10T15:59:28Z"));
        assertThat(e.get("message")).isEqualTo("c6E0DDB74006: removed");
        assertThat(e.tags()).containsExactly("m");
        assertThat(run(drop, e).isCancelled()).isTrue();

        assertThat(roundTrip(new FilterContext(Path.of("/x"))).pipelineDir())
                .isEqualTo(Path.of("/x"));
        assertThat(
                        roundTrip(
                                CommonOptions.from(
                                        new PluginSettings(
                                                def("grok", "add_field", map("a", "b")),
                                                List.of()))))
                .isNotNull();
    }
}
