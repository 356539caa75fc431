package io.logaggregate.ruby;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jruby.Ruby;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which snippets run as fast code, and when fast code hands a call to JRuby. */
class FastAggregateCodeTest {
    private static final Instant T0 = Instant.parse("2026-01-31T00:02:00.123Z");

    private final RubyEngine engine = RubyEngine.get();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   \n  # a comment only\n",
                "nil",
                "map['line'] = __LINE__",
                "map['hostname'] ||= event.get('hostname')\nevent.cancel()",
                "map['to_mail'] ||= []; map['to_mail'] << event.get('to_mail'); event.cancel",
                "event.set('client_ip', map['client_ip'])\nevent.set('size', map['size'])",
                "map['n'] ||= 0\nmap['n'] += 1\nmap['d'] += event.get('duration')",
                "map['x'] = 'literal'; map['y'] = \"double\"; map['z'] = nil",
                "map['a'] ||= [1, 'two', nil, true, false, 2.5, -3, [event.get('[a][b]')]]",
                "event['copy'] = event['[nested][field]']",
                "event.set('[@metadata][k]', 'v'); event.tag('seen'); event.remove('message')",
                "map['q'] = [\n  1,\n  2]",
                "map['e'] ||= []\n\n\n  map['e'] << 'x' ;",
            })
    void snippetsOfTheSubsetRunAsFastCode(String code) throws Exception {
        assertThat(engine.fastPathRejection(code)).isNull();
        assertThat(engine.compileAggregateCode(code, "t:1:1"))
                .isInstanceOf(FastAggregateCode.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "x = 1",
                "map[:sym] = 1",
                "map['a'] = :sym",
                "map['a'] = {}",
                "map['a'] = 100000000000000000000",
                "map['a'] = \"#{event.get('x')}\"",
                "map['a'] = map['b']",
                "map['a'] << map['b']",
                "map['a'] ||= [map['b']]",
                "event.set('a', [map['b']])",
                "map['a'].push(1)",
                "map['a'] -= 1",
                "map['a'] &&= 1",
                "map['a'] ||= begin; 1; end",
                "event.set('a', 1) if map['b']",
                "map.each { |k, v| event.set(k, v) }",
                "map_meta.timeout = 0",
                "new_event_block.call(event)",
                "event.get('x').downcase",
                "map['a'] = event.get('x').to_s",
                "@logger.info('x')",
                "map['a'] = 1 rescue nil",
                "event&.cancel",
                "event.cancel(1)",
                "event.tag(map['t'])",
                "event.set(map['ref'], 1)",
                "event.get('[a')",
                "map['é'] = 1",
                "map['a'] = \"\\xff\"",
                "map['a'] =\n  event.get('x')",
                "event.set('a',\n  map['b'])",
                "map = {}",
                "event = nil; event.cancel",
                "map['a'] = 'x'.freeze",
                "map['a'] = [*event.get('x')]",
                "event.set('a', *['b', 1])",
            })
    void anythingElseRunsOnJRuby(String code) throws Exception {
        assertThat(engine.fastPathRejection(code)).isNotNull();
        assertThat(engine.compileAggregateCode(code, "t:1:1"))
                .isInstanceOf(CompiledAggregateCode.class);
    }

    @Test
    void codeThatClosesTheLambdaItselfRunsOnJRuby() throws Exception {
        String code = "}; lambda { |event, map, map_meta, &new_event_block| map['a'] = 1";
        try {
            assertThat(engine.compileAggregateCode(code, "t:1:1"))
                    .isNotInstanceOf(FastAggregateCode.class);
        } catch (RubyCompileException e) {
            // refused as not one block: fine too
        }
    }

    @Test
    void aRedefinedCoreMethodSendsCallsToJRubyUntilItIsRestored() throws Exception {
        AggregateCode code =
                engine.compileAggregateCode("map['l'] ||= []; map['l'] << event.get('x')", "t:1:1");
        assertThat(code).isInstanceOf(FastAggregateCode.class);
        Ruby runtime = engine.runtime();

        runtime.evalScriptlet("class Hash; def fast_code_test_helper; end; end");
        assertThat(engine.coreMethodsIntact()).as("an unrelated method").isTrue();

        runtime.evalScriptlet(
                "class Array; alias_method :fast_code_test_push, :<<;"
                        + " def <<(x); fast_code_test_push(x); fast_code_test_push(x); end; end");
        try {
            assertThat(engine.coreMethodsIntact()).isFalse();
            Map<String, Object> map = new LinkedHashMap<>();
            code.call(event("x", "v"), map, new MapMeta(), e -> {});
            assertThat(map).containsExactly(Map.entry("l", List.of("v", "v")));
        } finally {
            runtime.evalScriptlet("class Array; alias_method :<<, :fast_code_test_push; end");
        }
        assertThat(engine.coreMethodsIntact()).isTrue();
        Map<String, Object> map = new LinkedHashMap<>();
        code.call(event("x", "v"), map, new MapMeta(), e -> {});
        assertThat(map).containsExactly(Map.entry("l", List.of("v")));
    }

    @Test
    void deeplyNestedValuesGiveTheSameResultsOnBothPaths() throws Exception {
        String code = "map['l'] ||= []; map['l'] << event.get('deep'); event.set('copy', map['m'])";
        for (int depth : new int[] {50, 150, 1100}) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("m", nested(depth));
            Event event = event("deep", nested(depth));
            byte[] packed = PackedMap.pack(map);
            byte[][] fast = {packed};
            byte[][] jruby = {packed};
            Event fe = event.copy();
            Event je = event.copy();
            String fastError = call(engine.compileAggregateCode(code, "t:1:1", true), fe, fast);
            String jrubyError = call(engine.compileAggregateCode(code, "t:1:1", false), je, jruby);
            assertThat(fastError).as("depth %d", depth).isEqualTo(jrubyError);
            // portable bytes: "leaf" may have become a repeated value in between
            assertThat(FastAggregateCodeDifferentialTest.portable(fast[0]))
                    .as("depth %d", depth)
                    .isEqualTo(FastAggregateCodeDifferentialTest.portable(jruby[0]));
            assertThat(fe).as("depth %d", depth).isEqualTo(je);
        }
    }

    private static String call(AggregateCode code, Event e, byte[][] packed) {
        try {
            HeldMap held = new HeldMap(packed[0]);
            try {
                code.call(e, held, new MapMeta(), x -> {});
            } finally {
                packed[0] = held.packed;
            }
            return null;
        } catch (RubyCodeException ex) {
            return ex.getMessage();
        }
    }

    private static Object nested(int depth) {
        Object v = "leaf";
        for (int i = 0; i < depth; i++) {
            List<Object> l = new ArrayList<>();
            l.add(v);
            v = l;
        }
        return v;
    }

    private static Event event(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Event.fromMap(m, T0);
    }
}
