package io.logaggregate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.ast.Expr;
import io.logaggregate.config.ast.IfStatement;
import io.logaggregate.config.ast.PipelineConfig;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.PluginStatement;
import io.logaggregate.config.ast.Setting;
import io.logaggregate.config.ast.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each construct of the language parses to. Errors are in {@link ConfigParserErrorTest}. */
class ConfigParserTest {

    static PipelineConfig parse(String text) {
        return ConfigParser.parse("test.conf", text, Map.of());
    }

    /** The settings of the only filter plugin in {@code filter { <plugin> }}. */
    static PluginDef filter(String plugin) {
        PipelineConfig c = parse("filter {\n" + plugin + "\n}\n");
        assertThat(c.filters()).hasSize(1);
        return ((PluginStatement) c.filters().get(0)).plugin();
    }

    static Object value(String valueText) {
        return setting("x { v => " + valueText + " }").value();
    }

    static Setting setting(String plugin) {
        PluginDef d = filter(plugin);
        assertThat(d.settings()).hasSize(1);
        return d.settings().get(0);
    }

    /** The condition of {@code filter { if <cond> { } }}. */
    static Expr cond(String condition) {
        PipelineConfig c = parse("filter {\n  if " + condition + " {\n    x {}\n  }\n}\n");
        return ((IfStatement) c.filters().get(0)).branches().get(0).condition();
    }

    static SourceLocation loc(int line, int column) {
        return new SourceLocation("test.conf", line, column);
    }

    static Expr.FieldRef ref(String r) {
        return new Expr.FieldRef(r, null);
    }

    static Expr.Literal lit(Object v) {
        return new Expr.Literal(v, null);
    }

    /** A condition tree with locations dropped, for comparing shapes. */
    static Expr shape(Expr e) {
        if (e instanceof Expr.FieldRef f) {
            return ref(f.ref());
        }
        if (e instanceof Expr.Literal l) {
            return lit(l.value());
        }
        if (e instanceof Expr.ListLiteral l) {
            return new Expr.ListLiteral(l.values(), null);
        }
        if (e instanceof Expr.Regex r) {
            return new Expr.Regex(r.pattern(), null);
        }
        if (e instanceof Expr.Compare c) {
            return new Expr.Compare(c.op(), shape(c.left()), shape(c.right()), null);
        }
        if (e instanceof Expr.Bool b) {
            return new Expr.Bool(b.op(), shape(b.left()), shape(b.right()), null);
        }
        return new Expr.Not(shape(((Expr.Not) e).expr()), null);
    }

    static Expr and(Expr a, Expr b) {
        return new Expr.Bool("and", a, b, null);
    }

    static Expr or(Expr a, Expr b) {
        return new Expr.Bool("or", a, b, null);
    }

    // ------------------------------------------------------------------ structure

    @Test
    void sectionsOfTheSameKindConcatenateInFileOrder() {
        PipelineConfig c =
                parse(
                        "input { stdin {} }\n"
                                + "filter { a {} }\n"
                                + "output { stdout {} }\n"
                                + "filter { b {} c {} }\n"
                                + "input { file { path => \"/x\" } }\n");
        assertThat(c.inputs()).extracting(PluginDef::name).containsExactly("stdin", "file");
        assertThat(c.inputs()).extracting(PluginDef::section).containsOnly("input");
        assertThat(c.filters())
                .extracting(s -> ((PluginStatement) s).plugin().name())
                .containsExactly("a", "b", "c");
        assertThat(((PluginStatement) c.outputs().get(0)).plugin().section()).isEqualTo("output");
        assertThat(c.file()).isEqualTo("test.conf");
        assertThat(c.source()).startsWith("input { stdin {} }");
    }

    @Test
    void emptyFileAndEmptySectionsAreAccepted() {
        PipelineConfig c = parse("  # nothing here\n");
        assertThat(c.inputs()).isEmpty();
        assertThat(c.filters()).isEmpty();
        assertThat(c.outputs()).isEmpty();
        assertThat(parse("input{}filter{}output{}").filters()).isEmpty();
    }

