package io.logaggregate.ruby;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jruby.Ruby;
import org.jruby.RubyArray;
import org.jruby.RubyHash;
import org.jruby.runtime.builtin.IRubyObject;
import org.junit.jupiter.api.Test;

class RubyValuesTest {
    private final Ruby runtime = RubyEngine.get().runtime();

    @Test
    void everyValueTypeRoundTrips() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "text ü");
        value.put("l", Long.MAX_VALUE);
        value.put("d", -2.5);
        value.put("b", true);
        value.put("n", null);
        value.put("t", Instant.parse("2026-01-31T00:02:00.123456789Z"));
        value.put("list", new ArrayList<>(Arrays.asList(1L, "two", null, List.of(3L))));
        value.put("map", new LinkedHashMap<>(Map.of("inner", Map.of("x", 1L))));

        Object back = RubyValues.toJava(RubyValues.toRuby(runtime, value));

        assertThat(back).isEqualTo(value).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) back;
        assertThat(m.keySet()).containsExactly("s", "l", "d", "b", "n", "t", "list", "map");
        assertThat(m.get("list")).isInstanceOf(ArrayList.class);
        assertThat(m.get("map")).isInstanceOf(LinkedHashMap.class);
    }

    @Test
    void rubyCopiesAreIndependentOfTheJavaValue() {
        List<Object> list = new ArrayList<>(List.of(1L));
        @SuppressWarnings("unchecked")
        RubyArray<IRubyObject> array = (RubyArray<IRubyObject>) RubyValues.toRuby(runtime, list);
        array.append(runtime.newFixnum(2));
        assertThat(list).containsExactly(1L);
    }

    @Test
    void javaIntegersAndFloatsAreNormalizedOnTheWayIn() {
        assertThat(RubyValues.toJava(RubyValues.toRuby(runtime, 5))).isEqualTo(5L);
        assertThat(RubyValues.toJava(RubyValues.toRuby(runtime, 1.5f))).isEqualTo(1.5);
    }

    @Test
    void symbolKeysBecomeStrings() {
        RubyHash hash = (RubyHash) runtime.evalScriptlet("{a: {b: [:c]}, 'd' => 1}");
        assertThat(RubyValues.toJavaMap(hash))
                .isEqualTo(Map.of("a", Map.of("b", List.of("c")), "d", 1L));
    }

    @Test
    void copyIntoReplacesTheContentOfTheSameMap() {
        Map<String, Object> target = new LinkedHashMap<>(Map.of("old", 1L));
        RubyHash hash = (RubyHash) runtime.evalScriptlet("{'new' => 2}");
        RubyValues.copyInto(hash, target);
        assertThat(target).containsExactly(Map.entry("new", 2L));
    }

    @Test
    void oneEngineForAllCallers() throws Exception {
        RubyEngine.preload();
        RubyEngine[] seen = new RubyEngine[2];
        Thread t = new Thread(() -> seen[0] = RubyEngine.get());
        t.start();
        seen[1] = RubyEngine.get();
        t.join();
        assertThat(seen[0]).isSameAs(seen[1]).isSameAs(RubyEngine.get());
    }
}
