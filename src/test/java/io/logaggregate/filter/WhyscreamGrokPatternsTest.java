package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.CLOCK;
import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The 191 grok test cases of whyscream/postfix-grok-patterns (their {@code test/*.yaml}, BSD-3):
 * each pattern, with the job's {@code postfix.grok}, matches its log line and captures every
 * expected value. Their runner (jls-grok) checks that a capture of that name holds the value, so a
 * field captured twice may hold it as one element of an array. Run with Logstash's ECS pattern set,
 * as their runner does, and with the legacy set our grok uses by default.
 */
class WhyscreamGrokPatternsTest {
    private static final Path CASES = Path.of("src/test/resources/postfix-grok-patterns/test");
    private static final String PATTERNS = "jobs/postfix-whyscream/patterns";

    /**
     * Scalars as their text: the values are compared with captured text, and a queue id such as
     * {@code 413E164734} must not become a number.
     */
    private static Yaml yaml() {
        DumperOptions dump = new DumperOptions();
        return new Yaml(
                new SafeConstructor(new LoaderOptions()),
                new Representer(dump),
                dump,
                new Resolver() {
                    @Override
                    protected void addImplicitResolvers() {}
                });
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases() throws IOException {
        Yaml yaml = yaml();
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CASES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Map<String, Object> c = yaml.load(Files.readString(f));
                for (String ecs : List.of("v1", "disabled")) {
                    out.add(
                            Arguments.of(
                                    f.getFileName().toString().replace(".yaml", ""),
                                    ecs,
                                    (String) c.get("pattern"),
                                    (String) c.get("data"),
                                    (Map<String, String>) c.get("results")));
                }
            }
        }
        assertThat(out).hasSize(2 * 191);
        return out.stream();
    }

    @ParameterizedTest(name = "{0} (ecs_compatibility {1})")
    @MethodSource("cases")
    void capturesWhatTheCaseExpects(
            String name, String ecs, String pattern, String data, Map<String, String> results)
            throws Exception {
        Filter grok = FILTERS.computeIfAbsent(ecs + " " + pattern, k -> grok(ecs, pattern));
        Event e = run(grok, event("message", data));
        assertThat(e.tags()).as("%s: %s did not match %s", name, pattern, data).isEmpty();
        assertThat(results).as("test case without results").isNotNull();
        for (Map.Entry<String, String> r : results.entrySet()) {
            Object actual = e.toMap().get(r.getKey());
            List<String> values = new ArrayList<>();
            if (actual instanceof List<?> l) {
                l.stream().filter(v -> v != null).forEach(v -> values.add(String.valueOf(v)));
            } else if (actual != null) {
                values.add(String.valueOf(actual));
            }
            assertThat(values).as("%s: field %s", name, r.getKey()).contains(r.getValue());
        }
    }

    /** Many cases share a pattern: each (ecs, pattern) is compiled once. */
    private static final Map<String, Filter> FILTERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static Filter grok(String ecs, String pattern) {
        Filter grok =
                FilterRegistry.create(
                        FilterTestSupport.def(
                                "grok",
                                "patterns_dir",
                                list(PATTERNS),
                                "ecs_compatibility",
                                ecs,
                                // jls-grok's raw captures, which their runner checks, keep ""
                                "keep_empty_captures",
                                true,
                                "match",
                                map("message", pattern)),
                        new FilterContext(Path.of("."), CLOCK));
        try {
            grok.open();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return grok;
    }
}
