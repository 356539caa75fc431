package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.filter;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ported from logstash-filter-translate's translate_spec.rb (dictionary files as its fixtures). */
class TranslateFilterTest {
    @TempDir Path dir;

    private static final List<Object> STATUS =
            list("200", "OK", "300", "Redirect", "400", "Client Error", "500", "Server Error");

    /** The spec's fixture files, written by the test. */
    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private Path dictYml() throws IOException {
        return file(
                "dict.yml",
                "a : 1\nb : 2\nc : 3\nd : { \"e\": [1, \"hello\", true, \"false\", \"1\", \"1.1\"] }\n");
    }

    private Path dictJson() throws IOException {
        return file("dict.json", "{\n  \"a\" : 10,\n  \"b\" : 20,\n  \"c\" : 30\n}\n");
    }

    private Path statusCsv() throws IOException {
        return file(
                "regex_union_dict.csv",
                "\"200\",\"OK\"\n\"300\",\"Redirect\"\n\"400\",\"Client Error\"\n\"500\",\"Server Error\"\n");
    }

    private static final String[] NUMBERS = {
        "eight", "five", "four", "nine", "one", "seven", "six", "three", "two"
    };

    /** A YAML mapping written with explicit tags: {@code !!map} or {@code !!omap}. */
    private Path tagged(String tag) throws IOException {
        StringBuilder sb = new StringBuilder("---\n!!" + tag + " {\n");
        for (int i = 0; i < NUMBERS.length; i++) {
            String n = NUMBERS[i];
            int v =
                    Arrays.asList(
                                    "zero", "one", "two", "three", "four", "five", "six", "seven",
                                    "eight", "nine")
                            .indexOf(n);
            sb.append("  ? !!str \"").append(n).append("\"\n");
            sb.append("  : !!str \"val-").append(v).append("-1|val-").append(v).append("-2\"");
            sb.append(i < NUMBERS.length - 1 ? ",\n" : "\n");
        }
        sb.append("}\n");
        return file("tag-" + tag + "-dict.yml", sb.toString());
    }

    private static Object translate(Event e, Object... settings) {
        return run(filter("translate", settings), e).get("translation");
    }

    @Test
    void exactCoercesTheFieldToText() {
        assertThat(
                        translate(
                                event("status", 200L),
                                "source",
                                "status",
                                "target",
                                "translation",
                                "dictionary",
                                STATUS,
                                "exact",
                                true,
                                "regex",
                                false))
                .isEqualTo("OK");
    }

    @Test
    void regexKeysDoNotMatchWithoutRegex() {
        Object dict = list("^2\\d\\d", "OK", "^3\\d\\d", "Redirect", "^4\\d\\d", "Client Error");
        assertThat(
                        translate(
                                event("status", 200L),
                                "source",
                                "status",
                                "dictionary",
                                dict,
                                "exact",
                                true,
                                "regex",
                                false))
                .isNull();
    }

    @Test
    void multiTranslationInlineAndFile() throws IOException {
        assertThat(
                        translate(
                                event("status", "200 & 500"),
                                "source",
                                "status",
                                "dictionary",
                                STATUS,
                                "exact",
                                false,
                                "regex",
                                false))
                .isEqualTo("OK & Server Error");
        assertThat(
                        translate(
                                event("status", "200 & 500"),
                                "source",
                                "status",
                                "dictionary_path",
                                statusCsv().toString(),
                                "refresh_interval",
                                0L,
                                "exact",
                                false,
                                "regex",
                                false))
                .isEqualTo("OK & Server Error");
    }