    @Test
    void pluginAndSettingLocationsAreExact() {
        PipelineConfig c = parse("filter {\n  grok {\n    match => \"x\"\n\tid => \"g\"\n  }\n}\n");
        PluginDef grok = ((PluginStatement) c.filters().get(0)).plugin();
        assertThat(grok.location()).isEqualTo(loc(2, 3));
        assertThat(grok.settings().get(0).location()).isEqualTo(loc(3, 5));
        assertThat(grok.settings().get(1).location()).isEqualTo(loc(4, 2));
    }

    @Test
    void settingsKeepOrderAndRepeats() {
        PluginDef d = filter("mutate { add_tag => a  remove_tag => b\n add_tag => c }");
        assertThat(d.settings())
                .extracting(Setting::name)
                .containsExactly("add_tag", "remove_tag", "add_tag");
    }

    @Test
    void quotedPluginAndSettingNamesLoseTheirQuotes() {
        PluginDef d = filter("\"grok\" { 'match' => \"x\" }");
        assertThat(d.name()).isEqualTo("grok");
        assertThat(d.settings().get(0).name()).isEqualTo("match");
    }

    @Test
    void pluginNamesMayHoldDashesAndDigits() {
        assertThat(filter("my-plugin2 {}").name()).isEqualTo("my-plugin2");
    }

    // ------------------------------------------------------------------ values

    @Test
    void doubleAndSingleQuotedStrings() {
        assertThat(value("\"hello world\"")).isEqualTo("hello world");
        assertThat(value("'it is'")).isEqualTo("it is");
        assertThat(value("\"\"")).isEqualTo("");
        assertThat(value("'say \"hi\"'")).isEqualTo("say \"hi\"");
        assertThat(setting("x { v => \"s\" }").bareword()).isFalse();
    }

    @Test
    void stringsKeepBackslashesLiterally() {
        // config.support_escapes is false by default: nothing is unescaped.
        assertThat(value("\"a\\tb\\nc\\\\d\"")).isEqualTo("a\\tb\\nc\\\\d");
        assertThat(value("\"%{IP:ip}\\s+\\[%{DATA}\\]\"")).isEqualTo("%{IP:ip}\\s+\\[%{DATA}\\]");
        // \" does not end a "..." string and stays as written; same for \' in '...'.
        assertThat(value("\"say \\\"hi\\\" now\"")).isEqualTo("say \\\"hi\\\" now");
        assertThat(value("'it\\'s'")).isEqualTo("it\\'s");
        // Inside '...' a \" is just two characters.
        assertThat(value("'a\\\"b'")).isEqualTo("a\\\"b");
    }

    @Test
    void stringsMaySpanLines() {
        PluginDef d =
                filter(
                        "ruby {\n"
                                + "  code => \"\n"
                                + "    map['a'] ||= 0\n"
                                + "    map['b'] = \\\"x\\\\y\\\"\n"
                                + "  \"\n"
                                + "  id => r\n"
                                + "}");
        assertThat(d.settings().get(0).value())
                .isEqualTo("\n    map['a'] ||= 0\n    map['b'] = \\\"x\\\\y\\\"\n  ");
        assertThat(d.settings().get(1).location()).isEqualTo(loc(7, 3));
    }

    @Test
    void numbers() {
        assertThat(value("42")).isEqualTo(42L);
        assertThat(value("-1")).isEqualTo(-1L);
        assertThat(value("1.5")).isEqualTo(1.5);
        assertThat(value("-0.25")).isEqualTo(-0.25);
        assertThat(value("3.")).isEqualTo(3.0);
        assertThat(value("007")).isEqualTo(7L);
        assertThat(setting("x { v => 3 }").bareword()).isFalse();
    }

    @Test
    void barewordsStayStrings() {
        Setting s = setting("x { map_action => create }");
        assertThat(s.value()).isEqualTo("create");
        assertThat(s.bareword()).isTrue();
        assertThat(value("true")).isEqualTo("true");
        assertThat(value("_x9")).isEqualTo("_x9");
        assertThat(value("a")).isEqualTo("a");
    }

    @Test
    void arrays() {
        assertThat(value("[a, \"b\", 3, 1.5]")).isEqualTo(List.of("a", "b", 3L, 1.5));
        assertThat(value("[]")).isEqualTo(List.of());
        assertThat(value("[ ]")).isEqualTo(List.of());
        assertThat(value("[[1, 2], [], [\"x\", [y]]]"))
                .isEqualTo(List.of(List.of(1L, 2L), List.of(), List.of("x", List.of("y"))));
        assertThat(value("[\n  \"a\", # first\n  # own line\n  \"b\"\n  # trailing\n]"))
                .isEqualTo(List.of("a", "b"));
        assertThat(value("[ { k => 1 } ]")).isEqualTo(List.of(Map.of("k", 1L)));
    }

