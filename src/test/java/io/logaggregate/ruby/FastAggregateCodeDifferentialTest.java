package io.logaggregate.ruby;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fast code ({@link FastAggregateCode}) against the JRuby path ({@link CompiledAggregateCode}) on
 * the same snippets, maps and events: generated snippets of the whole subset, and the postfix
 * pipeline's four blocks, each run a few times in a row on varied maps (every packed value type,
 * BigIntegers that fit in a long, nil and false, lists, nested hashes) and events (strings with
 * unpaired surrogates, Bignums, nested fields, a bad {@code @timestamp}). The packed map (its
 * portable bytes: one path may share a repeated value the other wrote with its text), the event
 * (data, metadata, types, order), cancel, and the exception (Ruby class, message, line) must be
 * identical.
 */
class FastAggregateCodeDifferentialTest {
    private static final Instant T0 = Instant.parse("2026-01-31T00:02:00.123Z");
    private static final String WHERE = "diff.conf:3:5";

    private static final String[] KEYS = {"a", "b", "n", "l", "s", "to_mail"};
    private static final String[] REFS = {
        "f1",
        "f2",
        "[nest][x]",
        "missing",
        "@timestamp",
        "tags",
        "[@metadata][m]",
        "[arr][1]",
        "big"
    };

    private final RubyEngine engine = RubyEngine.get();
    private final Map<String, AggregateCode[]> compiled = new java.util.HashMap<>();
    private int raised;
    private int completed;

    @Test
    void generatedSnippetsGiveTheSameResultsOnBothPaths() throws Exception {
        Random rnd = new Random(20261201L);
        int snippets = 300;
        for (int s = 0; s < snippets; s++) {
            String code = snippet(rnd);
            compare(code, rnd, 4);
        }
        // both outcomes are well covered
        assertThat(raised).isGreaterThan(snippets / 2);
        assertThat(completed).isGreaterThan(snippets * 2);
    }

    @Test
    void postfixBlocksGiveTheSameResultsOnBothPaths() throws Exception {
        String smtpd =
                "\n        map['hostname'] ||= event.get('hostname')\n"
                        + "        map['client_hostname'] ||= event.get('client_hostname')\n"
                        + "        map['client_ip'] ||= event.get('client_ip')\n"
                        + "        map['program'] ||= event.get('program')\n"
                        + "        event.cancel()\n      ";
        String qmgr =
                "\n        map['from_mail'] ||= event.get('from_mail')\n"
                        + "        map['size'] ||= event.get('size')\n"
                        + "        map['nrcpt'] ||= event.get('nrcpt')\n"
                        + "        event.cancel()\n      ";
        String smtp =
                "\n        map['to_mail'] ||= [];\n"
                        + "        map['to_mail'] << event.get('to_mail');\n"
                        + "        map['relay'] ||= [];\n"
                        + "        map['relay'] << event.get('relay');\n"
                        + "        map['status'] ||= [];\n"
                        + "        map['status'] << event.get('status')\n"
                        + "        event.cancel()\n      ";
        StringBuilder removed = new StringBuilder("\n");
        for (String f :
                List.of(
                        "client_hostname",
                        "client_ip",
                        "program",
                        "from_mail",
                        "size",
                        "nrcpt",
                        "to_mail",
                        "relay",
                        "status")) {
            removed.append("        event.set('").append(f).append("', map['").append(f);
            removed.append("'])\n");
        }
        List<String> blocks = List.of(smtpd, qmgr, smtp, removed.toString());
        for (String b : blocks) {
            assertThat(engine.compileAggregateCode(b, WHERE)).isInstanceOf(FastAggregateCode.class);
        }
        Random rnd = new Random(25);
        for (int mail = 0; mail < 200; mail++) {
            HeldMap fast = new HeldMap(PackedMap.EMPTY);
            HeldMap jruby = new HeldMap(PackedMap.EMPTY);
            List<String> sequence = new ArrayList<>(List.of(smtpd, qmgr));
            for (int r = rnd.nextInt(4); r >= 0; r--) {
                sequence.add(smtp);
            }
            sequence.add(removed.toString());
            if (rnd.nextInt(5) == 0) {
                sequence.add(1 + rnd.nextInt(sequence.size() - 1), smtpd); // out of order
            }
            for (String code : sequence) {
                Event e = postfixEvent(rnd);
                runBoth(code, e, fast, jruby);
            }
        }
    }