    @Test
    void regexTranslationInlineAndFile() throws IOException {
        Object dict =
                list(
                        "^2[0-9][0-9]$", "OK",
                        "^3[0-9][0-9]$", "Redirect",
                        "^4[0-9][0-9]$", "Client Error",
                        "^5[0-9][0-9]$", "Server Error");
        assertThat(
                        translate(
                                event("status", "200"),
                                "source",
                                "status",
                                "dictionary",
                                dict,
                                "exact",
                                true,
                                "regex",
                                true))
                .isEqualTo("OK");
        Path csv =
                file(
                        "regex_dict.csv",
                        "\"^2[0-9][0-9]$\",\"OK\"\n\"^3[0-9][0-9]$\",\"Redirect\"\n"
                                + "\"^4[0-9][0-9]$\",\"Client Error\"\n"
                                + "\"^5[0-9][0-9]$\",\"Server Error\"\n");
        assertThat(
                        translate(
                                event("status", "200"),
                                "source",
                                "status",
                                "dictionary_path",
                                csv.toString(),
                                "refresh_interval",
                                0L,
                                "exact",
                                true,
                                "regex",
                                true))
                .isEqualTo("OK");
    }

    @Test
    void fallbackStaticAndInterpolated() {
        for (String ecs : new String[] {"disabled", "v1"}) {
            assertThat(
                            translate(
                                    event("status", "200"),
                                    "source",
                                    "status",
                                    "target",
                                    "translation",
                                    "fallback",
                                    "no match",
                                    "ecs_compatibility",
                                    ecs))
                    .isEqualTo("no match");
            assertThat(
                            translate(
                                    event(
                                            "status",
                                            "200",
                                            "missing_translation",
                                            "missing no match"),
                                    "source",
                                    "status",
                                    "target",
                                    "translation",
                                    "fallback",
                                    "%{missing_translation}",
                                    "ecs_compatibility",
                                    ecs))
                    .isEqualTo("missing no match");
        }
    }

