package io.logaggregate.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The literals grok checks before running a pattern's regex: read right from many regex shapes,
 * and, over every pattern shipped (Logstash's legacy and ECS sets, conf/patterns, the whyscream
 * postfix patterns) and every log line of the repository, contained in every match. GrokFilter also
 * asserts (the tests run with -ea) that no line its literals reject matches.
 */
class RequiredLiteralsTest {
    private static final int FLAGS = Pattern.DOTALL | RubyRegex.RUBY_FLAGS;

    private static List<String> literals(String regex) {
        return RequiredLiterals.all(regex, FLAGS);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '"',
            textBlock =
                    """
            abc                              ; abc
            a|b                              ; ""
            x(?:a|b)y                        ; x,y
            (?<program>postfix/smtpd)\\[\\d+\\]:x ; postfix/smtpd[,]:x
            ab?c                             ; a,c
            ab*c                             ; a,c
            ab+c                             ; a,b,c
            a(bc)?d                          ; a,d
            a(bc)+d                          ; a,bc,d
            a(bc){2}d                        ; a,bc,d
            a(bc){1}d                        ; abcd
            a(bc){0,3}d                      ; a,d
            a(?:bc)*?d                       ; a,d
            a(?:bc)++d                       ; a,bc,d
            a[xyz]b                          ; a,b
            a[]x]b                           ; a,b
            a[^]x]b                          ; a,b
            a[a-z&&[^q]]b                    ; a,b
            a[\\]\\[]b                       ; a,b
            a\\.b\\tc                        ; "a.b\tc"
            a\\Q.*\\Eb                       ; a.*b
            a\\x41b\\u0042c                   ; aAbBc
            a\\db\\sc\\wd                    ; a,b,c,d
            ^foo$                            ; foo
            \\bfoo\\b                        ; foo
            a(?=bc)d                         ; a,d
            a(?!bc)d                         ; a,d
            a(?<=bc)d                        ; a,d
            a(?<!bc)d                        ; a,d
            a(?>bc)d                         ; abcd
            (?i)abc                          ; ""
            a(?i:b)c                         ; ""
            a(?x) b c                        ; ""
            a(?s)b                           ; a,b
            a(?-m:b)c                        ; abc
            a\\p{Alpha}b\\pLc                ; a,b,c
            (?<x>q)a\\k<x>b\\1c              ; qa,b,c
            (?<x>a)\\k<x>                    ; a
            a.b                              ; a,b
            abc|                             ; ""
            (a|b)c(d|e)                      ; c
            a{2,}b                           ; a,b
            a\\cAb                           ; a,b
            """)
    void readsRegexShapes(String regex, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertThat(literals(regex)).containsExactlyElementsOf(want);
        // and every literal is in a text the regex matches
        Pattern.compile(regex, FLAGS); // a valid regex
    }

    @Test
    void givesUpOnWhatItDoesNotRead() {
        assertThat(literals("a\\0101b")).isEmpty(); // octal
        assertThat(literals("a\\N{LATIN SMALL LETTER A}b")).isEmpty();
        assertThat(literals("a\\b{g}b")).isEmpty();
        assertThat(RequiredLiterals.all("abc", Pattern.CASE_INSENSITIVE)).isEmpty();
        assertThat(RequiredLiterals.all("abc", Pattern.COMMENTS)).isEmpty();
    }

    @Test
    void checksTheLongestFirstAndDropsContainedOnes() {
        assertThat(RequiredLiterals.of("a+b: (?:x)?: removed\\d+d", FLAGS))
                .containsExactly(": removed", "b: ", "a");
        assertThat(RequiredLiterals.of("x\\d(xy)\\dxyz\\d1\\d2\\d3\\d4", FLAGS))
                .containsExactly("xyz", "1", "2", "3");
    }

    @Test
    void supplementaryCharactersStayWhole() {
        assertThat(literals("a😀?b")).containsExactly("a", "b");
        assertThat(literals("a😀b")).containsExactly("a😀b");
    }

    @Test
    void thePostfixJobsPatternsHaveSelectiveLiterals() throws IOException {
        Map<String, String> defs = new LinkedHashMap<>(GrokPatterns.defaults());
        defs.putAll(GrokPatterns.read(Path.of("conf/patterns/postfix")));
        GrokExpander.Expansion x =
                GrokExpander.expand(
                        "%{SYSLOGTIMESTAMP:timestamp} %{IPORHOHST:hostname}"
                                + " (?<program>postfix/qmgr)\\[\\d+\\]: %{POSTFIX_MSG_ID:taskid}:"
                                + " removed",
                        defs, true, FilterTestSupport.LOC);
        assertThat(RequiredLiterals.of(x.regex(), FLAGS))
                .containsExactly(" postfix/qmgr[", ": removed", "]: ");
    }

