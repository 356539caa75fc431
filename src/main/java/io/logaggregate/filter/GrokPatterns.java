package io.logaggregate.filter;

import io.krakens.grok.api.GrokCompiler;
import java.io.IOException;
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

/** Grok pattern definitions: the built-in set and pattern files. */
public final class GrokPatterns {
    /**
     * The pattern files java-grok bundles (copies of Logstash's legacy logstash-patterns-core
     * files), loaded in the order Logstash globs its core pattern folder.
     */
    private static final List<String> BUNDLED =
            List.of(
                    "firewalls",
                    "patterns",
                    "haproxy",
                    "java",
                    "linux-syslog",
                    "nagios",
                    "postfix",
                    "ruby");

    private static volatile Map<String, String> defaults;

    private GrokPatterns() {}

    /** The built-in definitions, as Logstash has them without any patterns_dir. */
    public static Map<String, String> defaults() {
        Map<String, String> d = defaults;
        if (d == null) {
            GrokCompiler compiler = GrokCompiler.newInstance();
            for (String file : BUNDLED) {
                compiler.registerPatternFromClasspath("/patterns/" + file);
            }
            d = Collections.unmodifiableMap(new LinkedHashMap<>(compiler.getPatternDefinitions()));
            defaults = d;
        }
        return d;
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
     * starting with {@code #} and lines without a pattern skipped; the last definition wins.
     */
    public static Map<String, String> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            String trimmed = line.stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int ws = 0;
            while (ws < trimmed.length() && !Character.isWhitespace(trimmed.charAt(ws))) {
                ws++;
            }
            int start = ws;
            while (start < trimmed.length() && Character.isWhitespace(trimmed.charAt(start))) {
                start++;
            }
            if (start >= trimmed.length()) {
                continue;
            }
            out.put(trimmed.substring(0, ws), trimmed.substring(start));
        }
        return out;
    }
}
