package io.logaggregate.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** POSIX brackets and their {@code \p{...}} names match as in Ruby (Onigmo) on UTF-8 text. */
class RubyRegexPosixTest {
    private static boolean matches(String rubyRegex, String text) {
        return RubyRegex.compile(rubyRegex).pattern().matcher(text).matches();
    }

    @Test
    void lettersAndDigitsAreUnicode() {
        assertThat(matches("[[:alpha:]]+", "jörgПривет日本")).isTrue();
        assertThat(matches("[[:alnum:]]+", "é٣4")).isTrue(); // ٣ is an Arabic-Indic digit
        assertThat(matches("[[:digit:]]+", "٣4")).isTrue();
        assertThat(matches("[[:upper:]]", "Ö")).isTrue();
        assertThat(matches("[[:lower:]]", "ß")).isTrue();
        assertThat(matches("[[:word:]]+", "naïve_x")).isTrue();
        assertThat(matches("[[:alpha:]]", "1")).isFalse();
    }

    @Test
    void backslashClassesStayAscii() {
        // in Ruby \w and \d are ASCII-only, unlike the POSIX brackets
        assertThat(matches("\\w", "é")).isFalse();
        assertThat(matches("\\d", "٣")).isFalse();
    }

    @Test
    void negatedAndCombined() {
        assertThat(matches("[[:^alpha:]]", "é")).isFalse();
        assertThat(matches("[[:^alpha:]]", "1")).isTrue();
        assertThat(matches("[^[:alnum:]]", "ü")).isFalse();
        assertThat(matches("[^[:alnum:]]", "-")).isTrue();
        assertThat(matches("[[:alnum:]_.-]+", "a_b.c-d")).isTrue();
        assertThat(matches("[a-z&&[:alpha:]]", "q")).isTrue();
        assertThat(matches("[a-z&&[:^alpha:]]", "q")).isFalse();
    }

    @Test
    void otherClasses() {
        assertThat(matches("[[:space:]]+", " \t\n\u00a0\u2028")).isTrue();
        assertThat(matches("[[:blank:]]+", " \t\u3000")).isTrue();
        assertThat(matches("[[:blank:]]", "\n")).isFalse();
        assertThat(matches("[[:punct:]]+", "!,.«»¿$+<=>^`|~")).isTrue();
        assertThat(matches("[[:xdigit:]]+", "09afAF")).isTrue();
        assertThat(matches("[[:xdigit:]]", "g")).isFalse();
        assertThat(matches("[[:cntrl:]]", "\u0001")).isTrue();
        assertThat(matches("[[:graph:]]+", "aé!€")).isTrue();
        assertThat(matches("[[:graph:]]", " ")).isFalse();
        assertThat(matches("[[:print:]]+", "a é")).isTrue();
        assertThat(matches("[[:print:]]", "\n")).isFalse();
        assertThat(matches("[[:ascii:]]", "é")).isFalse();
    }

    @Test
    void propertyNamesOfThePosixClasses() {
        assertThat(matches("\\p{Alpha}+", "Grüße")).isTrue();
        assertThat(matches("\\p{^Alpha}", "é")).isFalse();
        assertThat(matches("\\P{Alnum}", "7")).isFalse();
        assertThat(matches("[\\p{Alnum}]+", "ab٣")).isTrue();
        // other properties go to Java as written
        assertThat(matches("\\p{L}+", "ab")).isTrue();
        assertThat(matches("\\u{1F600}", "\uD83D\uDE00")).isTrue();
    }

    @Test
    void onigmoLeniencies() {
        // a '{' that starts no interval is a literal; {,n} is {0,n}
        assertThat(matches("Parameters: {(.*)}", "Parameters: {a}")).isTrue();
        assertThat(matches("\\{ (?<={ )x", "{ x")).isTrue();
        assertThat(matches("a{,2}", "aa")).isTrue();
        assertThat(matches("a{,2}", "aaa")).isFalse();
        assertThat(matches("a{2}", "aa")).isTrue();
        assertThat(matches("x{a}", "x{a}")).isTrue();
        // a quantifier on a quantifier repeats the repetition
        assertThat(matches("a.?*b", "axxxb")).isTrue();
        assertThat(matches("(ab){1}+", "abab")).isTrue();
        assertThat(matches("a*?b", "aab")).isTrue();
        assertThat(matches("a++b", "aab")).isTrue();
    }
}
