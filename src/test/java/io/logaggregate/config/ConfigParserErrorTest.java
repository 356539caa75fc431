package io.logaggregate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Broken pipelines: each error names the exact place and says what was wrong. */
class ConfigParserErrorTest {

    private static ConfigException error(String text) {
        return error(text, Map.of());
    }

    private static ConfigException error(String text, Map<String, String> env) {
        ConfigException e =
                catchThrowableOfType(
                        ConfigException.class, () -> ConfigParser.parse("p.conf", text, env));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e;
    }

    private static void assertAt(ConfigException e, int line, int column) {
        assertThat(e.location()).isEqualTo(new SourceLocation("p.conf", line, column));
    }

    @Test
    void reportShowsLocationMessageLineAndCaret() {
        ConfigException e = error("filter {\n  grok {\n    match \"x\"\n  }\n}\n");
        assertAt(e, 3, 11);
        assertThat(e.getMessage())
                .isEqualTo("Expected \"=>\" but found `\"x\"` at line 3, column 11 (byte 29)");
        assertThat(e.excerpt()).isEqualTo("    match \"x\"\n          ^");
        assertThat(e.report())
                .isEqualTo(
                        "p.conf:3:11: Expected \"=>\" but found `\"x\"` at line 3, column 11 (byte"
                                + " 29)\n    match \"x\"\n          ^");
    }

    @Test
    void caretLineKeepsTabs() {
        ConfigException e = error("filter {\n\tgrok {\n\t\tmatch \"x\"\n\t}\n}\n");
        assertAt(e, 3, 9);
        assertThat(e.excerpt()).isEqualTo("\t\tmatch \"x\"\n\t\t      ^");
    }

    @Test
    void missingClosingBraceOfSectionPointsAtItsOpeningBrace() {
        ConfigException e = error("filter {\n  grok {\n    match => \"x\"\n  }\n");
        assertAt(e, 1, 8);
        assertThat(e.getMessage())
                .isEqualTo(
                        "The \"{\" of the filter section at line 1, column 8 (byte 8) is not"
                                + " closed: reached the end of the file without a matching \"}\"");
    }

    @Test
    void missingClosingBraceOfPluginShowsWhereTheNextPluginWasMistaken() {
        ConfigException e =
                error("filter {\n  grok {\n    match => \"x\"\n  mutate { add_tag => \"t\" }\n}\n");
        assertAt(e, 4, 10);
        assertThat(e.getMessage()).startsWith("Expected \"=>\" but found `{` at line 4, column 10");
    }

    @Test
    void unclosedPluginBlockAtEndOfFile() {
        ConfigException e = error("output {\n  stdout {\n    codec => json_lines\n");
        assertAt(e, 2, 10);
        assertThat(e.getMessage()).startsWith("The \"{\" of the block of plugin \"stdout\"");
    }

    @Test
    void missingArrowInHash() {
        ConfigException e = error("filter {\n  mutate {\n    add_field => { \"a\" \"b\" }\n  }\n}");
        assertAt(e, 3, 24);
        assertThat(e.getMessage()).startsWith("Expected \"=>\" but found `\"b\"`");
    }

    @Test
    void missingBraceAfterPluginName() {
        ConfigException e = error("filter {\n  mutate\n    add_tag => \"t\"\n}\n");
        assertAt(e, 3, 5);
        assertThat(e.getMessage())
                .startsWith("Expected \"{\" after plugin name \"mutate\" but found `add_tag`");
    }

    @Test
    void unterminatedStringPointsAtItsOpeningQuote() {
        ConfigException e = error("filter {\n  mutate {\n    add_tag => \"oops\n  }\n}\n");
        assertAt(e, 3, 16);
        assertThat(e.getMessage())
                .isEqualTo(
                        "Unterminated string: the \" at line 3, column 16 (byte 36) has no closing"
                                + " \" before the end of the file");
    }

    @Test
    void backslashBeforeClosingQuoteLeavesTheStringOpen() {
        // As in Logstash, "C:\dir\" does not end at its last quote.
        ConfigException e = error("input {\n  file { path => 'C:\\dir\\' }\n}\n");
        assertAt(e, 2, 18);
        assertThat(e.getMessage()).startsWith("Unterminated string");
    }

    @Test
    void unterminatedRegex() {
        ConfigException e = error("filter {\n  if [m] =~ /abc\\/ {\n  }\n}\n");
        assertAt(e, 2, 13);
        assertThat(e.getMessage()).startsWith("Unterminated regular expression: the /");
    }