    @Test
    void exceptionsAndOddValuesGiveTheSameResultsOnBothPaths() throws Exception {
        List<String> codes =
                List.of(
                        "map['s'] << event.get('f1')",
                        "map['n'] << 2",
                        "map['a'] << 'x'",
                        "map['missing'] << 1",
                        "map['b'] << 'x'",
                        "map['n'] += 1",
                        "map['n'] += event.get('f1')",
                        "map['s'] += 'tail'",
                        "map['a'] += [1]",
                        "map['missing'] += 1",
                        "map['l'] += 1",
                        "map['max'] += 1",
                        "map['max'] += event.get('big')",
                        "map['d'] += 1",
                        "map['n'] += 1.5",
                        "map['a'] = 1\nmap['missing'] << 2\nmap['c'] = 3",
                        "event.set('@timestamp', 'not a time')",
                        "event.set('@timestamp', map['t'])",
                        "event.set('@timestamp', map['s'])",
                        "event.set('x', map['bigsmall'])",
                        "map['bigsmall'] ||= 1",
                        "map['c'] = event.get('surrogate')",
                        "map['l'] << event.get('surrogate')",
                        "event.set('y', event.get('surrogate'))",
                        "map['c'] = event.get('big')",
                        "map['l'] << event.get('nest')",
                        "map['s'] << event.get('surrogate')",
                        "map['f'] ||= 'set'\nmap['z'] ||= 'set'\nmap['nil'] ||= 'set'",
                        "event.set('[arr][5]', 1)\nevent.set('[arr][x]', 2)",
                        "event.set('tags', map['l'])\nevent.tag('t')",
                        "event.remove('nest'); event.remove('[arr][0]')",
                        "event.set('[@metadata]', map['h'])",
                        "map['a'] << event.get('f1')\n\n\nmap['n'] += 'str'; map['n'] += 1",
                        "event.set('x', map['s'])\nmap['missing'] << 1",
                        "map['a'] = [\n1, 2]\nmap['missing'] << 1",
                        "map['x'] ||= [\n]; map['n'] += 'x'",
                        "map['x'] ||= [[], 'a',\n 'b']; map['n'] += 'x'",
                        "event.set('a',\n 'b') ; map['n'] += 'x'",
                        "map['h'] << 1",
                        "",
                        "   \n  # just a comment\n");
        for (String code : codes) {
            Random rnd = new Random(code.hashCode());
            for (int i = 0; i < 3; i++) {
                HeldMap fast = new HeldMap(PackedMap.pack(oddMap()));
                HeldMap jruby = new HeldMap(fast.packed);
                runBoth(code, oddEvent(rnd), fast, jruby);
            }
        }
    }

    // ------------------------------------------------------------------ the comparison

    private void compare(String code, Random rnd, int calls) throws Exception {
        Map<String, Object> start = randomMap(rnd);
        HeldMap fast = new HeldMap(PackedMap.pack(start));
        HeldMap jruby = new HeldMap(fast.packed);
        for (int i = 0; i < calls; i++) {
            runBoth(code, randomEvent(rnd), fast, jruby);
        }
    }

    private void runBoth(String code, Event event, HeldMap fast, HeldMap jruby) throws Exception {
        AggregateCode[] both = compiled.get(code);
        if (both == null) {
            both =
                    new AggregateCode[] {
                        engine.compileAggregateCode(code, WHERE, true),
                        engine.compileAggregateCode(code, WHERE, false)
                    };
            compiled.put(code, both);
        }
        AggregateCode f = both[0];
        AggregateCode j = both[1];
        assertThat(f).as("fast path for: %s", code).isInstanceOf(FastAggregateCode.class);
        assertThat(j).isInstanceOf(CompiledAggregateCode.class);
        byte[] before = fast.packed;
        Event fe = event.copy();
        Event je = event.copy();
        String fastError = run(f, fe, fast);
        String jrubyError = run(j, je, jruby);
        String context =
                "code: "
                        + escape(code)
                        + "\nevent: "
                        + describe(event.data())
                        + "\nmap before: "
                        + describe(PackedMap.unpack(before));
        assertThat(fastError).as(context).isEqualTo(jrubyError);
        if (fastError == null) {
            completed++;
        } else {
            raised++;
        }
        assertThat(describe(PackedMap.unpack(fast.packed)))
                .as(context)
                .isEqualTo(describe(PackedMap.unpack(jruby.packed)));
        // the same bytes, but for a string written with its text on one path and as a repeated
        // value's number on the other (admitted in between): the same once written portably
        assertThat(portable(fast.packed)).as(context).isEqualTo(portable(jruby.packed));
        assertThat(describe(fe.data())).as(context).isEqualTo(describe(je.data()));
        assertThat(describe(fe.metadata())).as(context).isEqualTo(describe(je.metadata()));
        assertThat(fe.isCancelled()).as(context).isEqualTo(je.isCancelled());
    }

