package io.logaggregate.filter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Grok pattern definitions: the built-in set and pattern files.
 *
 * <p>The built-in set is Logstash's own, logstash-patterns-core 4.3.1 (Apache-2.0), shipped
 * unchanged as resources under {@code logstash-patterns-core/} with its licence and notice. As
 * Logstash's grok filter does, {@code ecs_compatibility => disabled} loads {@code
 * patterns/legacy/*} and {@code v1} / {@code v8} load {@code patterns/ecs-v1/*}, the files in name
 * order (Ruby's sorted glob), a later definition of a name replacing an earlier one.
 */
public final class GrokPatterns {
    private static final String RESOURCES = "/logstash-patterns-core/patterns/";

    /** The built-in pattern sets, with their files (a jar cannot list a resource folder). */
    public enum BuiltIn {
        LEGACY(
                "legacy",
                "aws",
                "bacula",
                "bind",
                "bro",
                "exim",
                "firewalls",
                "grok-patterns",
                "haproxy",
                "httpd",
                "java",
                "junos",
                "linux-syslog",
                "maven",
                "mcollective",
                "mcollective-patterns",
                "mongodb",
                "nagios",
                "postgresql",
                "rails",
                "redis",
                "ruby",
                "squid"),
        ECS_V1(
                "ecs-v1",
                "aws",
                "bacula",
                "bind",
                "bro",
                "exim",
                "firewalls",
                "grok-patterns",
                "haproxy",
                "httpd",
                "java",
                "junos",
                "linux-syslog",
                "maven",
                "mcollective",
                "mongodb",
                "nagios",
                "postgresql",
                "rails",
                "redis",
                "ruby",
                "squid",
                "zeek");

        private final String folder;
        private final List<String> files;
        private volatile Map<String, String> definitions;

        BuiltIn(String folder, String... files) {
            this.folder = folder;
            this.files = List.of(files);
        }

        /** The folder under {@code logstash-patterns-core/patterns/}. */
        public String folder() {
            return folder;
        }

        /** The pattern files, in the order they are loaded. */
        public List<String> files() {
            return files;
        }

        /** The set Logstash's grok filter loads for an {@code ecs_compatibility} value. */
        public static BuiltIn forEcsCompatibility(String ecsCompatibility) {
            return "disabled".equals(ecsCompatibility) ? LEGACY : ECS_V1;
        }

        /** All definitions of the set, a later file's definition of a name winning. */
        public Map<String, String> definitions() {
            Map<String, String> d = definitions;
            if (d == null) {
                Map<String, String> m = new LinkedHashMap<>();
                for (String file : files) {
                    m.putAll(parse(resource(folder + "/" + file)));
                }
                d = Collections.unmodifiableMap(m);
                definitions = d;
            }
            return d;
        }

        private static String resource(String name) {
            try (InputStream in = GrokPatterns.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("grok pattern resource missing: " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read grok pattern resource " + name, e);
            }
        }
    }

    private GrokPatterns() {}

    /** The built-in definitions with {@code ecs_compatibility => disabled} (the legacy set). */
    public static Map<String, String> defaults() {
        return BuiltIn.LEGACY.definitions();
    }

    /**
     * The files of a {@code patterns_dir} entry: all files of a folder matching {@code glob}
     * (sorted by name, hidden files skipped as Ruby's glob does), or the entry itself if it is a
     * file. Empty if it does not exist.
     */
    public static List<Path> files(Path dirOrFile, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(dirOrFile)) {
            out.add(dirOrFile);
            return out;
        }
        if (!Files.isDirectory(dirOrFile)) {
            return out;
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.list(dirOrFile)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(p.getFileName()))
                    .filter(
                            p ->
                                    glob.startsWith(".")
                                            || !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }

    /**
     * Reads a pattern file as jls-grok does: {@code NAME<whitespace>PATTERN} per line, lines
     * starting with {@code #} and lines with nothing after the name skipped; the last definition
     * wins.
     */
    public static Map<String, String> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * jls-grok's {@code add_patterns_from_file}, line by line: skip {@code /^\s*#/}; strip leading
     * white space; {@code split(/\s+/, 2)}; no second part: skip; else define the name as the
     * second part without its line end ({@code chomp}). So {@code "NAME \n"} defines NAME as the
     * empty pattern, while a last line {@code "NAME"} without a line end defines nothing.
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            int to = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(from, to);
            from = to;
            int i = 0;
            while (i < line.length() && isRubySpace(line.charAt(i))) {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '#') {
                continue;
            }
            int nameEnd = i;
            while (nameEnd < line.length() && !isRubySpace(line.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd == i || nameEnd == line.length()) {
                continue;
            }
            int start = nameEnd;
            while (start < line.length() && isRubySpace(line.charAt(start))) {
                start++;
            }
            out.put(line.substring(i, nameEnd), chomp(line.substring(start)));
        }
        return out;
    }

    private static boolean isRubySpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static String chomp(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        if (s.endsWith("\n") || s.endsWith("\r")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }
}