    @Test
    void hashes() {
        Object h = value("{ \"k\" => \"v\"  k2 => [1, 2]\n 'k3' => { n => 1.5 } 7 => x }");
        assertThat(h)
                .isEqualTo(
                        Map.of("k", "v", "k2", List.of(1L, 2L), "k3", Map.of("n", 1.5), "7", "x"));
        assertThat(List.<Object>copyOf(((Map<?, ?>) h).keySet()))
                .containsExactly("k", "k2", "k3", "7");
        assertThat(value("{}")).isEqualTo(Map.of());
        assertThat(value("{ a => 1, b => 2, }")).isEqualTo(Map.of("a", 1L, "b", 2L));
        assertThat(value("{\n  # comment\n  a => 1 # after\n  # before end\n}"))
                .isEqualTo(Map.of("a", 1L));
        assertThat(value("{\"a\"=>1\"b\"=>2}")).isEqualTo(Map.of("a", 1L, "b", 2L));
    }

    @Test
    void pluginAsValueIsACodec() {
        Setting s = setting("stdout { codec => json { charset => \"UTF-8\" } }");
        assertThat(s.bareword()).isFalse();
        PluginDef codec = (PluginDef) s.value();
        assertThat(codec.section()).isEqualTo("codec");
        assertThat(codec.name()).isEqualTo("json");
        assertThat(codec.settings()).extracting(Setting::name).containsExactly("charset");
        assertThat(codec.settings().get(0).value()).isEqualTo("UTF-8");
        assertThat(codec.location()).isEqualTo(loc(2, 19));

        assertThat(((PluginDef) value("json_lines # comment\n {}")).name()).isEqualTo("json_lines");
        Setting plain = setting("stdout { codec => rubydebug }");
        assertThat(plain.value()).isEqualTo("rubydebug");
        assertThat(plain.bareword()).isTrue();
    }

    @Test
    void commentsWhereverWhitespaceMayBe() {
        PipelineConfig c =
                parse(
                        "# head\ninput # a\n{ # b\n stdin # c\n { # d\n codec # e\n => # f\n"
                                + " plain # g\n } # h\n} # i\n"
                                + "filter {\n if # j\n [a] # k\n == # l\n 1 # m\n and # n\n"
                                + " ( # o\n [b] # p\n ) # q\n { # r\n } # s\n else # t\n { } # u\n}"
                                + "# end without newline");
        assertThat(c.inputs().get(0).settings().get(0).value()).isEqualTo("plain");
        IfStatement st = (IfStatement) c.filters().get(0);
        assertThat(shape(st.branches().get(0).condition()))
                .isEqualTo(and(new Expr.Compare("==", ref("[a]"), lit(1L), null), ref("[b]")));
        assertThat(st.branches()).hasSize(2);
    }

    @Test
    void hashInsideStringsIsNotAComment() {
        assertThat(value("\"a # b\"")).isEqualTo("a # b");
    }

    @Test
    void crlfLineEndings() {
        PipelineConfig c = parse("filter {\r\n  grok {\r\n    match => \"x\" # c\r\n  }\r\n}\r\n");
        PluginDef d = ((PluginStatement) c.filters().get(0)).plugin();
        assertThat(d.settings().get(0).location()).isEqualTo(loc(3, 5));
    }

    // ------------------------------------------------------------------ conditionals

    @Test
    void ifElseIfElseChain() {
        PipelineConfig c =
                parse(
                        "output {\n"
                                + "  if [a] { one {} }\n"
                                + "  else if [b] { two {} three {} }\n"
                                + "  else if [c] {}\n"
                                + "  else { four {} }\n"
                                + "  five {}\n"
                                + "}\n");
        assertThat(c.outputs()).hasSize(2);
        IfStatement st = (IfStatement) c.outputs().get(0);
        assertThat(st.location()).isEqualTo(loc(2, 3));
        assertThat(st.branches()).hasSize(4);
        assertThat(st.branches().get(0).condition()).isEqualTo(new Expr.FieldRef("[a]", loc(2, 6)));
        assertThat(names(st.branches().get(1).body())).containsExactly("two", "three");
        assertThat(st.branches().get(2).body()).isEmpty();
        assertThat(st.branches().get(3).condition()).isNull();
        assertThat(names(st.branches().get(3).body())).containsExactly("four");
        assertThat(((PluginStatement) c.outputs().get(1)).plugin().section()).isEqualTo("output");
    }

