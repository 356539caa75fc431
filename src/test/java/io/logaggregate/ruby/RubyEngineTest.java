package io.logaggregate.ruby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Aggregate {@code code} snippets on real events, as the Logstash docs use them. */
class RubyEngineTest {
    private static final Instant T0 = Instant.parse("2026-01-31T00:02:00.123Z");

    static Event event(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Event.fromMap(m, T0);
    }

    static AggregateCode code(String snippet) throws RubyCompileException {
        return RubyEngine.get().compileAggregateCode(snippet, "test.conf:1:1");
    }

    static void run(AggregateCode code, Event e, Map<String, Object> map) throws Exception {
        code.call(e, map, new MapMeta(), ev -> {});
    }

    @Test
    void docExample1SumsSqlDurations() throws Exception {
        AggregateCode start = code("map['sql_duration'] = 0");
        AggregateCode sql = code("map['sql_duration'] += event.get('duration')");
        AggregateCode end = code("event.set('sql_duration', map['sql_duration'])");
        Map<String, Object> map = new LinkedHashMap<>();

        run(start, event("logger", "TASK_START"), map);
        run(sql, event("logger", "SQL", "duration", 12L), map);
        run(sql, event("logger", "SQL", "duration", 34L), map);
        Event last = event("message", "INFO - 12345 - TASK_END - end", "logger", "TASK_END");
        run(end, last, map);

        assertThat(map).containsExactly(Map.entry("sql_duration", 46L));
        assertThat(last.get("sql_duration")).isEqualTo(46L);
    }

    @Test
    void docExample2InitialisesWithOrEquals() throws Exception {
        AggregateCode sql =
                code("map['sql_duration'] ||= 0 ; map['sql_duration'] += event.get('duration')");
        AggregateCode end = code("event.set('sql_duration', map['sql_duration'])");
        Map<String, Object> map = new LinkedHashMap<>();

        run(sql, event("duration", 12L), map);
        run(sql, event("duration", 34L), map);
        Event last = event("logger", "TASK_END");
        run(end, last, map);

        assertThat(last.get("sql_duration")).isEqualTo(46L);
    }

    @Test
    void docExample4AppendsToArraysAndCancels() throws Exception {
        AggregateCode towns =
                code(
                        "\n"
                                + "  map['country_name'] = event.get('country_name')\n"
                                + "  map['towns'] ||= []\n"
                                + "  map['towns'] << {'town_name' => event.get('town_name')}\n"
                                + "  event.cancel()\n");
        Map<String, Object> map = new LinkedHashMap<>();
        Event paris = event("country_name", "France", "town_name", "Paris");
        run(towns, paris, map);
        run(towns, event("country_name", "France", "town_name", "Marseille"), map);

        assertThat(paris.isCancelled()).isTrue();
        assertThat(map)
                .isEqualTo(
                        Map.of(
                                "country_name",
                                "France",
                                "towns",
                                List.of(
                                        Map.of("town_name", "Paris"),
                                        Map.of("town_name", "Marseille"))));
        assertThat(map.get("towns")).isInstanceOf(ArrayList.class);
        assertThat(((List<?>) map.get("towns")).get(0)).isInstanceOf(LinkedHashMap.class);
    }

