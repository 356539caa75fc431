package io.logaggregate.aggregate;

import io.logaggregate.event.Json;
import io.logaggregate.event.Timestamps;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files behind {@code aggregate_maps_path} for one task_id pattern
 * (docs/aggregate-semantics.md, in Flink terms).
 *
 * <p>Logstash has one process and writes one Marshal file. A Flink aggregate stage has parallel
 * instances, each holding some of the maps, so every instance writes its own part beside the path:
 * {@code <path>.part-<pattern id>-<subtask>}, where the pattern id is a short hash of the task_id
 * pattern string (every pattern of the pipeline stores its maps, as Logstash does). A part is JSON
 * lines, one task a line:
 *
 * <pre>
 * {"pattern":"%{id}","task_id":"a","map":{...},"creation":"…Z","last_event":"…Z",
 *  "timeout":null,"inactivity_timeout":null,"timestamps":[["started"]]}
 * </pre>
 *
 * Timestamps are ISO8601 text; {@code timestamps} lists the paths (map keys, list indexes) of the
 * map values that were timestamps, so they come back as timestamps, not strings. It is left out
 * when there are none.
 *
 * <p>A part is replaced atomically (written beside, then renamed), or deleted when its instance has
 * no maps left, so after a run the parts hold exactly the maps each instance had when it closed.
 */