    @Test
    void nestedConditionalsKeepTheSection() {
        PipelineConfig c =
                parse(
                        "filter {\n if [a] {\n  if [b] { x {} } else { if [c] { y {} } }\n"
                                + " }\n}\n");
        IfStatement outer = (IfStatement) c.filters().get(0);
        IfStatement inner = (IfStatement) outer.branches().get(0).body().get(0);
        IfStatement innermost = (IfStatement) inner.branches().get(1).body().get(0);
        PluginDef y = ((PluginStatement) innermost.branches().get(0).body().get(0)).plugin();
        assertThat(y.name()).isEqualTo("y");
        assertThat(y.section()).isEqualTo("filter");
        assertThat(y.location()).isEqualTo(loc(3, 35));
    }

    @Test
    void keywordsWithoutSpaces() {
        PipelineConfig c = parse("filter{if[a]{x{}}else if[b]{}else{}}");
        assertThat(((IfStatement) c.filters().get(0)).branches()).hasSize(3);
    }

    @Test
    void everyComparisonOperator() {
        for (String op : List.of("==", "!=", "<", ">", "<=", ">=")) {
            assertThat(shape(cond("[status] " + op + " 200")))
                    .isEqualTo(new Expr.Compare(op, ref("[status]"), lit(200L), null));
        }
        assertThat(shape(cond("[a][b]==\"x\"")))
                .isEqualTo(new Expr.Compare("==", ref("[a][b]"), lit("x"), null));
        assertThat(shape(cond("\"x\" != [a]")))
                .isEqualTo(new Expr.Compare("!=", lit("x"), ref("[a]"), null));
        assertThat(shape(cond("[a] < [b]")))
                .isEqualTo(new Expr.Compare("<", ref("[a]"), ref("[b]"), null));
        assertThat(shape(cond("[d] >= -1.5")))
                .isEqualTo(new Expr.Compare(">=", ref("[d]"), lit(-1.5), null));
    }

    @Test
    void compareLocations() {
        Expr e = cond("[a] == 'x'");
        assertThat(e)
                .isEqualTo(
                        new Expr.Compare(
                                "==",
                                new Expr.FieldRef("[a]", loc(2, 6)),
                                new Expr.Literal("x", loc(2, 13)),
                                loc(2, 6)));
    }

    @Test
    void regexMatches() {
        assertThat(shape(cond("[message] =~ /^INFO\\s+\\d+/")))
                .isEqualTo(
                        new Expr.Compare(
                                "=~",
                                ref("[message]"),
                                new Expr.Regex("^INFO\\s+\\d+", null),
                                null));
        assertThat(shape(cond("[path] !~ /\\/var\\/log\\/.*/")))
                .isEqualTo(
                        new Expr.Compare(
                                "!~",
                                ref("[path]"),
                                new Expr.Regex("\\/var\\/log\\/.*", null),
                                null));
        // A string on the right is a regex too, as in Logstash.
        assertThat(shape(cond("[m] =~ \"a/b\"")))
                .isEqualTo(new Expr.Compare("=~", ref("[m]"), new Expr.Regex("a/b", null), null));
        assertThat(shape(cond("[m] =~ /a # not a comment/")))
                .isEqualTo(
                        new Expr.Compare(
                                "=~", ref("[m]"), new Expr.Regex("a # not a comment", null), null));
    }