    @Test
    void nestedMapsPersistAcrossCallsAsPlainJava() throws Exception {
        AggregateCode c =
                code(
                        "map['by_host'] ||= {}\n"
                                + "h = (map['by_host'][event.get('host')] ||= {'count' => 0, 'sizes' =>"
                                + " []})\n"
                                + "h['count'] += 1\n"
                                + "h['sizes'] << event.get('size')\n"
                                + "map['total'] = (map['total'] || 0.0) + event.get('size')\n");
        Map<String, Object> map = new LinkedHashMap<>();
        run(c, event("host", "a", "size", 10L), map);
        run(c, event("host", "b", "size", 5L), map);
        run(c, event("host", "a", "size", 7L), map);

        assertThat(map.get("total")).isEqualTo(22.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> byHost = (Map<String, Object>) map.get("by_host");
        assertThat(byHost).isInstanceOf(LinkedHashMap.class);
        assertThat(byHost)
                .containsExactly(
                        Map.entry("a", Map.of("count", 2L, "sizes", List.of(10L, 7L))),
                        Map.entry("b", Map.of("count", 1L, "sizes", List.of(5L))));
    }

    @Test
    void mapIsARealRubyHash() throws Exception {
        AggregateCode c =
                code(
                        "map.merge!('m' => 1, :sym => :val)\n"
                                + "map['has_m'] = map.key?('m')\n"
                                + "keys = []\n"
                                + "map.each { |k, v| keys << k.to_s }\n"
                                + "map['keys'] = keys\n"
                                + "map['sel'] = map.select { |k, v| v == 1 }.keys\n"
                                + "map['frozen_key'] = map.keys.first.frozen?\n"
                                + "map['cls'] = map.class.name\n");
        Map<String, Object> map = new LinkedHashMap<>();
        run(c, event(), map);
        assertThat(map)
                .containsEntry("m", 1L)
                .containsEntry("sym", "val")
                .containsEntry("has_m", true)
                .containsEntry("keys", List.of("m", "sym", "has_m"))
                .containsEntry("sel", List.of("m"))
                .containsEntry("frozen_key", true)
                .containsEntry("cls", "Hash");
    }

    @Test
    void rubyValuesComeBackAsPlainJava() throws Exception {
        AggregateCode c =
                code(
                        "require 'bigdecimal'\n"
                                + "map['int'] = 3\n"
                                + "map['big'] = 2**70\n"
                                + "map['float'] = 1.5\n"
                                + "map['bigdec'] = BigDecimal('2.25')\n"
                                + "map['rational'] = Rational(1, 4)\n"
                                + "map['sym'] = :abc\n"
                                + "map['nil'] = nil\n"
                                + "map['bool'] = false\n"
                                + "map['time'] = Time.at(0).utc\n"
                                + "map[:symkey] = 'v'\n"
                                + "map[42] = 'num key'\n");
        Map<String, Object> map = new LinkedHashMap<>();
        run(c, event(), map);
        assertThat(map.get("int")).isEqualTo(3L);
        // beyond 64 bits an Integer stays exact, as Logstash keeps a Bignum
        assertThat(map.get("big")).isEqualTo(java.math.BigInteger.TWO.pow(70));
        assertThat(map.get("float")).isEqualTo(1.5);
        assertThat(map.get("bigdec")).isEqualTo(2.25);
        assertThat(map.get("rational")).isEqualTo(0.25);
        assertThat(map.get("sym")).isEqualTo("abc");
        assertThat(map).containsEntry("nil", null);
        assertThat(map.get("bool")).isEqualTo(false);
        assertThat(map.get("time")).isEqualTo(Instant.EPOCH);
        assertThat(map.get("symkey")).isEqualTo("v");
        assertThat(map.get("42")).isEqualTo("num key");
    }

    @Test
    void javaValuesArriveAsRubyTypes() throws Exception {
        AggregateCode c =
                code("map['types'] = %w[s n f b z l h t].map { |k| event.get(k).class.name }\n");
        Map<String, Object> map = new LinkedHashMap<>();
        run(
                c,
                event(
                        "s",
                        "x",
                        "n",
                        1L,
                        "f",
                        1.5,
                        "b",
                        true,
                        "z",
                        null,
                        "l",
                        List.of(1L),
                        "h",
                        Map.of("a", 1L),
                        "t",
                        T0),
                map);
        assertThat(map.get("types"))
                .isEqualTo(
                        List.of(
                                "String",
                                "Integer",
                                "Float",
                                "TrueClass",
                                "NilClass",
                                "Array",
                                "Hash",
                                "LogStash::Timestamp"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eventApi() throws Exception {
        AggregateCode c =
                code(
                        "map['get'] = event.get('[a][b]')\n"
                                + "map['brackets'] = event['n']\n"
                                + "event.set('[x][y]', 'deep')\n"
                                + "event['z'] = [1, {'k' => :v}]\n"
                                + "map['removed'] = event.remove('gone')\n"
                                + "map['incl'] = [event.include?('n'), event.include?('nope'),"
                                + " event.include?('[a][b]')]\n"
                                + "event.tag('t1'); event.tag('t1'); event.tag('t2')\n"
                                + "map['c1'] = event.cancelled?\n"
                                + "event.cancel\n"
                                + "map['c2'] = event.cancelled?\n"
                                + "event.uncancel\n"
                                + "map['sprintf'] = event.sprintf('%{n}-%{[a][b]}-%{+YYYY}')\n"
                                + "map['hash_keys'] = event.to_hash.keys\n"
                                + "map['meta'] = event.to_hash_with_metadata['@metadata']\n"
                                + "map['no_meta'] = event.to_hash.key?('@metadata')\n"
                                + "copy = event.clone\n"
                                + "copy.set('only_in_copy', 1)\n"
                                + "map['copy_has'] = copy.include?('only_in_copy')\n"
                                + "map['json'] = event.to_json\n"
                                + "map['to_s'] = event.to_s\n"
                                + "tags = event.get('tags'); tags << 'not_in_event'\n"
                                + "map['meta_get'] = event.get('[@metadata][m]')\n");
        Event e = event("a", Map.of("b", "B"), "n", 7L, "gone", "bye", "host", "h1");
        e.set("[@metadata][m]", "mv");
        Map<String, Object> map = new LinkedHashMap<>();
        run(c, e, map);

        assertThat(map.get("get")).isEqualTo("B");
        assertThat(map.get("brackets")).isEqualTo(7L);
        assertThat(e.get("[x][y]")).isEqualTo("deep");
        assertThat(e.get("z")).isEqualTo(List.of(1L, Map.of("k", "v")));
        assertThat(map.get("removed")).isEqualTo("bye");
        assertThat(e.includes("gone")).isFalse();
        assertThat(map.get("incl")).isEqualTo(List.of(true, false, true));
        assertThat(e.tags()).containsExactly("t1", "t2");
        assertThat(map.get("c1")).isEqualTo(false);
        assertThat(map.get("c2")).isEqualTo(true);
        assertThat(e.isCancelled()).isFalse();
        assertThat(map.get("sprintf")).isEqualTo("7-B-2026");
        assertThat((List<Object>) map.get("hash_keys"))
                .contains("@timestamp", "@version", "a", "n");
        assertThat(map.get("meta")).isEqualTo(Map.of("m", "mv"));
        assertThat(map.get("no_meta")).isEqualTo(false);
        assertThat(map.get("copy_has")).isEqualTo(true);
        assertThat(e.includes("only_in_copy")).isFalse();
        assertThat((String) map.get("json"))
                .startsWith("{\"@timestamp\":\"2026-01-31T00:02:00.123Z\"");
        assertThat(map.get("to_s")).isEqualTo("2026-01-31T00:02:00.123Z h1 %{message}");
        assertThat(e.tags()).containsExactly("t1", "t2");
        assertThat(map.get("meta_get")).isEqualTo("mv");
    }

    @Test
    void badFieldReferenceRaisesInRuby() throws Exception {
        AggregateCode c =
                code("begin; event.get('[a'); rescue => e; map['err'] = e.class.name; end");
        Map<String, Object> map = new LinkedHashMap<>();
        run(c, event(), map);
        assertThat(map.get("err")).isEqualTo("RuntimeError");
    }

    @Test
    void newEventBlockEmitsEvents() throws Exception {
        AggregateCode c =
                code(
                        "new_event_block.call(LogStash::Event.new('kind' => 'made', 'n' =>"
                                + " map['n'], '@metadata' => {'m' => 1}))\n"
                                + "e2 = LogStash::Event.new\n"
                                + "e2.set('kind', 'empty')\n"
                                + "new_event_block.call(e2)\n"
                                + "new_event_block.call(event)\n");
        List<Event> out = new ArrayList<>();
        Map<String, Object> map = new LinkedHashMap<>(Map.of("n", 5L));
        Event in = event("x", 1L);
        Instant before = Instant.now();
        c.call(in, map, new MapMeta(), out::add);

        assertThat(out).hasSize(3);
        assertThat(out.get(0).get("kind")).isEqualTo("made");
        assertThat(out.get(0).get("n")).isEqualTo(5L);
        assertThat(out.get(0).get("@version")).isEqualTo("1");
        assertThat(out.get(0).metadata()).isEqualTo(Map.of("m", 1L));
        assertThat(out.get(0).timestamp()).isAfterOrEqualTo(before);
        assertThat(out.get(1).get("kind")).isEqualTo("empty");
        assertThat(out.get(1).timestamp()).isAfterOrEqualTo(before);
        assertThat(out.get(2)).isSameAs(in);
    }

    @Test
    void eventNewTakesTimestampFromHash() throws Exception {
        AggregateCode c =
                code(
                        "new_event_block.call(LogStash::Event.new('@timestamp' =>"
                                + " event.get('@timestamp'), 'a' => 1))\n"
                                + "new_event_block.call(LogStash::Event.new('@timestamp' =>"
                                + " '2020-01-01T00:00:00Z'))\n"
                                + "new_event_block.call(LogStash::Event.new('@timestamp' =>"
                                + " 'garbage'))\n");
        List<Event> out = new ArrayList<>();
        c.call(event(), new LinkedHashMap<>(), new MapMeta(), out::add);
        assertThat(out.get(0).timestamp()).isEqualTo(T0);
        assertThat(out.get(1).timestamp()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(out.get(2).tags()).containsExactly("_timestampparsefailure");
        assertThat(out.get(2).get("_@timestamp")).isEqualTo("garbage");
    }

    @Test
    void mapMetaIsReadAndWrittenFromRuby() throws Exception {
        AggregateCode c =
                code(
                        "map['timeout_before'] = map_meta.timeout\n"
                                + "map['created'] = map_meta.creation_timestamp.to_i\n"
                                + "map['created_cls'] = map_meta.creation_timestamp.class.name\n"
                                + "map['task'] = map_meta.task_id\n"
                                + "map['same_map'] = map_meta.map.equal?(map)\n"
                                + "map_meta.timeout = 0\n"
                                + "map_meta.inactivity_timeout = 5\n"
                                + "map['timeout_after'] = map_meta.timeout\n");
        MapMeta meta = new MapMeta("task-1", T0, T0, null, null);
        Map<String, Object> map = new LinkedHashMap<>();
        c.call(event(), map, meta, e -> {});

        assertThat(meta.getTimeout()).isEqualTo(0L);
        assertThat(meta.getInactivityTimeout()).isEqualTo(5L);
        assertThat(map)
                .containsEntry("timeout_before", null)
                .containsEntry("created", T0.getEpochSecond())
                .containsEntry("created_cls", "Time")
                .containsEntry("task", "task-1")
                .containsEntry("same_map", true)
                .containsEntry("timeout_after", 0L);
    }

    @Test
    void rubyErrorBecomesCodeExceptionAndKeepsEarlierChanges() throws Exception {
        AggregateCode c =
                code("map['a'] = 1\nevent.set('b', 2)\nmap['missing'] += 1\nmap['never'] = 1");
        Map<String, Object> map = new LinkedHashMap<>(Map.of("old", "x"));
        Event e = event();

        assertThatThrownBy(() -> run(c, e, map))
                .isInstanceOf(RubyCodeException.class)
                .hasMessageStartingWith("NoMethodError: undefined method `+' for nil:NilClass")
                .satisfies(
                        t -> {
                            RubyRaisedException r = (RubyRaisedException) t;
                            assertThat(r.rubyClass()).isEqualTo("NoMethodError");
                            assertThat(r.rubyError())
                                    .isEqualTo(
                                            "NoMethodError: undefined method `+' for nil:NilClass");
                            assertThat(r.line()).isEqualTo(3);
                            assertThat(r.getMessage()).contains("test.conf:1:1");
                        });
        assertThat(map).containsExactly(Map.entry("old", "x"), Map.entry("a", 1L));
        assertThat(e.get("b")).isEqualTo(2L);
    }

    @Test
    void repeatedStackOverflowsLeaveTheThreadUsable() throws Exception {
        // unwinding a stack overflow used to leave the thread's Ruby scope stack off by some
        // entries: the third one on a thread broke every later compile there
        for (int i = 0; i < 8; i++) {
            AggregateCode c = code("def f; f; end; f");
            assertThatThrownBy(() -> run(c, event(), new LinkedHashMap<>()))
                    .hasMessageStartingWith("SystemStackError: stack level too deep");
            Map<String, Object> map = new LinkedHashMap<>();
            run(code("map['ok'] = [1].map { |x| x + 1 }"), event(), map);
            assertThat(map).containsExactly(Map.entry("ok", List.of(2L)));
        }
    }

    @Test
    void nonStandardErrorsAreCaughtToo() throws Exception {
        for (String[] raise :
                new String[][] {
                    {"raise 'boom'", "RuntimeError: boom"},
                    {"raise Exception, 'top'", "Exception: top"},
                    {
                        "undefined_thing",
                        "NameError: undefined local variable or method `undefined_thing'"
                    },
                    {"raise NotImplementedError, 'ni'", "NotImplementedError: ni"},
                    {"exit 3", "SystemExit: exit"},
                    {"def f; f; end; f", "SystemStackError: stack level too deep"},
                    {"throw :nope", "UncaughtThrowError: uncaught throw :nope"},
                }) {
            AggregateCode c = code(raise[0]);
            assertThatThrownBy(() -> run(c, event(), new LinkedHashMap<>()))
                    .as(raise[0])
                    .isInstanceOf(RubyCodeException.class)
                    .hasMessageStartingWith(raise[1]);
        }
    }

    @Test
    void syntaxErrorReportsLineWithinSnippet() {
        assertThatThrownBy(
                        () ->
                                RubyEngine.get()
                                        .compileAggregateCode(
                                                "map['a'] = 1\nmap['b'] = ]\n",
                                                "jobs/x/pipeline.conf:12:5"))
                .isInstanceOf(RubyCompileException.class)
                .hasMessageContaining("jobs/x/pipeline.conf:12:5")
                .satisfies(t -> assertThat(((RubyCompileException) t).line()).isEqualTo(2));
    }

    @Test
    void unbalancedBlockIsACompileError() {
        assertThatThrownBy(() -> RubyEngine.get().compileEventCode("end", "t:1:1"))
                .isInstanceOf(RubyCompileException.class)
                .satisfies(t -> assertThat(((RubyCompileException) t).line()).isEqualTo(1));
    }

    @Test
    void syntaxErrorAtTheEndIsOnTheLastLine() {
        assertThatThrownBy(() -> RubyEngine.get().compileAggregateCode("x = 1\ny = (", "t:1:1"))
                .isInstanceOf(RubyCompileException.class)
                .satisfies(t -> assertThat(((RubyCompileException) t).line()).isEqualTo(2));
    }

    @Test
    void snippetMayEndWithAComment() throws Exception {
        AggregateCode c = code("map['a'] = 1 # set a");
        Map<String, Object> map = new LinkedHashMap<>();
        run(c, event(), map);
        assertThat(map).containsEntry("a", 1L);
    }

    @Test
    void timestampsRoundTrip() throws Exception {
        AggregateCode c =
                code(
                        "ts = event.get('@timestamp')\n"
                                + "map['ts'] = ts\n"
                                + "map['ts_s'] = ts.to_s\n"
                                + "map['ts_i'] = ts.to_i\n"
                                + "map['ts_f'] = ts.to_f\n"
                                + "map['time'] = ts.time\n"
                                + "map['utc'] = ts.time.utc?\n"
                                + "map['diff'] = event.timestamp -"
                                + " LogStash::Timestamp.new(Time.at(1769817710))\n"
                                + "map['cmp'] = ts > LogStash::Timestamp.at(0)\n"
                                + "map['eq'] = ts == LogStash::Timestamp.new(ts.time)\n"
                                + "map['now_cls'] = LogStash::Timestamp.now.class.name\n"
                                + "event.set('copy', ts)\n"
                                + "event.set('as_time', Time.at(0))\n"
                                + "event.timestamp = LogStash::Timestamp.at(100)\n"
                                + "event.set('[@metadata][ts]', map_meta.lastevent_timestamp)\n");
        Map<String, Object> map = new LinkedHashMap<>();
        Event e = event();
        MapMeta meta = new MapMeta("t", T0, Instant.parse("2026-01-31T00:02:05Z"), null, null);
        c.call(e, map, meta, x -> {});

        assertThat(map.get("ts")).isEqualTo(T0);
        assertThat(map.get("ts_s")).isEqualTo("2026-01-31T00:02:00.123Z");
        assertThat(map.get("ts_i")).isEqualTo(T0.getEpochSecond());
        assertThat((Double) map.get("ts_f"))
                .isCloseTo(T0.toEpochMilli() / 1000.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(map.get("time")).isEqualTo(T0);
        assertThat(map.get("utc")).isEqualTo(true);
        assertThat((Double) map.get("diff"))
                .isCloseTo(10.123, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(map.get("cmp")).isEqualTo(true);
        assertThat(map.get("eq")).isEqualTo(true);
        assertThat(map.get("now_cls")).isEqualTo("LogStash::Timestamp");
        assertThat(e.get("copy")).isEqualTo(T0);
        assertThat(e.get("as_time")).isEqualTo(Instant.EPOCH);
        assertThat(e.timestamp()).isEqualTo(Instant.ofEpochSecond(100));
        assertThat(e.get("[@metadata][ts]")).isEqualTo(Instant.parse("2026-01-31T00:02:05Z"));
    }

    @Test
    void settingTimestampToGarbageRaisesTypeError() throws Exception {
        AggregateCode c =
                code(
                        "begin; event.set('@timestamp', 12); rescue TypeError => e; map['e'] ="
                                + " 'TypeError'; end");
        Map<String, Object> map = new LinkedHashMap<>();
        Event e = event();
        run(c, e, map);
        assertThat(map).containsEntry("e", "TypeError");
        assertThat(e.timestamp()).isEqualTo(T0);
    }

    @Test
    void timeoutCodeRunsOnTheEvent() throws Exception {
        EventCode c =
                RubyEngine.get()
                        .compileEventCode(
                                "event.set('several_clicks', event.get('clicks') > 1)", "t:1:1");
        Event e = event("clicks", 3L);
        c.call(e);
        assertThat(e.get("several_clicks")).isEqualTo(true);

        EventCode failing = RubyEngine.get().compileEventCode("event.tag('a')\nnil.foo", "t:2:1");
        Event f = event();
        assertThatThrownBy(() -> failing.call(f))
                .isInstanceOf(RubyCodeException.class)
                .hasMessageStartingWith("NoMethodError: undefined method `foo' for nil:NilClass");
        assertThat(f.tags()).containsExactly("a");
    }

    @Test
    void loggerIsAvailableAndStdinIsEmpty() throws Exception {
        AggregateCode c =
                code(
                        "@logger.info('hello from code', :n => 1)\n"
                                + "@logger.debug('x') if @logger.debug?\n"
                                + "map['dbg'] = [true, false].include?(@logger.debug?)\n"
                                + "map['stdin'] = $stdin.read\n");
        Map<String, Object> map = new LinkedHashMap<>();
        run(c, event(), map);
        assertThat(map).containsEntry("dbg", true).containsEntry("stdin", "");
    }

    @Test
    void localsDoNotLeakBetweenCalls() throws Exception {
        AggregateCode c = code("map['seen'] = defined?(x) ? x : nil\nx = event.get('v')");
        Map<String, Object> map = new LinkedHashMap<>();
        run(c, event("v", 1L), map);
        run(c, event("v", 2L), map);
        assertThat(map).containsEntry("seen", null);
    }

    @Test
    void twoThreadsOnTheSameCodeGiveExactSums() throws Exception {
        AggregateCode c =
                code(
                        "map['sum'] ||= 0; map['sum'] += event.get('n'); map['list'] ||= [];"
                                + " map['list'] << 1 if map['list'].size < 3");
        int calls = 5_000;
        Map<String, Object> m1 = new LinkedHashMap<>();
        Map<String, Object> m2 = new LinkedHashMap<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread t1 = worker(c, m1, 1L, calls, errors);
        Thread t2 = worker(c, m2, 3L, calls, errors);
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        assertThat(errors).isEmpty();
        assertThat(m1)
                .containsEntry("sum", (long) calls)
                .containsEntry("list", List.of(1L, 1L, 1L));
        assertThat(m2).containsEntry("sum", 3L * calls);
    }

    private static Thread worker(
            AggregateCode c, Map<String, Object> map, long n, int calls, List<Throwable> errors) {
        return new Thread(
                () -> {
                    try {
                        for (int i = 0; i < calls; i++) {
                            c.call(event("n", n), map, new MapMeta(), e -> {});
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                });
    }
}