    private static String run(AggregateCode code, Event e, HeldMap map) {
        try {
            code.call(e, map, new MapMeta(), x -> {});
            return null;
        } catch (RubyRaisedException ex) {
            return escape(ex.rubyClass() + " | " + ex.rubyMessage() + " | " + ex.getMessage());
        } catch (RubyCodeException ex) {
            return ex.getClass().getName() + " | " + ex.getMessage();
        }
    }

    /** What Flink state holds of a packed map: no numbers of this JVM's dictionaries. */
    static byte[] portable(byte[] packed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            PackedMap.writePortable(packed, new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A value with its types: Long 1 and BigInteger 1 differ, as do a List and a Map. */
    static String describe(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(describe(e.getKey())).append("=>").append(describe(e.getValue()));
                sb.append(", ");
            }
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : l) {
                sb.append(describe(o)).append(", ");
            }
            return sb.append(']').toString();
        }
        if (v instanceof byte[] b) {
            return Arrays.toString(b);
        }
        return v.getClass().getSimpleName() + ":" + escape(String.valueOf(v));
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ generated snippets

    private static String snippet(Random rnd) {
        int n = 1 + rnd.nextInt(6);
        StringBuilder sb = new StringBuilder(rnd.nextBoolean() ? "\n  " : "");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(
                        switch (rnd.nextInt(4)) {
                            case 0 -> "; ";
                            case 1 -> " ;\n  ";
                            case 2 -> "\n\n    ";
                            default -> "\n";
                        });
            }
            sb.append(statement(rnd));
        }
        if (rnd.nextBoolean()) {
            sb.append("\n");
        }
        return sb.toString();
    }

    private static String statement(Random rnd) {
        String key = "map[" + quote(rnd, pick(rnd, KEYS)) + "]";
        String ref = quote(rnd, pick(rnd, REFS));
        String nl = " ";
        return switch (rnd.nextInt(11)) {
            case 0, 1 -> key + " ||=" + nl + value(rnd, 0);
            case 2 -> key + " =" + nl + value(rnd, 0);
            case 3, 4 -> listKey(rnd, key) + " <<" + nl + value(rnd, 0);
            case 5 -> (rnd.nextInt(4) > 0 ? "map['n']" : key) + " +=" + nl + number(rnd);
            case 6 ->
                    "event.set(" + ref + "," + nl + (rnd.nextBoolean() ? key : value(rnd, 0)) + ")";
            case 7 -> "event[" + ref + "] = " + (rnd.nextBoolean() ? key : value(rnd, 0));
            case 8 -> rnd.nextBoolean() ? "event.cancel()" : "event.cancel";
            case 9 -> "event.tag(" + quote(rnd, rnd.nextBoolean() ? "t1" : "t2") + ")";
            default -> "event.remove(" + ref + ")";
        };
    }

    /** Mostly a key that holds an Array, so that statements after it run too. */
    private static String listKey(Random rnd, String key) {
        return switch (rnd.nextInt(4)) {
            case 0 -> key;
            case 1 -> "map['to_mail']";
            default -> "map['l']";
        };
    }

    private static String number(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> "1";
            case 1 -> "-7";
            case 2 -> "9223372036854775807";
            case 3 -> "2.5";
            case 4 -> "event.get(" + quote(rnd, pick(rnd, REFS)) + ")";
            default -> "event.get('f1')";
        };
    }

    private static String value(Random rnd, int depth) {
        return switch (rnd.nextInt(depth > 0 ? 9 : 10)) {
            case 0 -> quote(rnd, pick(rnd, new String[] {"abc", "", "x y", "it's", "a\\b"}));
            case 1 -> pick(rnd, new String[] {"0", "42", "-1", "9223372036854775807"});
            case 2 -> pick(rnd, new String[] {"1.5", "-0.0", "1e300"});
            case 3 -> pick(rnd, new String[] {"nil", "true", "false"});
            case 4, 5, 6 -> "event.get(" + quote(rnd, pick(rnd, REFS)) + ")";
            case 7 -> "event[" + quote(rnd, pick(rnd, REFS)) + "]";
            case 8 -> "[]";
            default -> "[" + value(rnd, depth + 1) + ", " + value(rnd, depth + 1) + "]";
        };
    }

    private static String quote(Random rnd, String s) {
        if (rnd.nextBoolean()) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String pick(Random rnd, String[] options) {
        return options[rnd.nextInt(options.length)];
    }

    // ------------------------------------------------------------------ maps and events

    private static Map<String, Object> randomMap(Random rnd) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : KEYS) {
            if (rnd.nextInt(3) > 0) {
                m.put(k, randomValue(rnd, 0, false));
            }
        }
        // mostly an Array under l and an Integer under n, as code that runs expects
        if (rnd.nextInt(4) > 0) {
            m.put("l", new ArrayList<>(List.of("first")));
        }
        if (rnd.nextInt(4) > 0) {
            m.put("n", (long) rnd.nextInt(1000));
        }
        if (rnd.nextBoolean()) {
            m.put("other", "kept");
        }
        return m;
    }

    private static Event randomEvent(Random rnd) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("f1", randomValue(rnd, 0, true));
        if (rnd.nextBoolean()) {
            m.put("f2", randomValue(rnd, 0, true));
        }
        Map<String, Object> nest = new LinkedHashMap<>();
        nest.put("x", randomValue(rnd, 1, true));
        m.put("nest", nest);
        m.put("arr", new ArrayList<>(List.of("a0", 1L, "a2")));
        if (rnd.nextBoolean()) {
            m.put("tags", new ArrayList<>(List.of("t1")));
        }
        m.put("big", new BigInteger("123456789012345678901234567890"));
        Event e = Event.fromMap(m, T0);
        e.metadata().put("m", randomValue(rnd, 1, true));
        return e;
    }

    private static Object randomValue(Random rnd, int depth, boolean event) {
        return switch (rnd.nextInt(depth > 1 ? 10 : 13)) {
            case 0 -> null;
            case 1 -> rnd.nextBoolean();
            case 2 -> (long) rnd.nextInt(100) - 50;
            case 3 -> rnd.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE + rnd.nextInt(3);
            case 4 -> rnd.nextInt(4) / 2.0;
            case 5 -> pick(rnd, new String[] {"v", "", "élan", "日本", "😀x", "a\u0000b"});
            case 6 -> event && rnd.nextBoolean() ? "bad\uD800" : "plain";
            case 7 -> T0.plusNanos(rnd.nextInt(1_000_000_000));
            case 8 ->
                    rnd.nextBoolean()
                            ? new BigInteger("98765432109876543210")
                            : (event
                                    ? 77L
                                    : BigInteger.valueOf(77)); // packed as BigInteger in range
            case 9 -> "s" + rnd.nextInt(3);
            case 10, 11 -> {
                List<Object> l = new ArrayList<>();
                for (int i = rnd.nextInt(3); i > 0; i--) {
                    l.add(randomValue(rnd, depth + 1, event));
                }
                yield l;
            }
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = rnd.nextInt(3); i > 0; i--) {
                    m.put("k" + i, randomValue(rnd, depth + 1, event));
                }
                yield m;
            }
        };
    }

    private static Map<String, Object> oddMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", new ArrayList<>(List.of("x")));
        m.put("s", "text");
        m.put("n", 5L);
        m.put("d", 2.5);
        m.put("l", new ArrayList<>());
        m.put("max", Long.MAX_VALUE);
        m.put("f", false);
        m.put("nil", null);
        m.put("t", T0);
        m.put("bigsmall", BigInteger.valueOf(12));
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("k", "v");
        m.put("h", h);
        return m;
    }

    private static Event oddEvent(Random rnd) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("f1", rnd.nextBoolean() ? 3L : "three");
        m.put("surrogate", "x\uDC00y");
        m.put("big", new BigInteger("123456789012345678901234567890"));
        Map<String, Object> nest = new LinkedHashMap<>();
        nest.put("deep", new ArrayList<>(List.of(1L, List.of("two"))));
        m.put("nest", nest);
        m.put("arr", new ArrayList<>(List.of("a0", 1L)));
        return Event.fromMap(m, T0);
    }

    private static Event postfixEvent(Random rnd) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hostname", "mx" + rnd.nextInt(3));
        if (rnd.nextInt(10) > 0) {
            m.put("client_hostname", "client" + rnd.nextInt(50) + ".example.org");
        }
        m.put("client_ip", "192.0.2." + rnd.nextInt(255));
        m.put("program", "postfix/" + (rnd.nextBoolean() ? "smtp" : "qmgr"));
        m.put("from_mail", "alice" + rnd.nextInt(9) + "@example.com");
        m.put("size", String.valueOf(rnd.nextInt(100000)));
        m.put("nrcpt", String.valueOf(1 + rnd.nextInt(4)));
        m.put("to_mail", "bob" + rnd.nextInt(9) + "@example.org");
        m.put("relay", "relay.example.com[192.0.2.26]:25");
        m.put("status", rnd.nextInt(10) == 0 ? "deferred" : "sent");
        m.put("message", "Nov 12 10:00:00 mx1 postfix/smtp[123]: 3A9C96093D: to=<bob@example.org>");
        if (rnd.nextInt(20) == 0) {
            m.remove("to_mail");
        }
        return Event.fromMap(m, T0);
    }
}