    @Test
    void inAndNotIn() {
        assertThat(shape(cond("\"error\" in [tags]")))
                .isEqualTo(new Expr.Compare("in", lit("error"), ref("[tags]"), null));
        assertThat(shape(cond("\"error\" not in [tags]")))
                .isEqualTo(new Expr.Compare("not_in", lit("error"), ref("[tags]"), null));
        assertThat(shape(cond("[a] not   # comment\n in [b]")))
                .isEqualTo(new Expr.Compare("not_in", ref("[a]"), ref("[b]"), null));
        assertThat(shape(cond("[level] in [\"ERROR\", \"WARN\"]")))
                .isEqualTo(
                        new Expr.Compare(
                                "in",
                                ref("[level]"),
                                new Expr.ListLiteral(List.of("ERROR", "WARN"), null),
                                null));
        assertThat(shape(cond("[code] not in [1, 2,\n 3]")))
                .isEqualTo(
                        new Expr.Compare(
                                "not_in",
                                ref("[code]"),
                                new Expr.ListLiteral(List.of(1L, 2L, 3L), null),
                                null));
        assertThat(shape(cond("[x] in []")))
                .isEqualTo(
                        new Expr.Compare(
                                "in", ref("[x]"), new Expr.ListLiteral(List.of(), null), null));
        assertThat(shape(cond("[x] in \"abc\"")))
                .isEqualTo(new Expr.Compare("in", ref("[x]"), lit("abc"), null));
    }

    @Test
    void oneElementArrayInAConditionIsAFieldReferenceAsInLogstash() {
        // Logstash issues #1850 / #9932: `["a"]` is the field named "a" with quotes.
        assertThat(shape(cond("[x] in [\"a\"]")))
                .isEqualTo(new Expr.Compare("in", ref("[x]"), ref("[\"a\"]"), null));
    }

    @Test
    void negation() {
        assertThat(shape(cond("![a]"))).isEqualTo(new Expr.Not(ref("[a]"), null));
        assertThat(shape(cond("! [a][b]"))).isEqualTo(new Expr.Not(ref("[a][b]"), null));
        assertThat(shape(cond("!([a] == 1 or [b])")))
                .isEqualTo(
                        new Expr.Not(
                                or(new Expr.Compare("==", ref("[a]"), lit(1L), null), ref("[b]")),
                                null));
        assertThat(shape(cond("!(\"x\" in [tags]) and ![c]")))
                .isEqualTo(
                        and(
                                new Expr.Not(
                                        new Expr.Compare("in", lit("x"), ref("[tags]"), null),
                                        null),
                                new Expr.Not(ref("[c]"), null)));
    }

    @Test
    void bareValues() {
        assertThat(cond("[a][b]")).isEqualTo(new Expr.FieldRef("[a][b]", loc(2, 6)));
        assertThat(shape(cond("[@metadata][x y]"))).isEqualTo(ref("[@metadata][x y]"));
        assertThat(shape(cond("\"s\""))).isEqualTo(lit("s"));
        assertThat(shape(cond("1"))).isEqualTo(lit(1L));
    }

    @Test
    void allBooleanOperators() {
        for (String op : List.of("and", "or", "xor", "nand")) {
            assertThat(shape(cond("[a] " + op + " [b]")))
                    .isEqualTo(new Expr.Bool(op, ref("[a]"), ref("[b]"), null));
        }
    }

    @Test
    void andBindsTighterThanOr() {
        Expr a = ref("[a]");
        Expr b = ref("[b]");
        Expr c = ref("[c]");
        assertThat(shape(cond("[a] or [b] and [c]"))).isEqualTo(or(a, and(b, c)));
        assertThat(shape(cond("[a] and [b] or [c]"))).isEqualTo(or(and(a, b), c));
        assertThat(shape(cond("([a] or [b]) and [c]"))).isEqualTo(and(or(a, b), c));
    }

    @Test
    void equalOperatorsGroupToTheRightAsInLogstash() {
        Expr a = ref("[a]");
        Expr b = ref("[b]");
        Expr c = ref("[c]");
        assertThat(shape(cond("[a] and [b] and [c]"))).isEqualTo(and(a, and(b, c)));
        assertThat(shape(cond("[a] or [b] or [c]"))).isEqualTo(or(a, or(b, c)));
    }

    @Test
    void logstashPopsOnlyOneOperatorSoLongChainsGroupLikeThis() {
        // lscl.rb's shunting yard pops at most one operator: a and b and c or d is
        // a and ((b and c) or d). Reproduced on purpose (same events as Logstash).
        Expr a = ref("[a]");
        Expr b = ref("[b]");
        Expr c = ref("[c]");
        Expr d = ref("[d]");
        assertThat(shape(cond("[a] and [b] and [c] or [d]"))).isEqualTo(and(a, or(and(b, c), d)));
        assertThat(shape(cond("[a] or [b] and [c] or [d]"))).isEqualTo(or(a, or(and(b, c), d)));
    }