public final class AggregateMapsFile {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateMapsFile.class);

    private final Path base;
    private final String pattern;
    private final String patternId;
    private final Pattern partName;

    public AggregateMapsFile(String path, String pattern) {
        this.base = Path.of(path).toAbsolutePath();
        this.pattern = pattern;
        this.patternId = idOf(pattern);
        this.partName =
                Pattern.compile(
                        Pattern.quote(base.getFileName() + ".part-" + patternId + "-")
                                + "(\\d{1,9})");
    }

    /** A file-name-safe id of a task_id pattern string: 8 hex digits of its SHA-256. */
    public static String idOf(String pattern) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(pattern.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path as configured (Logstash's single file); we never read or write it. */
    Path base() {
        return base;
    }

    /** The part that parallel instance {@code subtask} writes. */
    Path part(int subtask) {
        return base.resolveSibling(base.getFileName() + ".part-" + patternId + "-" + subtask);
    }

    /** This pattern's parts that exist now, by the index of the instance that wrote them. */
    public SortedMap<Integer, Path> parts() throws IOException {
        SortedMap<Integer, Path> parts = new TreeMap<>();
        Path dir = base.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return parts;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Matcher m = partName.matcher(f.getFileName().toString());
                if (m.matches()) {
                    parts.put(Integer.parseInt(m.group(1)), f);
                }
            }
        }
        return parts;
    }

    // ------------------------------------------------------------------ store

    /**
     * Writes the maps of instance {@code subtask} to its part, or deletes the part when there are
     * none (Logstash writes nothing when no maps remain).
     */
    public void store(int subtask, List<TaskState> tasks) throws IOException {
        Path part = part(subtask);
        if (tasks.isEmpty()) {
            Files.deleteIfExists(part);
            return;
        }
        Files.createDirectories(part.getParent());
        Path tmp = part.resolveSibling(part.getFileName() + ".tmp");
        // FileOutputStream, not a NIO channel: an interrupt from the task's cancellation must
        // not abort the write
        try (Writer w =
                new OutputStreamWriter(
                        new FileOutputStream(tmp.toFile()), StandardCharsets.UTF_8)) {
            for (TaskState t : tasks) {
                w.write(encode(pattern, t));
                w.write('\n');
            }
        }
        Files.move(tmp, part, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Aggregate maps stored to : {} ({} maps)", part, tasks.size());
    }

    // ------------------------------------------------------------------ load

    /**
     * The tasks of this pattern in {@code parts}, in file order. A line that cannot be read is
     * logged and skipped: a damaged file must not keep the pipeline from starting.
     */
    public List<TaskState> read(Collection<Path> parts) throws IOException {
        List<TaskState> tasks = new ArrayList<>();
        for (Path part : parts) {
            int before = tasks.size();
            try (BufferedReader r = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                int lineNo = 0;
                for (String line; (line = r.readLine()) != null; ) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        Stored s = decode(line);
                        if (pattern.equals(s.pattern())) {
                            tasks.add(s.task());
                        }
                    } catch (IOException | RuntimeException e) {
                        LOG.error(
                                "Aggregate maps file {} line {} skipped: {}",
                                part,
                                lineNo,
                                e.getMessage());
                    }
                }
            }
            LOG.info(
                    "Aggregate maps loaded from : {} ({} maps of task_id pattern '{}')",
                    part,
                    tasks.size() - before,
                    pattern);
        }
        return tasks;
    }

    /**
     * Notes that instance {@code subtask} of {@code parallelism} has read {@code parts} in run
     * {@code run}; the last instance to do so deletes them. Every keyed instance reads every part
     * (a part holds the maps of the key groups its writer had, which need not be the reader's), so
     * none may delete a part before all have read it. Each instance creates a marker file and then
     * counts the markers: whichever instance creates the last marker sees them all.
     */
    public void markLoaded(String run, int subtask, int parallelism, Collection<Path> parts)
            throws IOException {
        if (parallelism <= 1) {
            deleteAll(parts);
            return;
        }
        String prefix = base.getFileName() + ".loaded-" + patternId + "-" + run + "-";
        try {
            Files.createFile(base.resolveSibling(prefix + subtask));
        } catch (FileAlreadyExistsException e) {
            // a restarted attempt of this instance: already counted
        }
        List<Path> markers = new ArrayList<>();
        try (DirectoryStream<Path> files =
                Files.newDirectoryStream(base.getParent(), globQuote(prefix) + "*")) {
            files.forEach(markers::add);
        }
        if (markers.size() >= parallelism) {
            deleteAll(parts);
            deleteAll(markers);
        }
    }

    public static void deleteAll(Collection<Path> files) throws IOException {
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
    }

    private static String globQuote(String s) {
        return s.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }

    // ------------------------------------------------------------------ format

    /** One task as a JSON line (without the newline). */
    static String encode(String pattern, TaskState t) {
        List<List<Object>> instants = new ArrayList<>();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("pattern", pattern);
        line.put("task_id", t.taskId);
        line.put("map", plain(t.map(), new ArrayList<>(), instants));
        line.put("creation", iso(t.creation()));
        line.put("last_event", iso(t.lastEvent()));
        line.put("timeout", t.timeout());
        line.put("inactivity_timeout", t.inactivityTimeout());
        if (!instants.isEmpty()) {
            line.put("timestamps", instants);
        }
        return Json.write(line);
    }

    /** ISO8601 with milliseconds, as events carry them; more digits only when there are more. */
    private static String iso(Instant i) {
        return i.getNano() % 1_000_000 == 0 ? Timestamps.format(i) : i.toString();
    }

    /** The value with timestamps as ISO text; their paths are added to {@code instants}. */
    private static Object plain(Object v, List<Object> path, List<List<Object>> instants) {
        if (v instanceof Instant i) {
            instants.add(List.copyOf(path));
            return iso(i);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                path.add(key);
                out.put(key, plain(e.getValue(), path, instants));
                path.remove(path.size() - 1);
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                path.add((long) i);
                out.add(plain(l.get(i), path, instants));
                path.remove(path.size() - 1);
            }
            return out;
        }
        return v;
    }

    /** A line of a part: the task and the pattern it belongs to. */
    record Stored(String pattern, TaskState task) {}

    @SuppressWarnings("unchecked")
    static Stored decode(String text) throws IOException {
        Map<String, Object> line = Json.readObject(text);
        if (!(line.get("task_id") instanceof String taskId)) {
            throw new IllegalArgumentException("no task_id");
        }
        if (!(line.get("map") instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("no map");
        }
        TaskState t = new TaskState();
        t.taskId = taskId;
        Map<String, Object> values = (Map<String, Object>) map;
        t.setCreation(instant(line.get("creation"), "creation"));
        t.setLastEvent(instant(line.get("last_event"), "last_event"));
        t.setTimeouts(
                seconds(line.get("timeout"), "timeout"),
                seconds(line.get("inactivity_timeout"), "inactivity_timeout"));
        if (line.get("timestamps") instanceof List<?> paths) {
            for (Object p : paths) {
                if (!(p instanceof List<?> path) || path.isEmpty()) {
                    throw new IllegalArgumentException("bad timestamps path " + p);
                }
                restoreInstant(values, path);
            }
        }
        t.setMap(values);
        return new Stored(line.get("pattern") instanceof String p ? p : null, t);
    }

    @SuppressWarnings("unchecked")
    private static void restoreInstant(Object root, List<?> path) {
        Object container = root;
        for (int i = 0; i < path.size() - 1; i++) {
            container = child(container, path.get(i));
        }
        Object last = path.get(path.size() - 1);
        Instant value = instant(child(container, last), "timestamp at " + path);
        if (container instanceof Map<?, ?> m && last instanceof String k) {
            ((Map<String, Object>) m).put(k, value);
        } else if (container instanceof List<?> l && last instanceof Long n) {
            ((List<Object>) l).set(n.intValue(), value);
        }
    }

    private static Object child(Object container, Object step) {
        if (container instanceof Map<?, ?> m && step instanceof String k && m.containsKey(k)) {
            return m.get(k);
        }
        if (container instanceof List<?> l && step instanceof Long n && n >= 0 && n < l.size()) {
            return l.get(n.intValue());
        }
        throw new IllegalArgumentException("timestamps path step " + step + " not found");
    }

    private static Instant instant(Object v, String what) {
        if (v instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(what + " is not an ISO8601 timestamp: " + v);
    }

    private static Long seconds(Object v, String what) {
        if (v == null || v instanceof Long) {
            return (Long) v;
        }
        throw new IllegalArgumentException(what + " is not a whole number: " + v);
    }
}
