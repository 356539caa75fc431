package io.logaggregate.bench;

import io.logaggregate.filter.GrokPatterns;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The postfix pipeline's logic (jobs/postfix/pipeline.conf) as a plain single-threaded Java loop:
 * the limit the benchmark measures the product against. The same four grok patterns, expanded from
 * the same pattern files into {@link java.util.regex} regexes, each tried only on lines that hold
 * its required literals (first match wins, as grok's break_on_match); the syslog timestamp parsed
 * with java.time, cached for the second it names; a HashMap of open mails with the same contents as
 * the pipeline's aggregate maps; one output event (a map with the same fields) per mail at its qmgr
 * {@code removed} line. Mails still open at the end count as events too (the pipeline pushes them
 * on timeout). Nothing is written: events are handed to a checksum, so the JIT cannot drop them.
 */
public final class PlainPostfixLoop {
    private static final String[] PATTERNS = {
        "%{SYSLOGTIMESTAMP:timestamp} %{IPORHOHST:hostname} (?<program>postfix/smtpd)\\[\\d+\\]:"
                + " %{POSTFIX_MSG_ID:taskid}: client=(?<client_hostname>[^\\]]+)\\[%{IP:client_ip}\\]",
        "%{SYSLOGTIMESTAMP:timestamp} %{IPORHOHST:hostname} (?<program>postfix/qmgr)\\[\\d+\\]:"
                + " %{POSTFIX_MSG_ID:taskid}: from=<(?<from_mail>[^>]+)>, size=%{INT:size},"
                + " nrcpt=%{INT:nrcpt}",
        "%{SYSLOGTIMESTAMP:timestamp} %{IPORHOHST:hostname} (?<program>postfix/smtp)\\[\\d+\\]:"
                + " %{POSTFIX_MSG_ID:taskid}: to=<(?<to_mail>[^>]+)>,.* relay=%{NOTSPACE:relay},.*"
                + " status=%{NOTSPACE:status}.*",
        "%{SYSLOGTIMESTAMP:timestamp} %{IPORHOHST:hostname} (?<program>postfix/qmgr)\\[\\d+\\]:"
                + " %{POSTFIX_MSG_ID:taskid}: removed"
    };

    /** Per pattern: literals every line it matches contains. */
    private static final String[][] LITERALS = {
        {"postfix/smtpd[", ": client="},
        {"postfix/qmgr[", ": from=<", ", size=", ", nrcpt="},
        {"postfix/smtp[", ": to=<", " relay=", " status="},
        {"postfix/qmgr[", ": removed"}
    };

    private static final DateTimeFormatter SYSLOG =
            new DateTimeFormatterBuilder()
                    .appendPattern("MMM ppd HH:mm:ss")
                    .parseDefaulting(ChronoField.YEAR, 2026)
                    .toFormatter(Locale.ENGLISH);

    private static final String[] GROUP_NAMES = new String[200];

    static {
        for (int i = 0; i < GROUP_NAMES.length; i++) {
            GROUP_NAMES[i] = "g" + i;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Pattern[] regexes = new Pattern[PATTERNS.length];
    private final String[][] groupFields = new String[PATTERNS.length][];

    /** What a pass over a file did and cost. */
    public record Result(long lines, long events, long cpuNanos, long wallNanos, long checksum) {}

    /** The patterns of the default library and of {@code patternsDir} (conf/patterns). */
    public PlainPostfixLoop(Path patternsDir) throws IOException {
        Map<String, String> defs = new HashMap<>(GrokPatterns.defaults());
        for (Path f : GrokPatterns.files(patternsDir, "*")) {
            defs.putAll(GrokPatterns.read(f));
        }
        for (int i = 0; i < PATTERNS.length; i++) {
            List<String> fields = new ArrayList<>();
            regexes[i] = Pattern.compile(expand(PATTERNS[i], defs, fields, 0));
            groupFields[i] = fields.toArray(String[]::new);
        }
    }

    private static final Pattern REFERENCE = Pattern.compile("%\\{(\\w+)(?::([\\w@\\[\\]]+))?\\}");
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([A-Za-z_][\\w]*)>");

    /**
     * Grok's expansion: {@code %{NAME:field}} becomes a group named {@code gN} (Java's group names
     * allow no underscore), {@code %{NAME}} a plain group; {@code (?<field>...)} is renamed alike.
     */
    private static String expand(String p, Map<String, String> defs, List<String> fields, int d) {
        if (d > 50) {
            throw new IllegalArgumentException("grok patterns nest too deep: " + p);
        }
        StringBuilder out = new StringBuilder();
        Matcher named = NAMED_GROUP.matcher(p);
        StringBuilder renamed = new StringBuilder();
        while (named.find()) {
            String g = "g" + fields.size();
            fields.add(d == 0 ? named.group(1) : null);
            named.appendReplacement(renamed, "(?<" + g + ">");
        }
        named.appendTail(renamed);
        Matcher m = REFERENCE.matcher(renamed);
        while (m.find()) {
            String def = defs.get(m.group(1));
            if (def == null) {
                throw new IllegalArgumentException("unknown grok pattern " + m.group(1));
            }
            String inner = expand(def, defs, fields, d + 1);
            String repl;
            if (m.group(2) != null) {
                String g = "g" + fields.size();
                fields.add(m.group(2));
                repl = "(?<" + g + ">" + inner + ")";
            } else {
                repl = "(?:" + inner + ")";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(repl));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One pass over {@code file}; CPU time is this thread's. */
    public Result run(Path file) throws IOException {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        Map<String, Map<String, Object>> open = new HashMap<>();
        long lines = 0;
        long events = 0;
        long checksum = 0;
        String lastStamp = null;
        long lastMillis = 0;
        Map<String, String> fields = new HashMap<>();
        try (BufferedReader in =
                new BufferedReader(
                        Files.newBufferedReader(file, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                int p = match(line, fields);
                if (p < 0) {
                    continue; // no taskid: dropped
                }
                String stamp = fields.get("timestamp");
                if (!stamp.equals(lastStamp)) {
                    try {
                        lastMillis =
                                LocalDateTime.parse(stamp, SYSLOG)
                                        .toInstant(ZoneOffset.UTC)
                                        .toEpochMilli();
                    } catch (DateTimeParseException e) {
                        lastMillis = -1; // the pipeline tags it _dateparsefailure
                    }
                    lastStamp = stamp;
                }
                String taskId = fields.get("taskid");
                Map<String, Object> map = open.get(taskId);
                switch (p) {
                    case 0 -> {
                        if (map == null) {
                            map = new HashMap<>();
                            open.put(taskId, map);
                            map.put("hostname", fields.get("hostname"));
                            map.put("client_hostname", fields.get("client_hostname"));
                            map.put("client_ip", fields.get("client_ip"));
                            map.put("program", fields.get("program"));
                        }
                    }
                    case 1 -> {
                        if (map != null) {
                            map.putIfAbsent("from_mail", fields.get("from_mail"));
                            map.putIfAbsent("size", fields.get("size"));
                            map.putIfAbsent("nrcpt", fields.get("nrcpt"));
                        }
                    }
                    case 2 -> {
                        if (map != null) {
                            append(map, "to_mail", fields.get("to_mail"));
                            append(map, "relay", fields.get("relay"));
                            append(map, "status", fields.get("status"));
                        }
                    }
                    default -> {
                        Map<String, Object> event = new LinkedHashMap<>();
                        event.put("@timestamp", lastMillis);
                        event.put("hostname", fields.get("hostname"));
                        event.put("program", fields.get("program"));
                        event.put("taskid", taskId);
                        if (map != null) {
                            open.remove(taskId);
                            event.put("program", map.get("program"));
                            event.put("client_hostname", map.get("client_hostname"));
                            event.put("client_ip", map.get("client_ip"));
                            event.put("from_mail", map.get("from_mail"));
                            event.put("size", integer(map.get("size")));
                            event.put("nrcpt", integer(map.get("nrcpt")));
                            event.put("to_mail", map.get("to_mail"));
                            event.put("relay", map.get("relay"));
                            event.put("status", map.get("status"));
                        }
                        events++;
                        checksum += event.hashCode();
                    }
                }
            }
        }
        // the pipeline pushes the mails still open when the input ends, on timeout
        for (Map<String, Object> m : open.values()) {
            events++;
            checksum += m.hashCode();
        }
        return new Result(
                lines,
                events,
                THREADS.getCurrentThreadCpuTime() - cpu0,
                System.nanoTime() - wall0,
                checksum);
    }

    @SuppressWarnings("unchecked")
    private static void append(Map<String, Object> map, String key, String value) {
        ((List<Object>) map.computeIfAbsent(key, k -> new ArrayList<>(2))).add(value);
    }

    private static Object integer(Object s) {
        return s == null ? null : Integer.valueOf((String) s);
    }

    /** The index of the first pattern that matches, its fields in {@code fields}; else -1. */
    private int match(String line, Map<String, String> fields) {
        for (int i = 0; i < regexes.length; i++) {
            if (!containsAll(line, LITERALS[i])) {
                continue;
            }
            Matcher m = regexes[i].matcher(line);
            if (!m.find()) {
                continue;
            }
            fields.clear();
            String[] names = groupFields[i];
            for (int g = 0; g < names.length; g++) {
                if (names[g] != null) {
                    String v = m.group(GROUP_NAMES[g]);
                    if (v != null) {
                        fields.put(names[g], v);
                    }
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean containsAll(String line, String[] literals) {
        for (String l : literals) {
            if (!line.contains(l)) {
                return false;
            }
        }
        return true;
    }
}
