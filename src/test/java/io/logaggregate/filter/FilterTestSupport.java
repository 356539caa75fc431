package io.logaggregate.filter;

import io.logaggregate.config.SourceLocation;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.Setting;
import io.logaggregate.event.Event;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for filter tests: plugin blocks, events and expected maps. */
final class FilterTestSupport {
    static final SourceLocation LOC = new SourceLocation("test.conf", 3, 5);
    static final Instant T0 = Instant.parse("2026-01-31T00:02:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);
    static final FilterContext CTX = new FilterContext(Path.of("."), CLOCK);

    private FilterTestSupport() {}

    /** A filter block: name, then setting name/value pairs (a name may repeat). */
    static PluginDef def(String name, Object... settings) {
        List<Setting> list = new ArrayList<>();
        for (int i = 0; i < settings.length; i += 2) {
            list.add(
                    new Setting(
                            (String) settings[i],
                            settings[i + 1],
                            false,
                            new SourceLocation("test.conf", 4 + i / 2, 7)));
        }
        return new PluginDef("filter", name, list, LOC);
    }

    static Filter filter(String name, Object... settings) {
        Filter f = FilterRegistry.create(def(name, settings), CTX);
        try {
            f.open();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return f;
    }

    /** Runs a filter once; returns the same event. */
    static Event run(Filter f, Event e) {
        f.filter(
                e,
                extra -> {
                    throw new AssertionError("unexpected extra event " + extra);
                });
        return e;
    }

    /** An event at T0 with the given fields (plus @timestamp and @version). */
    static Event event(Object... kv) {
        return Event.fromMap(map(kv), T0);
    }

    /** The map an event at T0 with these fields has. */
    static Map<String, Object> expected(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@timestamp", T0);
        m.put("@version", "1");
        m.putAll(map(kv));
        return m;
    }

    static LinkedHashMap<String, Object> map(Object... kv) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }
}