    @Test
    void comparisonsInsideBooleanChains() {
        assertThat(shape(cond("[a] == 1 and [b] =~ /x/ or \"t\" in [tags]")))
                .isEqualTo(
                        or(
                                and(
                                        new Expr.Compare("==", ref("[a]"), lit(1L), null),
                                        new Expr.Compare(
                                                "=~", ref("[b]"), new Expr.Regex("x", null), null)),
                                new Expr.Compare("in", lit("t"), ref("[tags]"), null)));
    }

    @Test
    void xorAndNandWorkAloneOrInParentheses() {
        assertThat(shape(cond("([a] xor [b]) and ([c] nand [d])")))
                .isEqualTo(
                        and(
                                new Expr.Bool("xor", ref("[a]"), ref("[b]"), null),
                                new Expr.Bool("nand", ref("[c]"), ref("[d]"), null)));
    }

    // ------------------------------------------------------------------ ${VAR}

    @Test
    void environmentSubstitution() {
        Map<String, String> env = Map.of("HOST", "es1", "PORT", "9200", "EMPTY", "");
        PipelineConfig c =
                ConfigParser.parse(
                        "t.conf",
                        "output { es {\n"
                                + "  hosts => [\"${HOST}:${PORT}\", \"${OTHER:localhost}:9201\"]\n"
                                + "  index => \"${INDEX:logs-%{+YYYY}}\"\n"
                                + "  user => '${EMPTY}'\n"
                                + "  opts => { \"a\" => \"${HOST}\" \"${HOST}\" => 1 }\n"
                                + "  codec => json { charset => \"${CHARSET:UTF-8}\" }\n"
                                + "  blank => \"${NONE:}\"\n"
                                + "  literal => \"$HOST ${ not a var}\"\n"
                                + "} }\n",
                        env);
        PluginDef es = ((PluginStatement) c.outputs().get(0)).plugin();
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        es.settings().forEach(s -> v.put(s.name(), s.value()));
        assertThat(v.get("hosts")).isEqualTo(List.of("es1:9200", "localhost:9201"));
        assertThat(v.get("index")).isEqualTo("logs-%{+YYYY}");
        assertThat(v.get("user")).isEqualTo("");
        // Hash keys are not substituted (Logstash's deep_replace only touches values).
        assertThat(v.get("opts")).isEqualTo(Map.of("a", "es1", "${HOST}", 1L));
        assertThat(((PluginDef) v.get("codec")).settings().get(0).value()).isEqualTo("UTF-8");
        assertThat(v.get("blank")).isEqualTo("");
        assertThat(v.get("literal")).isEqualTo("$HOST ${ not a var}");
    }

    @Test
    void environmentSubstitutionInConditionsReplacesWholeValuesOnly() {
        PipelineConfig c =
                ConfigParser.parse(
                        "t.conf",
                        "filter { if [env] == \"${STAGE}\" and [x] != \"pre-${STAGE}\""
                                + " and [y] in [\"${STAGE}\", \"b\"] { } }",
                        Map.of("STAGE", "prod"));
        Expr e = shape(((IfStatement) c.filters().get(0)).branches().get(0).condition());
        assertThat(e)
                .isEqualTo(
                        and(
                                new Expr.Compare("==", ref("[env]"), lit("prod"), null),
                                and(
                                        new Expr.Compare(
                                                "!=", ref("[x]"), lit("pre-${STAGE}"), null),
                                        new Expr.Compare(
                                                "in",
                                                ref("[y]"),
                                                new Expr.ListLiteral(List.of("prod", "b"), null),
                                                null))));
    }

    @Test
    void parseFileReadsUtf8AndNamesTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.conf");
        Files.writeString(
                f,
                "\uFEFFfilter { mutate { add_tag => \"caf\u00e9 \u2713\" } }\n",
                StandardCharsets.UTF_8);
        PipelineConfig c = ConfigParser.parseFile(f);
        PluginDef d = ((PluginStatement) c.filters().get(0)).plugin();
        assertThat(d.settings().get(0).value()).isEqualTo("caf\u00e9 \u2713");
        assertThat(d.location()).isEqualTo(new SourceLocation(f.toString(), 1, 10));
    }

    static List<String> names(List<Statement> body) {
        return body.stream().map(s -> ((PluginStatement) s).plugin().name()).toList();
    }
}