    @Test
    void singleEqualsIsNotAnOperator() {
        ConfigException e = error("filter {\n  if [a] = \"x\" {\n  }\n}\n");
        assertAt(e, 2, 10);
        assertThat(e.getMessage())
                .isEqualTo(
                        "Expected one of \"==\", \"!=\", \"<\", \">\", \"<=\", \">=\", \"=~\","
                                + " \"!~\", \"in\", \"not in\", \"and\", \"or\", \"xor\", \"nand\","
                                + " \"{\" but found `=` at line 2, column 10 (byte 19)");
    }

    @Test
    void tripleEquals() {
        ConfigException e = error("filter {\n  if [a] === 1 {\n  }\n}\n");
        assertAt(e, 2, 12);
        assertThat(e.getMessage())
                .startsWith(
                        "Expected a condition value (string, number, field reference, array or"
                                + " /regex/) but found `=`");
    }

    @Test
    void unknownBooleanWord() {
        ConfigException e = error("filter {\n  if [a] && [b] {\n  }\n}\n");
        assertAt(e, 2, 10);
        assertThat(e.getMessage()).contains("but found `&`");
    }

    @Test
    void barewordTrueIsNotAConditionValue() {
        ConfigException e = error("filter {\n  if [ok] == true {\n  }\n}\n");
        assertAt(e, 2, 14);
        assertThat(e.getMessage()).endsWith("; write \"true\" in quotes");
    }

    @Test
    void negationOfAComparisonNeedsParentheses() {
        // As in Logstash: `!` applies to a field reference or a parenthesised condition only.
        ConfigException e = error("filter {\n  if ![a] == 1 {\n  }\n}\n");
        assertAt(e, 2, 11);
        assertThat(e.getMessage())
                .startsWith("Expected one of \"and\", \"or\", \"xor\", \"nand\", \"{\"");
        ConfigException e2 = error("filter {\n  if !\"x\" {\n  }\n}\n");
        assertAt(e2, 2, 7);
    }

    @Test
    void xorMixedWithAnotherOperatorIsRefusedLikeLogstash() {
        ConfigException e = error("filter {\n  if [a] and [b] xor [c] {\n  }\n}\n");
        assertAt(e, 2, 18);
        assertThat(e.getMessage()).startsWith("`xor` cannot be combined");
        assertAt(error("filter {\n  if [a] nand [b] or [c] {\n  }\n}\n"), 2, 19);
    }

    @Test
    void unclosedParenthesis() {
        ConfigException e = error("filter {\n  if ([a] and [b] {\n  }\n}\n");
        assertAt(e, 2, 19);
        assertThat(e.getMessage()).contains("\"nand\", \")\" but found `{`");
    }

    @Test
    void unknownSection() {
        ConfigException e = error("input { stdin {} }\nfiltre {\n}\n");
        assertAt(e, 2, 1);
        assertThat(e.getMessage())
                .isEqualTo(
                        "Unknown section \"filtre\", expected one of \"input\", \"filter\","
                                + " \"output\" at line 2, column 1 (byte 20)");
    }

    @Test
    void strayTextAtTopLevel() {
        ConfigException e = error("filter { }\n}\n");
        assertAt(e, 2, 1);
        assertThat(e.getMessage())
                .startsWith("Expected one of \"input\", \"filter\", \"output\" but found `}`");
    }

    @Test
    void conditionalsInInputAreRefused() {
        ConfigException e = error("input {\n  if [a] { stdin {} }\n}\n");
        assertAt(e, 2, 3);
        assertThat(e.getMessage()).startsWith("Conditionals are not allowed in the input section");
    }

    @Test
    void elseWithoutIf() {
        ConfigException e = error("filter {\n  x {}\n  else { y {} }\n}\n");
        assertAt(e, 3, 3);
        assertThat(e.getMessage()).startsWith("\"else\" without a preceding \"if\"");
    }

    @Test
    void elseFollowedByGarbage() {
        ConfigException e = error("filter {\n  if [a] {} else whatever {}\n}\n");
        assertAt(e, 2, 18);
        assertThat(e.getMessage())
                .startsWith("Expected one of \"if\", \"{\" after \"else\" but found `whatever`");
    }

    @Test
    void trailingCommaInArray() {
        ConfigException e = error("filter {\n  mutate { add_tag => [\"a\", ] }\n}\n");
        assertAt(e, 2, 29);
        assertThat(e.getMessage())
                .startsWith(
                        "Expected a value (string, number, bareword, array, hash or plugin) but"
                                + " found `]`");
    }