    @Test
    void brokenYamlIsAConfigErrorWithItsPlace() throws IOException {
        Path wrong =
                file("dict-wrong.yml", "foo: somebody said I should put a colon here: so I did\n");
        assertThatThrownBy(
                        () ->
                                filter(
                                        "translate",
                                        "source",
                                        "status",
                                        "dictionary_path",
                                        wrong.toString(),
                                        "refresh_interval",
                                        -1L))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "mapping values are not allowed here at line 1 column 45 when loading"
                                + " dictionary file");
    }

    @Test
    void yamlJsonCsvFiles() throws IOException {
        Path yml = dictYml();
        assertThat(
                        translate(
                                event("status", "a"),
                                "source",
                                "status",
                                "dictionary_path",
                                yml.toString()))
                .isEqualTo(1L);
        assertThat(
                        translate(
                                event("status", "d"),
                                "source",
                                "status",
                                "dictionary_path",
                                yml.toString()))
                .isEqualTo(map("e", list(1L, "hello", true, "false", "1", "1.1")));
        assertThat(
                        translate(
                                event("status", "a"),
                                "source",
                                "status",
                                "dictionary_path",
                                yml.toString(),
                                "yaml_load_strategy",
                                "streaming"))
                .isEqualTo(1L);
        assertThat(
                        translate(
                                event("status", "b"),
                                "source",
                                "status",
                                "dictionary_path",
                                dictJson().toString()))
                .isEqualTo(20L);
        Path csv = file("dict.csv", "\"a\",100\n\"b\",200\n\"c\",300\n");
        assertThat(
                        translate(
                                event("status", "c"),
                                "source",
                                "status",
                                "dictionary_path",
                                csv.toString()))
                .isEqualTo("300");
        assertThat(
                        translate(
                                event("status", "six"),
                                "source",
                                "status",
                                "dictionary_path",
                                tagged("map").toString()))
                .isEqualTo("val-6-1|val-6-2");
        assertThat(
                        translate(
                                event("status", "nine"),
                                "source",
                                "status",
                                "dictionary_path",
                                tagged("omap").toString()))
                .isEqualTo("val-9-1|val-9-2");
    }

    @Test
    void yamlCodePointLimit() throws IOException {
        Path yml = dictYml();
        long size = Files.readString(yml).length();
        assertThatThrownBy(
                        () ->
                                filter(
                                        "translate",
                                        "source",
                                        "status",
                                        "dictionary_path",
                                        yml.toString(),
                                        "yaml_dictionary_code_point_limit",
                                        size / 2))
                .hasMessageContaining("The incoming YAML document exceeds");
        assertThat(
                        translate(
                                event("status", "a"),
                                "source",
                                "status",
                                "dictionary_path",
                                yml.toString(),
                                "yaml_dictionary_code_point_limit",
                                size))
                .isEqualTo(1L);
        assertThatThrownBy(
                        () ->
                                filter(
                                        "translate",
                                        "source",
                                        "status",
                                        "dictionary_path",
                                        yml.toString(),
                                        "yaml_dictionary_code_point_limit",
                                        0L))
                .hasMessageContaining("Please set a positive number");
        Path json = dictJson();
        assertThatThrownBy(
                        () ->
                                filter(
                                        "translate",
                                        "source",
                                        "status",
                                        "dictionary_path",
                                        json.toString(),
                                        "yaml_dictionary_code_point_limit",
                                        100L))
                .hasMessageContaining(
                        "Please remove `yaml_dictionary_code_point_limit` for dictionary file in"
                                + " JSON or CSV format");
    }

    @Test
    void unknownFileFormat() throws IOException {
        Path other = file("dict.other", "a,b\n");
        assertThatThrownBy(
                        () ->
                                filter(
                                        "translate",
                                        "source",
                                        "status",
                                        "dictionary_path",
                                        other.toString()))
                .hasMessageContaining("Dictionary " + other + " has a non valid format");
    }

    @Test
    void iterateOnArrayOfValues() throws IOException {
        Event e =
                run(
                        filter(
                                "translate",
                                "iterate_on",
                                "foo",
                                "source",
                                "foo",
                                "target",
                                "baz",
                                "fallback",
                                "nooo",
                                "dictionary_path",
                                tagged("map").toString(),
                                "refresh_interval",
                                0L),
                        event("foo", list("nine", "eight", "seven")));
        assertThat(e.get("baz"))
                .isEqualTo(list("val-9-1|val-9-2", "val-8-1|val-8-2", "val-7-1|val-7-2"));
        Event n =
                run(
                        filter(
                                "translate",
                                "iterate_on",
                                "foo",
                                "source",
                                "foo",
                                "target",
                                "baz",
                                "fallback",
                                "nooo",
                                "dictionary_path",
                                statusCsv().toString()),
                        event("foo", list(200L, 300L, 400L, 999L)));
        assertThat(n.get("baz")).isEqualTo(list("OK", "Redirect", "Client Error", "nooo"));
    }

    @Test
    void iterateOnArrayOfHashes() throws IOException {
        Event e =
                run(
                        filter(
                                "translate",
                                "iterate_on",
                                "foo",
                                "source",
                                "bar",
                                "target",
                                "baz",
                                "fallback",
                                "nooo",
                                "dictionary_path",
                                tagged("map").toString()),
                        event(
                                "foo",
                                list(map("bar", "two"), map("bar", "one"), map("bar", "six"))));
        assertThat(e.get("foo"))
                .isEqualTo(
                        list(
                                map("bar", "two", "baz", "val-2-1|val-2-2"),
                                map("bar", "one", "baz", "val-1-1|val-1-2"),
                                map("bar", "six", "baz", "val-6-1|val-6-2")));
        Event n =
                run(
                        filter(
                                "translate",
                                "iterate_on",
                                "foo",
                                "source",
                                "bar",
                                "target",
                                "baz",
                                "dictionary_path",
                                statusCsv().toString()),
                        event("foo", list(map("bar", 200L), map("bar", 300L), map("bar", 400L))));
        assertThat(n.get("[foo][0][baz]")).isEqualTo("OK");
        assertThat(n.get("[foo][1][baz]")).isEqualTo("Redirect");
        assertThat(n.get("[foo][2][baz]")).isEqualTo("Client Error");
    }

    @Test
    void legacyFieldAndDestinationInPlace() throws IOException {
        Event e =
                run(
                        filter(
                                "translate",
                                "field",
                                "foo",
                                "destination",
                                "foo",
                                "dictionary_path",
                                tagged("map").toString(),
                                "override",
                                true,
                                "refresh_interval",
                                -1L,
                                "ecs_compatibility",
                                "disabled"),
                        event("foo", "nine"));
        assertThat(e.get("foo")).isEqualTo("val-9-1|val-9-2");
    }

    @Test
    void settingConflicts() throws IOException {
        Path yml = dictYml();
        assertThatThrownBy(
                        () ->
                                filter(
                                        "translate",
                                        "source",
                                        "random field",
                                        "dictionary",
                                        map("a", "b"),
                                        "dictionary_path",
                                        yml.toString()))
                .hasMessageContaining("mutually exclusive");
        assertThatThrownBy(
                        () ->
                                filter(
                                        "translate",
                                        "source",
                                        "message",
                                        "target",
                                        "foo",
                                        "destination",
                                        "bar"))
                .hasMessageMatching("(?s).*remove .*?destination => .*");
        assertThatThrownBy(() -> filter("translate", "source", "message", "field", "foo"))
                .hasMessageMatching("(?s).*remove .*?field => .*");
        assertThatThrownBy(() -> filter("translate", "target", "bar"))
                .hasMessageMatching("(?s).*provide .*?source => .*");
        assertThatThrownBy(
                        () -> filter("translate", "source", "a", "target", "a", "override", false))
                .hasMessageContaining("override => false");
        assertThatThrownBy(() -> filter("translate", "source", "a", "refresh_behaviour", "x"))
                .hasMessageContaining("Expected one of");
    }

    @Test
    void destinationAndFieldAreTheOldNames() {
        Event e =
                run(
                        filter(
                                "translate",
                                "field",
                                "message",
                                "destination",
                                "bar",
                                "dictionary",
                                map("foo", "x"),
                                "ecs_compatibility",
                                "v1"),
                        event("message", "foo"));
        assertThat(e.get("bar")).isEqualTo("x");
        assertThat(e.get("message")).isEqualTo("foo");
    }

    private Event refreshed(String behaviour, String status, boolean modifyFirst) throws Exception {
        Path yml = file("refresh-" + behaviour + ".yml", "a : 1\nb : 2\nc : 3");
        TranslateFilter f =
                (TranslateFilter)
                        filter(
                                "translate",
                                "source",
                                "status",
                                "target",
                                "translation",
                                "dictionary_path",
                                yml.toString(),
                                "refresh_interval",
                                -1L,
                                "exact",
                                true,
                                "regex",
                                false,
                                "fallback",
                                "no match",
                                "refresh_behaviour",
                                behaviour);
        Files.writeString(yml, "a : 1\nb : 4");
        f.reload(false);
        return run(f, event("status", status));
    }

    @Test
    void refreshBehaviour() throws Exception {
        assertThat(refreshed("merge", "b", true).get("translation")).isEqualTo(4L);
        assertThat(refreshed("merge", "c", true).get("translation")).isEqualTo(3L);
        assertThat(refreshed("replace", "b", true).get("translation")).isEqualTo(4L);
        assertThat(refreshed("replace", "c", true).get("translation")).isEqualTo("no match");
    }

    @Test
    void refreshIntervalRereadsAModifiedFile() throws Exception {
        Path yml = file("live.yml", "a : before\n");
        Filter f =
                filter(
                        "translate",
                        "source",
                        "status",
                        "dictionary_path",
                        yml.toString(),
                        "refresh_interval",
                        0.05);
        assertThat(run(f, event("status", "a")).get("translation")).isEqualTo("before");
        Files.writeString(yml, "a : after\n");
        Files.setLastModifiedTime(yml, FileTime.from(Instant.now().plusSeconds(5)));
        Thread.sleep(120);
        assertThat(run(f, event("status", "a")).get("translation")).isEqualTo("after");
        // a file broken at a refresh leaves the dictionary as it was
        Files.writeString(yml, "a: b: c\n");
        Files.setLastModifiedTime(yml, FileTime.from(Instant.now().plusSeconds(10)));
        Thread.sleep(120);
        assertThat(run(f, event("status", "a")).get("translation")).isEqualTo("after");
        Files.delete(yml);
        Thread.sleep(120);
        assertThat(run(f, event("status", "a")).get("translation")).isEqualTo("after");
    }

    @Test
    void emptyDictionaryFiles() throws IOException {
        for (String name : new String[] {"dict-e.yml", "dict-e.json", "dict-e.csv"}) {
            Path p = file(name, "");
            assertThat(
                            translate(
                                    event("status", "a"),
                                    "source",
                                    "status",
                                    "dictionary_path",
                                    p.toString(),
                                    "refresh_interval",
                                    -1L,
                                    "fallback",
                                    "no match"))
                    .isEqualTo("no match");
        }
    }

    @Test
    void defaultTarget() {
        Event legacy =
                run(
                        filter(
                                "translate",
                                "source",
                                "message",
                                "dictionary",
                                map("foo", "bar"),
                                "ecs_compatibility",
                                "disabled"),
                        event("message", "foo"));
        assertThat(legacy.get("translation")).isEqualTo("bar");
        assertThat(legacy.get("message")).isEqualTo("foo");
        Event ecs =
                run(
                        filter(
                                "translate",
                                "source",
                                "message",
                                "dictionary",
                                map("foo", "bar"),
                                "ecs_compatibility",
                                "v1"),
                        event("message", "foo"));
        assertThat(ecs.includes("translation")).isFalse();
        assertThat(ecs.get("message")).isEqualTo("bar");
    }

    @Test
    void overrideAndCommonOptions() {
        List<Object> settings =
                new ArrayList<>(
                        List.of("source", "status", "dictionary", STATUS, "add_tag", list("t")));
        Event kept =
                run(
                        filter("translate", settings.toArray()),
                        event("status", "200", "translation", "old"));
        assertThat(kept.get("translation")).isEqualTo("old");
        assertThat(kept.tags()).isEmpty();
        settings.addAll(List.of("override", true));
        Event over =
                run(
                        filter("translate", settings.toArray()),
                        event("status", "200", "translation", "old"));
        assertThat(over.get("translation")).isEqualTo("OK");
        assertThat(over.tags()).containsExactly("t");
        Event none = run(filter("translate", settings.toArray()), event("status", "999"));
        assertThat(none.includes("translation")).isFalse();
        assertThat(none.tags()).isEmpty();
        // in place: always "matched"
        Event inPlace =
                run(
                        filter(
                                "translate",
                                "source",
                                "s",
                                "target",
                                "s",
                                "dictionary",
                                STATUS,
                                "add_tag",
                                list("t")),
                        event("s", "999"));
        assertThat(inPlace.get("s")).isEqualTo("999");
        assertThat(inPlace.tags()).containsExactly("t");
    }

    @Test
    void arraySourceUsesItsFirstElementAndRegexPicksTheFirstKey() {
        assertThat(
                        translate(
                                event("status", list("300", "200")),
                                "source",
                                "status",
                                "dictionary",
                                STATUS))
                .isEqualTo("Redirect");
        assertThat(
                        translate(
                                event("status", "error 404 here"),
                                "source",
                                "status",
                                "regex",
                                true,
                                "dictionary",
                                list("4\\d\\d", "client", "\\d+", "number")))
                .isEqualTo("client");
        assertThatThrownBy(
                        () ->
                                filter(
                                        "translate",
                                        "source",
                                        "s",
                                        "regex",
                                        true,
                                        "dictionary",
                                        list("(bad", "x")))
                .hasMessageContaining("invalid regex key");
    }
}