    // ---------------------------------------------------------------- property: every match

    /**
     * Every log line in the repository (not the JSON outputs), and the whyscream test cases' lines.
     */
    private static List<String> corpus() throws IOException {
        List<String> lines = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String root : List.of("jobs", "src/test/resources")) {
            try (Stream<Path> s = Files.walk(Path.of(root))) {
                s.filter(Files::isRegularFile)
                        .filter(
                                p -> {
                                    String n = p.getFileName().toString();
                                    return n.endsWith(".log")
                                            || n.endsWith(".log.1")
                                            || n.endsWith(".yaml");
                                })
                        .sorted()
                        .forEach(files::add);
            }
        }
        for (Path f : files) {
            // the first lines of each file: enough variety, and the test stays fast
            for (String l : Files.readAllLines(f).stream().limit(20).toList()) {
                if (f.toString().endsWith(".yaml")) {
                    if (!l.startsWith("data:")) {
                        continue;
                    }
                    l = l.substring(5).strip();
                }
                if (!l.isBlank()) {
                    lines.add(l.length() > 2000 ? l.substring(0, 2000) : l);
                }
            }
        }
        // a few lines of other common formats, for the patterns no job uses
        lines.addAll(
                List.of(
                        "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif"
                                + " HTTP/1.0\" 200 2326 \"http://www.example.com/start.html\""
                                + " \"Mozilla/4.08 [en] (Win98; I ;Nav)\"",
                        "2026-03-01T12:34:56.789+01:00 host sshd[42]: Failed password for root"
                                + " from 10.1.2.3 port 22 ssh2",
                        "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - BOM'su"
                                + " root' failed for lonvick on /dev/pts/8",
                        "Mar  5 09:08:07 fw kernel: IN=eth0 OUT= MAC=00:11:22:33:44:55"
                                + " SRC=192.168.1.1 DST=192.168.1.2 LEN=60 PROTO=TCP SPT=1234"
                                + " DPT=80",
                        "user@example.com https://user:pw@www.example.com:8080/a/b?c=d#e"
                                + " fe80::1%eth0 2001:db8::ff00:42:8329 00:1A:2B:3C:4D:5E",
                        "Tue Mar 01 10:11:12.345 2026 [error] [client 1.2.3.4] File does not"
                                + " exist: /var/www/x, referer: http://x/",
                        "2026/03/01 10:11:12 [error] 123#0: *5 open() \"/x\" failed (2: No such"
                                + " file or directory), client: 1.2.3.4, server: x, request:"
                                + " \"GET /x HTTP/1.1\", host: \"x\""));
        return lines;
    }

    private static Map<String, Map<String, String>> patternSets() throws IOException {
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        for (GrokPatterns.BuiltIn b : GrokPatterns.BuiltIn.values()) {
            Map<String, String> defs = new LinkedHashMap<>(b.definitions());
            defs.putAll(GrokPatterns.read(Path.of("conf/patterns/postfix")));
            defs.putAll(GrokPatterns.read(Path.of("jobs/postfix-whyscream/patterns/postfix.grok")));
            sets.put(b.name(), defs);
        }
        return sets;
    }

    @Test
    void everyShippedPatternsLiteralsAreInEveryMatch() throws IOException {
        List<String> lines = corpus();
        List<String> wrong = new ArrayList<>();
        int withLiterals = 0;
        long matchesChecked = 0;
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Map<String, String>> set : patternSets().entrySet()) {
            Map<String, String> defs = set.getValue();
            for (String name : defs.keySet()) {
                String regex;
                try {
                    regex =
                            GrokExpander.expand(
                                            "%{" + name + ":x}", defs, true, FilterTestSupport.LOC)
                                    .regex();
                } catch (RuntimeException notExpandable) {
                    continue; // e.g. a whyscream pattern of the other set: not ours to check
                }
                List<String> lits = literals(regex);
                if (lits.isEmpty() || !seen.add(regex)) {
                    continue;
                }
                withLiterals++;
                Matcher m = Pattern.compile(regex, FLAGS).matcher("");
                for (String line : lines) {
                    m.reset(line);
                    int from = 0;
                    // every match in the line, not only the first
                    while (from <= line.length() && m.find(from)) {
                        matchesChecked++;
                        for (String l : lits) {
                            if (!m.group().contains(l)) {
                                wrong.add(set.getKey() + " " + name + " " + lits + ": " + line);
                            }
                        }
                        from = m.end() > m.start() ? m.end() : m.start() + 1;
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        // the check is not vacuous: many patterns have literals, and they matched often
        assertThat(withLiterals).isGreaterThan(300);
        assertThat(matchesChecked).isGreaterThan(5_000);
    }
}