    @Test
    void unclosedArray() {
        ConfigException e = error("filter {\n  mutate { add_tag => [\"a\", \"b\"\n");
        assertAt(e, 2, 23);
        assertThat(e.getMessage()).contains("without a matching \"]\"");
    }

    @Test
    void missingCommaInArray() {
        ConfigException e = error("filter {\n  mutate { add_tag => [\"a\" \"b\"] }\n}\n");
        assertAt(e, 2, 28);
        assertThat(e.getMessage()).startsWith("Expected one of \",\", \"]\" but found `\"b\"`");
    }

    @Test
    void duplicateHashKeys() {
        ConfigException e =
                error(
                        "filter {\n"
                                + "  mutate { add_field => { \"a\" => 1 \"b\" => 2 \"a\" => 3 } }\n"
                                + "}\n");
        assertAt(e, 2, 25);
        assertThat(e.getMessage())
                .isEqualTo(
                        "Duplicate keys found in your configuration: [\"a\"] at line 2, column 25"
                                + " (byte 34)");
    }

    @Test
    void valueRunningIntoTheNextWord() {
        ConfigException e = error("filter {\n  aggregate { timeout => 10s }\n}\n");
        assertAt(e, 2, 28);
        assertThat(e.getMessage())
                .startsWith(
                        "Expected whitespace, \"#\" or \"}\" after the value of \"timeout\" but"
                                + " found `s`");
    }

    @Test
    void badHashKey() {
        ConfigException e = error("filter {\n  mutate { add_field => { @x => 1 } }\n}\n");
        assertAt(e, 2, 27);
    }

    @Test
    void numberTooLarge() {
        ConfigException e = error("filter {\n  x { n => 99999999999999999999 }\n}\n");
        assertAt(e, 2, 12);
        assertThat(e.getMessage()).startsWith("Number 99999999999999999999 is too large");
    }

    @Test
    void undefinedEnvironmentVariable() {
        ConfigException e =
                error(
                        "output {\n"
                                + "  elasticsearch {\n"
                                + "    hosts => \"http://${ES_HOST}:9200\"\n"
                                + "  }\n"
                                + "}\n");
        assertAt(e, 3, 14);
        assertThat(e.getMessage())
                .isEqualTo(
                        "Cannot evaluate `${ES_HOST}`. Replacement variable `ES_HOST` is not"
                                + " defined in a Logstash secret store or as an Environment entry and"
                                + " there is no default value given.");
    }

    @Test
    void undefinedEnvironmentVariableInsideAnArrayAndInACondition() {
        assertAt(error("filter {\n  x { tags => [\"a\",\n    \"${T}\"] }\n}\n"), 3, 5);
        assertAt(error("filter {\n  if [a] == \"${A}\" {\n  }\n}\n"), 2, 13);
        // Defined in the given environment: no error.
        ConfigParser.parse("p.conf", "filter { x { t => \"${T}\" } }", Map.of("T", "v"));
    }

    @Test
    void methodCallsAreNotSupported() {
        ConfigException e = error("filter {\n  if length([a]) > 1 {\n  }\n}\n");
        assertAt(e, 2, 6);
        assertThat(e.getMessage()).startsWith("Method calls in conditions are not supported");
    }

    @Test
    void unreadableFile() {
        ConfigException e =
                catchThrowableOfType(
                        ConfigException.class,
                        () -> ConfigParser.parseFile(java.nio.file.Path.of("/nonexistent/p.conf")));
        assertThat(e.getMessage()).startsWith("Cannot read pipeline file /nonexistent/p.conf");
    }

    @Test
    void everyTruncationAndEveryDeletedCharacterGivesAConfigExceptionOrAConfig() {
        // "Bad input never crashes": cut the rich printer fixture at every offset and drop each
        // character in turn; the parser must answer with a config or a located ConfigException.
        String text = ConfigPrinterTest.RICH;
        for (int i = 0; i <= text.length(); i++) {
            assertParsesOrFailsCleanly(text.substring(0, i));
            if (i < text.length()) {
                assertParsesOrFailsCleanly(text.substring(0, i) + text.substring(i + 1));
            }
        }
    }

    private static void assertParsesOrFailsCleanly(String text) {
        try {
            ConfigParser.parse("p.conf", text, Map.of());
        } catch (ConfigException e) {
            assertThat(e.location()).as(text).isNotNull();
            assertThat(e.location().line()).isBetween(1, (int) text.lines().count() + 1);
            assertThat(e.excerpt()).contains("^");
        }
    }
}
