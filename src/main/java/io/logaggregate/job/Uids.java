package io.logaggregate.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.transformations.LegacySinkTransformation;
import org.apache.flink.streaming.api.transformations.PhysicalTransformation;
import org.apache.flink.streaming.api.transformations.SinkTransformation;

/**
 * Operator uids: the names under which Flink files each operator's state in checkpoints and
 * savepoints. They are derived from what identifies the state, never from an operator's place in
 * the topology, so that a savepoint restores into an edited pipeline correctly:
 *
 * <ul>
 *   <li>an aggregate stage: {@code aggregate-<pattern>-<hash>}, from its task_id pattern string (a
 *       readable part, plus 16 hex digits of the pattern's SHA-256 so that two patterns never share
 *       a uid). Adding, removing or reordering aggregate blocks keeps each pattern's maps with that
 *       pattern; a pattern that is gone leaves state that Flink refuses to drop unless told to
 *       ({@code flink run --allowNonRestoredState}).
 *   <li>an input: {@code input-id-<id>} when the plugin has an {@code id}, else {@code
 *       input-<plugin>-<n>}, its position among the inputs (from 1). Its read positions stay with
 *       it as long as its id, or its plugin name and position, stay.
 *   <li>an output: {@code output-id-<id>}, else {@code output-<plugin>-<n>}, its position in the
 *       output section (from 1, counting plugins inside conditionals in the order written).
 *   <li>the stateless parts: {@code filters} (the filter stage before the first aggregate), {@code
 *       watermarks-before-<aggregate uid>}, {@code count-events-out}; operators a plugin adds
 *       around its source or sink get the plugin's uid with a suffix.
 * </ul>
 */
public final class Uids {
    private Uids() {}

    public static final String FILTERS = "filters";

    /** The stateless counter of the events that reach the outputs ({@link OutputCounter}). */
    public static final String OUTPUT_COUNTER = "count-events-out";

    /** The uid of the aggregate stage of a task_id pattern. */
    public static String aggregate(String taskIdPattern) {
        return "aggregate-" + slug(taskIdPattern) + "-" + hash(taskIdPattern);
    }

    public static String watermarksBefore(String stageUid) {
        return "watermarks-before-" + stageUid;
    }

    /**
     * The uid of an input or output plugin: by its {@code id} if it has one, else by its name and
     * position (from 1) in its section.
     */
    public static String plugin(String section, String name, String id, int position) {
        return id != null && !id.isBlank()
                ? section + "-id-" + id
                : section + "-" + name + "-" + position;
    }

    /**
     * Gives the physical operators of a plugin's source (walking up from {@code last}, the stream
     * it returned) the plugin's uid: the source itself gets {@code uid}, operators behind it {@code
     * uid/op-<n>}. Operators that already have a uid are left alone.
     */
    static void assignUpstream(Transformation<?> last, String uid) {
        Deque<Transformation<?>> todo = new ArrayDeque<>();
        Set<Transformation<?>> seen = new HashSet<>();
        todo.push(last);
        int sources = 0;
        int ops = 0;
        while (!todo.isEmpty()) {
            Transformation<?> t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            List<Transformation<?>> inputs = t.getInputs();
            if (t instanceof PhysicalTransformation && t.getUid() == null) {
                if (inputs.isEmpty()) {
                    t.setUid(sources++ == 0 ? uid : uid + "/source-" + sources);
                } else {
                    t.setUid(uid + "/op-" + ++ops);
                }
            }
            inputs.forEach(todo::push);
        }
    }

    /**
     * Gives the operators an output added (its sink and whatever it chained in front of it) the
     * output's uid: the sink itself gets {@code uid}, other operators {@code uid/op-<n>}.
     */
    static void assignAdded(Collection<Transformation<?>> added, String uid) {
        int sinks = 0;
        int ops = 0;
        for (Transformation<?> t : added) {
            if (!(t instanceof PhysicalTransformation) || t.getUid() != null) {
                continue;
            }
            if (t instanceof SinkTransformation || t instanceof LegacySinkTransformation) {
                t.setUid(sinks++ == 0 ? uid : uid + "/sink-" + sinks);
            } else {
                t.setUid(uid + "/op-" + ++ops);
            }
        }
    }

    /** Lower-case letters, digits and single dashes: the readable part of a uid. */
    static String slug(String s) {
        String slug =
                s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.length() > 40 ? slug.substring(0, 40) : slug;
    }

    /** The first 16 hex digits of the SHA-256 of the UTF-8 string: stable across versions. */
    static String hash(String s) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }
}
