package io.logaggregate.config;

import io.logaggregate.config.ast.Expr;
import io.logaggregate.config.ast.IfStatement;
import io.logaggregate.config.ast.PipelineConfig;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.PluginStatement;
import io.logaggregate.config.ast.Setting;
import io.logaggregate.config.ast.Statement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Parser for Logstash's pipeline configuration language, producing the {@code config.ast}
 * records.
 *
 * <p>A hand-written, scannerless recursive-descent parser that follows Logstash's treetop
 * grammar ({@code logstash-core/lib/logstash/compiler/lscl/lscl_grammar.treetop}) rule by rule
 * and the meaning {@code lscl.rb} gives the parse tree. Deliberate points, all as in Logstash:
 *
 * <ul>
 *   <li>Strings keep their text literally ({@code config.support_escapes} is false by default):
 *       a backslash before the string's own quote keeps the string open and stays in the text.
 *   <li>A setting value that is a name followed by {@code {} is a plugin (a codec).
 *   <li>In a condition, {@code [x]} is a field reference even when it looks like a one-element
 *       array ({@code ["a"]}); only brackets holding a comma, a nested bracket or nothing are an
 *       array literal (Logstash issues #1850, #9932).
 *   <li>Boolean operator precedence: see {@link BooleanChain}.
 * </ul>
 *
 * Deliberately more lenient than Logstash: one-letter barewords, commas between hash entries,
 * and a comment directly after a value.
 */
public final class ConfigParser {
    private static final Set<String> SECTIONS = Set.of("input", "filter", "output");
    private static final String SECTION_NAMES = "\"input\", \"filter\", \"output\"";
    private static final String BOOL_OPS = "\"and\", \"or\", \"xor\", \"nand\"";
    private static final String RVALUE_OPS =
            "\"==\", \"!=\", \"<\", \">\", \"<=\", \">=\", \"=~\", \"!~\", \"in\", \"not in\"";
    private static final String RVALUE =
            "a condition value (string, number, field reference, array or /regex/)";

    private final SourceText src;
    private final String s;
    private final int n;
    private final EnvSubstitution env;
    private int pos;

    /** True while parsing a condition: values get Logstash's whole-value-only substitution. */
    private boolean inCondition;

    private ConfigParser(String fileName, String text, Map<String, String> env) {
        // A UTF-8 byte order mark is not part of the configuration; editors do not count it.
        this(new SourceText(fileName, withoutBom(text)), env);
    }

    private ConfigParser(SourceText src, Map<String, String> env) {
        this.src = src;
        this.s = src.text();
        this.n = s.length();
        this.env = new EnvSubstitution(env);
    }

    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Reads {@code file} as UTF-8 and parses it, substituting from the process environment. */
    public static PipelineConfig parseFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Cannot read pipeline file " + file + ": " + e, null);
        }
        return parse(file.toString(), text, System.getenv());
    }

    /**
     * Reads the files of a pipeline path (a file, a directory or a glob: {@link PipelinePath}) as
     * UTF-8 and parses them as one pipeline, substituting from the process environment.
     */
    public static PipelineConfig parsePath(Path path) {
        List<Path> files;
        try {
            files = PipelinePath.files(path);
        } catch (IOException e) {
            throw new ConfigException("Cannot read pipeline path " + path + ": " + e, null);
        }
        if (files.isEmpty()) {
            throw new ConfigException("Cannot load configuration for path: " + path, null);
        }
        if (files.size() == 1 && files.get(0).equals(path)) {
            return parseFile(path);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                texts.put(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ConfigException("Cannot read pipeline file " + f + ": " + e, null);
            }
        }
        return parse(path.toString(), texts, System.getenv());
    }

    /**
     * Parses several files as one pipeline, as Logstash does with a {@code path.config} naming a
     * directory or a glob: their texts joined by a newline, in the given order (so a section may
     * even end in a later file), each location naming its own file and line.
     *
     * @param name the pipeline's name (the directory or glob)
     * @param texts file name to text, in concatenation order
     */
    public static PipelineConfig parse(
            String name, Map<String, String> texts, Map<String, String> env) {
        StringBuilder joined = new StringBuilder();
        List<String> files = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (Map.Entry<String, String> e : texts.entrySet()) {
            if (!files.isEmpty()) {
                joined.append('\n');
            }
            files.add(e.getKey());
            starts.add(joined.length());
            joined.append(withoutBom(e.getValue()));
        }
        SourceText src = new SourceText(name, joined.toString(), files, starts);
        return new ConfigParser(src, env == null ? Map.of() : env).parseConfig();
    }

    /**
     * Parses a pipeline.
     *
     * @param fileName used in error locations
     * @param env values for {@code ${VAR}} placeholders
     * @throws ConfigException on any syntax error or undefined variable
     */
    public static PipelineConfig parse(String fileName, String text, Map<String, String> env) {
        Objects.requireNonNull(text, "text");
        return new ConfigParser(fileName, text, env == null ? Map.of() : env).parseConfig();
    }

    // ------------------------------------------------------------------ sections

    private PipelineConfig parseConfig() {
        List<PluginDef> inputs = new ArrayList<>();
        List<Statement> filters = new ArrayList<>();
        List<Statement> outputs = new ArrayList<>();
        skipCs();
        while (pos < n) {
            int start = pos;
            String word = scanNameChars();
            if (word.isEmpty()) {
                throw expected("one of " + SECTION_NAMES, start);
            }
            if (!SECTIONS.contains(word)) {
                throw src.error(
                        "Unknown section \""
                                + word
                                + "\", expected one of "
                                + SECTION_NAMES
                                + " at "
                                + src.describe(start),
                        start);
            }
            skipCs();
            int open = expectOpenBrace("\"{\" after \"" + word + "\"");
            List<Statement> body = parseBlockBody(word, open, "the " + word + " section");
            switch (word) {
                case "input" -> {
                    for (Statement st : body) {
                        inputs.add(((PluginStatement) st).plugin());
                    }
                }
                case "filter" -> filters.addAll(body);
                default -> outputs.addAll(body);
            }
            skipCs();
        }
        return new PipelineConfig(src.file(), inputs, filters, outputs, s);
    }

    /** Statements up to the closing brace; {@code open} is the offset of the opening brace. */
    private List<Statement> parseBlockBody(String section, int open, String what) {
        List<Statement> out = new ArrayList<>();
        skipCs();
        while (true) {
            if (pos >= n) {
                throw unclosed(open, what);
            }
            if (peek() == '}') {
                pos++;
                return out;
            }
            out.add(parseStatement(section));
            skipCs();
        }
    }

    private Statement parseStatement(String section) {
        int start = pos;
        String word = peekWord();
        if (word.equals("if")) {
            if (section.equals("input")) {
                throw src.error(
                        "Conditionals are not allowed in the input section, at "
                                + src.describe(start),
                        start);
            }
            return parseIf(section);
        }
        if (word.equals("else")) {
            throw src.error("\"else\" without a preceding \"if\" at " + src.describe(start), start);
        }
        if (word.isEmpty() && peek() != '"' && peek() != '\'') {
            throw expected("one of a plugin name, \"if\", \"}\"", start);
        }
        return new PluginStatement(parsePlugin(section));
    }

    private PluginDef parsePlugin(String section) {
        int start = pos;
        String name = parseName("a plugin name");
        skipCs();
        int open = expectOpenBrace("\"{\" after plugin name \"" + name + "\"");
        List<Setting> settings = parseSettings(open, name);
        return new PluginDef(section, name, settings, src.location(start));
    }

    /** Settings up to the closing brace of a plugin block opened at {@code open}. */
    private List<Setting> parseSettings(int open, String pluginName) {
        List<Setting> out = new ArrayList<>();
        skipCs();
        while (true) {
            if (pos >= n) {
                throw unclosed(open, "the block of plugin \"" + pluginName + "\"");
            }
            if (peek() == '}') {
                pos++;
                return out;
            }
            int start = pos;
            String name = parseName("one of a setting name, \"}\"");
            skipCs();
            expectArrow();
            skipCs();
            Value v = parseValue();
            out.add(new Setting(name, v.value(), v.bareword(), src.location(start)));
            // Logstash needs whitespace between settings: `timeout => 10s` must not read as
            // the setting `timeout => 10` followed by a setting named `s`.
            if (pos < n && !isWhitespace(peek()) && peek() != '#' && peek() != '}') {
                throw expected(
                        "whitespace, \"#\" or \"}\" after the value of \"" + name + "\"", pos);
            }
            skipCs();
        }
    }

    // ------------------------------------------------------------------ conditionals

    private IfStatement parseIf(String section) {
        int start = pos;
        List<IfStatement.Branch> branches = new ArrayList<>();
        pos += 2; // "if"
        branches.add(parseBranch(section, true));
        while (true) {
            int save = pos;
            skipCs();
            if (!peekWord().equals("else")) {
                pos = save;
                break;
            }
            pos += 4;
            skipCs();
            if (peekWord().equals("if")) {
                pos += 2;
                branches.add(parseBranch(section, true));
            } else {
                branches.add(parseBranch(section, false));
                break;
            }
        }
        return new IfStatement(branches, src.location(start));
    }

    /** After "if" / "else if" / "else": the condition (if any) and the braced body. */
    private IfStatement.Branch parseBranch(String section, boolean withCondition) {
        Expr condition = null;
        skipCs();
        if (withCondition) {
            condition = parseCondition();
            skipCs();
            if (pos >= n || peek() != '{') {
                throw expected(afterConditionExpected("\"{\""), pos);
            }
        }
        int open = expectOpenBrace(withCondition ? "\"{\"" : "one of \"if\", \"{\" after \"else\"");
        List<Statement> body =
                parseBlockBody(
                        section, open, withCondition ? "the \"if\" block" : "the \"else\" block");
        return new IfStatement.Branch(condition, body);
    }

    /**
     * Set by {@link #parseExpression}: the last expression was a lone value, so an operator fits.
     */
    private boolean lastWasBareValue;

    private String afterConditionExpected(String closer) {
        return "one of " + (lastWasBareValue ? RVALUE_OPS + ", " : "") + BOOL_OPS + ", " + closer;
    }

    /** {@code expression (cs boolean_operator cs expression)*} */
    private Expr parseCondition() {
        boolean outer = inCondition;
        inCondition = true;
        try {
            List<Expr> operands = new ArrayList<>();
            List<String> ops = new ArrayList<>();
            List<Integer> opPositions = new ArrayList<>();
            operands.add(parseExpression());
            while (true) {
                int save = pos;
                skipCs();
                String op = matchBooleanOperator();
                if (op == null) {
                    pos = save;
                    break;
                }
                ops.add(op);
                opPositions.add(pos);
                pos += op.length();
                skipCs();
                operands.add(parseExpression());
            }
            return BooleanChain.combine(operands, ops, opPositions, src);
        } finally {
            inCondition = outer;
        }
    }

    private String matchBooleanOperator() {
        // Literal matches in the grammar's order; no word boundary is required there either.
        for (String op : new String[] {"and", "or", "xor", "nand"}) {
            if (s.startsWith(op, pos)) {
                return op;
            }
        }
        return null;
    }

    /**
     * One operand: {@code ( condition )}, {@code !selector}, {@code !( condition )}, a comparison /
     * in / regex match of two values, or a lone value.
     */
    private Expr parseExpression() {
        int start = pos;
        lastWasBareValue = false;
        if (pos >= n) {
            throw expected("a condition", pos);
        }
        char c = peek();
        if (c == '(') {
            return parseParenthesised();
        }
        if (c == '!') {
            pos++;
            skipCs();
            if (pos < n && peek() == '(') {
                return new Expr.Not(parseParenthesised(), src.location(start));
            }
            if (pos < n && peek() == '[') {
                int refStart = pos;
                String ref = scanSelector();
                if (ref != null) {
                    return new Expr.Not(
                            new Expr.FieldRef(ref, src.location(refStart)), src.location(start));
                }
            }
            throw expected("one of \"(\", a field reference after \"!\"", pos);
        }
        Expr left = parseRvalue();
        int save = pos;
        skipCs();
        String op = matchValueOperator();
        if (op == null) {
            pos = save;
            lastWasBareValue = true;
            return left;
        }
        skipCs();
        if (op.equals("=~") || op.equals("!~")) {
            int rs = pos;
            Expr right;
            if (pos < n && (peek() == '"' || peek() == '\'')) {
                // Logstash turns a string on the right of =~ into a regex (lscl.rb
                // RegexpExpression); it is not a value, so no ${VAR} substitution.
                right = new Expr.Regex(scanQuoted(), src.location(rs));
            } else if (pos < n && peek() == '/') {
                right = new Expr.Regex(scanRegex(), src.location(rs));
            } else {
                throw expected("one of a string, /regex/ after \"" + op + "\"", pos);
            }
            return new Expr.Compare(op, left, right, src.location(start));
        }
        Expr right = parseRvalue();
        return new Expr.Compare(op, left, right, src.location(start));
    }

    private Expr parseParenthesised() {
        int open = pos;
        pos++; // (
        skipCs();
        Expr inner = parseCondition();
        skipCs();
        if (pos >= n) {
            throw src.error(
                    "\"(\" at "
                            + src.describe(open)
                            + " is not closed: reached the end of the file",
                    open);
        }
        if (peek() != ')') {
            throw expected(afterConditionExpected("\")\""), pos);
        }
        pos++;
        lastWasBareValue = false;
        return inner;
    }

    /** A comparison, in or regex operator at pos, consumed; null (nothing consumed) if none. */
    private String matchValueOperator() {
        if (s.startsWith("in", pos)) {
            pos += 2;
            return "in";
        }
        // The grammar's literal is "not " (with the space); any whitespace or a comment will do.
        if (s.startsWith("not", pos)
                && pos + 3 < n
                && (isWhitespace(s.charAt(pos + 3)) || s.charAt(pos + 3) == '#')) {
            int save = pos;
            pos += 3;
            skipCs();
            if (s.startsWith("in", pos)) {
                pos += 2;
                return "not_in";
            }
            pos = save;
            return null;
        }
        for (String op : new String[] {"==", "!=", "<=", ">=", "=~", "!~", "<", ">"}) {
            if (s.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        return null;
    }

    /** {@code string / number / selector / array / regexp} (method calls are not supported). */
    private Expr parseRvalue() {
        int start = pos;
        if (pos >= n) {
            throw expected(RVALUE, pos);
        }
        char c = peek();
        if (c == '"' || c == '\'') {
            String text = scanQuoted();
            return new Expr.Literal(env.replaceWhole(text, src, start), src.location(start));
        }
        if (c == '-' || isDigit(c)) {
            return new Expr.Literal(parseNumber(), src.location(start));
        }
        if (c == '[') {
            String ref = scanSelector();
            if (ref != null) {
                return new Expr.FieldRef(ref, src.location(start));
            }
            return new Expr.ListLiteral(parseArray(), src.location(start));
        }
        if (c == '/') {
            return new Expr.Regex(scanRegex(), src.location(start));
        }
        if (isBarewordStart(c)) {
            String word = scanBareword();
            int after = pos;
            skipCs();
            if (pos < n && peek() == '(') {
                throw src.error(
                        "Method calls in conditions are not supported (\""
                                + word
                                + "(\") at "
                                + src.describe(start),
                        start);
            }
            pos = after;
            throw src.error(
                    "Expected "
                            + RVALUE
                            + " but found \""
                            + word
                            + "\" at "
                            + src.describe(start)
                            + (word.equals("true") || word.equals("false")
                                    ? "; write \"" + word + "\" in quotes"
                                    : ""),
                    start);
        }
        throw expected(RVALUE, start);
    }

    /**
     * {@code ("[" [^\]\[,]+ "]")+} read at pos; returns the text as written, or null (pos
     * unchanged) when not even one element matches.
     */
    private String scanSelector() {
        int start = pos;
        while (pos < n && peek() == '[') {
            int elem = pos;
            int i = pos + 1;
            while (i < n && "[],".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            if (i == pos + 1 || i >= n || s.charAt(i) != ']') {
                pos = elem;
                break;
            }
            pos = i + 1;
        }
        return pos == start ? null : s.substring(start, pos);
    }

    // ------------------------------------------------------------------ values

    private record Value(Object value, boolean bareword) {}

    /** {@code plugin / bareword / string / number / array / hash} */
    private Value parseValue() {
        int start = pos;
        if (pos >= n) {
            throw expected("a value", pos);
        }
        char c = peek();
        if (isNameChar(c) || c == '"' || c == '\'') {
            boolean quoted = !isNameChar(c);
            String name = quoted ? scanQuoted() : scanNameChars();
            int after = pos;
            skipCs();
            if (pos < n && peek() == '{') {
                // `codec => json { ... }`: a plugin inside a plugin is a codec (lscl.rb
                // Node#section_type).
                int open = pos;
                pos++;
                List<Setting> settings = parseSettings(open, name);
                return new Value(
                        new PluginDef("codec", name, settings, src.location(start)), false);
            }
            pos = after;
            if (quoted) {
                return new Value(substitute(name, start), false);
            }
            pos = start;
            if (isBarewordStart(c)) {
                return new Value(substitute(scanBareword(), start), true);
            }
            return new Value(parseNumber(), false);
        }
        if (c == '[') {
            return new Value(parseArray(), false);
        }
        if (c == '{') {
            return new Value(parseHash(), false);
        }
        throw expected("a value (string, number, bareword, array, hash or plugin)", pos);
    }

    private String substitute(String text, int at) {
        return inCondition ? env.replaceWhole(text, src, at) : env.replaceAll(text, src, at);
    }

    /**
     * {@code "-"? [0-9]+ ("." [0-9]*)?} as a Long or Double, read as Logstash's compiler reads it
     * ({@code Integer(text)} / {@code Float(text)} in Ruby): an integer with a leading zero is
     * octal ({@code 010} is 8, {@code 08} an error), a decimal number is decimal.
     */
    private Object parseNumber() {
        int start = pos;
        if (pos < n && peek() == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < n && isDigit(peek())) {
            pos++;
        }
        if (pos == digits) {
            throw expected("a digit", pos);
        }
        boolean fraction = false;
        if (pos < n && peek() == '.') {
            fraction = true;
            pos++;
            while (pos < n && isDigit(peek())) {
                pos++;
            }
        }
        String text = s.substring(start, pos);
        if (fraction) {
            return Double.parseDouble(text);
        }
        String unsigned = text.startsWith("-") ? text.substring(1) : text;
        boolean octal = unsigned.length() > 1 && unsigned.charAt(0) == '0';
        if (octal && !unsigned.matches("[0-7]+")) {
            throw src.error(
                    "invalid value for Integer(): \""
                            + text
                            + "\" (a number with a leading zero is octal) at "
                            + src.describe(start),
                    start);
        }
        try {
            return octal ? Long.parseLong(text, 8) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw src.error("Number " + text + " is too large at " + src.describe(start), start);
        }
    }

    /** {@code "[" cs (value (cs "," cs value)*)? cs "]"} */
    private List<Object> parseArray() {
        int open = pos;
        pos++;
        List<Object> out = new ArrayList<>();
        skipCs();
        if (pos < n && peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            if (pos >= n) {
                throw unclosed(open, "the array", "]");
            }
            out.add(parseValue().value());
            skipCs();
            if (pos >= n) {
                throw unclosed(open, "the array", "]");
            }
            if (peek() == ',') {
                pos++;
                skipCs();
            } else if (peek() == ']') {
                pos++;
                return out;
            } else {
                throw expected("one of \",\", \"]\"", pos);
            }
        }
    }

    /** {@code "{" cs (hashentry (cs hashentry)*)? cs "}"}, tolerating commas between entries. */
    private Map<String, Object> parseHash() {
        int open = pos;
        pos++;
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> written = new LinkedHashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        skipCs();
        while (true) {
            if (pos >= n) {
                throw unclosed(open, "the hash");
            }
            if (peek() == '}') {
                pos++;
                break;
            }
            int keyStart = pos;
            String key = parseHashKey();
            String asWritten = s.substring(keyStart, pos);
            if (!written.add(asWritten)) {
                duplicates.add(asWritten);
            }
            skipCs();
            expectArrow();
            skipCs();
            out.put(key, parseValue().value());
            skipCs();
            if (pos < n && peek() == ',') {
                pos++;
                skipCs();
            }
        }
        if (!duplicates.isEmpty()) {
            // Logstash's logstash.runner.configuration.invalid_plugin_settings_duplicate_keys.
            throw src.error(
                    "Duplicate keys found in your configuration: ["
                            + String.join(", ", duplicates)
                            + "] at "
                            + src.describe(open),
                    open);
        }
        return out;
    }

    /** {@code number / bareword / string}; the key is the text without quotes. */
    private String parseHashKey() {
        int start = pos;
        char c = peek();
        if (c == '"' || c == '\'') {
            return scanQuoted();
        }
        if (isBarewordStart(c)) {
            return scanBareword();
        }
        if (c == '-' || isDigit(c)) {
            parseNumber();
            return s.substring(start, pos);
        }
        throw expected("one of a hash key (string, bareword or number), \"}\"", pos);
    }

    // ------------------------------------------------------------------ tokens

    /** {@code [A-Za-z0-9_-]+ / string}: plugin and setting names. */
    private String parseName(String what) {
        if (pos < n && (peek() == '"' || peek() == '\'')) {
            return scanQuoted();
        }
        String name = scanNameChars();
        if (name.isEmpty()) {
            throw expected(what, pos);
        }
        return name;
    }

    /**
     * A quoted string at pos; returns the text between the quotes, untouched. A backslash before
     * the string's own quote keeps it open (the grammar's {@code '\"' / !'"' .}).
     */
    private String scanQuoted() {
        return scanDelimited(peek(), "string");
    }

    /** {@code "/" ("\/" / !"/" .)* "/"}; the pattern keeps its {@code \/}. */
    private String scanRegex() {
        return scanDelimited('/', "regular expression");
    }

    private String scanDelimited(char q, String what) {
        int start = pos;
        int i = pos + 1;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n && s.charAt(i + 1) == q) {
                i += 2;
            } else if (c == q) {
                pos = i + 1;
                return s.substring(start + 1, i);
            } else {
                i++;
            }
        }
        throw src.error(
                "Unterminated "
                        + what
                        + ": the "
                        + q
                        + " at "
                        + src.describe(start)
                        + " has no closing "
                        + q
                        + " before the end of the file",
                start);
    }

    private String scanNameChars() {
        int start = pos;
        while (pos < n && isNameChar(peek())) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private String scanBareword() {
        int start = pos;
        pos++;
        while (pos < n && isBarewordPart(peek())) {
            pos++;
        }
        return s.substring(start, pos);
    }

    /** The name-character word at pos, not consumed. */
    private String peekWord() {
        int i = pos;
        while (i < n && isNameChar(s.charAt(i))) {
            i++;
        }
        return s.substring(pos, i);
    }

    /** Whitespace and {@code #} comments (the grammar's {@code cs}). */
    private void skipCs() {
        while (pos < n) {
            char c = peek();
            if (isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < n && peek() != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void expectArrow() {
        if (!s.startsWith("=>", pos)) {
            throw expected("\"=>\"", pos);
        }
        pos += 2;
    }

    /** Consumes "{" and returns its offset. */
    private int expectOpenBrace(String what) {
        if (pos >= n || peek() != '{') {
            throw expected(what, pos);
        }
        return pos++;
    }

    private char peek() {
        return s.charAt(pos);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isBarewordStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isBarewordPart(char c) {
        return isBarewordStart(c) || isDigit(c);
    }

    private static boolean isNameChar(char c) {
        return isBarewordPart(c) || c == '-';
    }

    // ------------------------------------------------------------------ errors

    private ConfigException expected(String what, int at) {
        return src.error(
                "Expected " + what + " but found " + found(at) + " at " + src.describe(at), at);
    }

    private ConfigException unclosed(int open, String what) {
        return unclosed(open, what, "}");
    }

    private ConfigException unclosed(int open, String what, String closer) {
        return src.error(
                "The \""
                        + s.charAt(open)
                        + "\" of "
                        + what
                        + " at "
                        + src.describe(open)
                        + " is not closed: reached the end of the file without a matching \""
                        + closer
                        + "\"",
                open);
    }

    /** A short description of the text at {@code at}, for "but found ...". */
    private String found(int at) {
        if (at >= n) {
            return "end of file";
        }
        char c = s.charAt(at);
        int end = at + 1;
        if (isNameChar(c)) {
            while (end < n && end - at < 30 && isNameChar(s.charAt(end))) {
                end++;
            }
        } else if (c == '"' || c == '\'') {
            while (end < n && end - at < 30 && s.charAt(end) != c && s.charAt(end) != '\n') {
                end++;
            }
            if (end < n && s.charAt(end) == c) {
                end++;
            }
        } else if ("=!<>~".indexOf(c) >= 0) {
            while (end < n && "=!<>~".indexOf(s.charAt(end)) >= 0) {
                end++;
            }
        } else if (c == '\n' || c == '\r') {
            return "end of line";
        }
        return "`" + s.substring(at, end) + "`";
    }
}
