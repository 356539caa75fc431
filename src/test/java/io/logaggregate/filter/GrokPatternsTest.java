package io.logaggregate.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GrokPatternsTest {
    @Test
    void everyBuiltInAndConfPatternCompiles() throws Exception {
        Map<String, String> defs = new LinkedHashMap<>(GrokPatterns.defaults());
        defs.putAll(GrokPatterns.read(Path.of("conf/patterns/postfix")));
        List<String> broken = new ArrayList<>();
        for (String name : defs.keySet()) {
            try {
                GrokExpander.Expansion x =
                        GrokExpander.expand("%{" + name + ":x}", defs, true, FilterTestSupport.LOC);
                Pattern.compile(x.regex(), Pattern.DOTALL | RubyRegex.RUBY_FLAGS);
            } catch (RuntimeException e) {
                broken.add(name + ": " + e.getMessage());
            }
        }
        assertThat(broken).isEmpty();
        assertThat(defs)
                .containsKeys("SYSLOGTIMESTAMP", "POSTFIX_QUEUEID", "POSTFIX_MSG_ID", "IPORHOHST");
    }

    @Test
    void patternFileSyntax() {
        // as jls-grok: "B\n" splits into ["B", ""] (an empty pattern); a last line "D" without a
        // line end has no second part and defines nothing
        assertThat(GrokPatterns.parse("# c\n  A  x y \r\nB\n\tC\t[a]\n   \n  # d\nD"))
                .containsExactly(Map.entry("A", "x y "), Map.entry("B", ""), Map.entry("C", "[a]"));
    }

    @Test
    void builtInFileListsAreTheShippedFiles() throws Exception {
        for (GrokPatterns.BuiltIn set : GrokPatterns.BuiltIn.values()) {
            Path dir = Path.of("src/main/resources/logstash-patterns-core/patterns", set.folder());
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted())
                        .containsExactlyElementsOf(set.files());
            }
        }
        assertThat(Path.of("src/main/resources/logstash-patterns-core/LICENSE")).isRegularFile();
        assertThat(Path.of("src/main/resources/logstash-patterns-core/NOTICE.TXT")).isRegularFile();
    }

    @Test
    void conventionalFolderIsInTheRepository() {
        assertThat(Files.isRegularFile(Path.of("conf/patterns/postfix"))).isTrue();
    }
}
