package io.logaggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.ConfigParser;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.filter.FilterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The plugin declarations are the one statement of every setting: the README's plugin tables are
 * rendered from them and must not drift. After adding or changing a setting, rewrite the README's
 * block with {@code mvn test -Dtest=PluginCatalogTest -Dreadme.update=true}.
 */
class PluginCatalogTest {
    static final String BEGIN = "<!-- plugin-settings:begin -->";
    static final String END = "<!-- plugin-settings:end -->";
    private static final Path README = Path.of("README.md");

    @Test
    void readmeTablesAreTheDeclarations() throws IOException {
        String text = Files.readString(README, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("README.md has " + BEGIN).isNotNegative();
        assertThat(end).as("README.md has " + END + " after the begin marker").isGreaterThan(begin);
        String written = text.substring(begin + BEGIN.length(), end);
        String rendered = "\n\n" + PluginCatalog.markdown() + "\n";
        if (Boolean.getBoolean("readme.update") && !written.equals(rendered)) {
            Files.writeString(
                    README,
                    text.substring(0, begin + BEGIN.length()) + rendered + text.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(written)
                .as(
                        "README.md's plugin tables differ from the PluginSpec declarations;"
                                + " rewrite them with: mvn test -Dtest=PluginCatalogTest"
                                + " -Dreadme.update=true")
                .isEqualTo(rendered);
    }

    @Test
    void everyPluginIsListedOnceWithEveryFilterOfTheRegistry() {
        Set<String> seen = new HashSet<>();
        for (PluginSpec s : PluginCatalog.all()) {
            assertThat(seen.add(s.section() + " " + s.name())).as(s.name()).isTrue();
        }
        for (String name : FilterRegistry.NAMES) {
            assertThat(PluginCatalog.find("filter", name)).as(name).isNotNull();
        }
        assertThat(seen)
                .contains(
                        "filter aggregate",
                        "input file",
                        "input stdin",
                        "input generator",
                        "output stdout",
                        "output file",
                        "output null",
                        "output elasticsearch",
                        "codec json_lines");
    }

    /** A default the getters could not use, or an empty doc, is a mistake in a declaration. */
    @Test
    void everyDeclarationIsDocumentedAndItsDefaultsAreOfTheirKind() {
        for (PluginSpec spec : PluginCatalog.all()) {
            for (PluginSpec.Option o : spec.options()) {
                String what = spec.section() + " " + spec.name() + " " + o.name();
                assertThat(o.doc()).as(what).isNotBlank().doesNotContain("\n");
                Object d = o.dflt();
                if (d == null) {
                    continue;
                }
                switch (o.kind()) {
                    case STRING, PATH, PASSWORD, CODEC ->
                            assertThat(d).as(what).isInstanceOf(String.class);
                    case NUMBER -> assertThat(d).as(what).isInstanceOf(Number.class);
                    case BOOLEAN -> assertThat(d).as(what).isInstanceOf(Boolean.class);
                    case ARRAY -> assertThat(d).as(what).isInstanceOf(List.class);
                    case HASH -> assertThat(d).as(what).isInstanceOf(Map.class);
                    case DURATION, BYTES ->
                            assertThat(d).as(what).isInstanceOfAny(Number.class, String.class);
                    default -> {}
                }
                if (!o.allowed().isEmpty()) {
                    assertThat(o.allowed()).as(what).contains(String.valueOf(d));
                }
                assertThat(o.required()).as(what + ": required with a default").isFalse();
            }
        }
    }

    @Test
    void blocksAreListedInFileOrderInsideConditionals() {
        List<PluginDef> blocks =
                PluginCatalog.blocks(
                        ConfigParser.parse(
                                "p.conf",
                                "input { stdin { } } filter { if [a] { grok { } } else { mutate {"
                                        + " } } drop { } } output { if [b] { null { } } }",
                                Map.of()));
        assertThat(blocks)
                .extracting(d -> d.section() + " " + d.name())
                .containsExactly(
                        "input stdin",
                        "filter grok",
                        "filter mutate",
                        "filter drop",
                        "output null");
    }
}
