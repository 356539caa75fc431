package io.logaggregate.io.file;

import io.logaggregate.event.Event;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Where the {@code file} output's part files go on a non-local file system ({@code s3://}, {@code
 * hdfs://} ...): the {@code path} template is split where its first {@code %{} interpolation
 * starts, at the last {@code /} before it. The fixed part is the sink's base directory; the rest,
 * interpolated per event, is the event's bucket: the directory (relative to the base) its part
 * files go into. A template without interpolation is itself the directory.
 *
 * <pre>
 * s3://logs/mail/%{host}/%{+YYYY-MM-dd}.jsonl  →  base s3://logs/mail,
 *     bucket mx1/2026-11-02.jsonl  →  s3://logs/mail/mx1/2026-11-02.jsonl/part-&lt;uuid&gt;-&lt;n&gt;
 * </pre>
 *
 * <p>As the local output does (and Logstash), an interpolated part that leaves the base directory
 * ({@code ..}) goes to the bucket {@code filename_failure} instead.
 */
final class PartBuckets implements BucketAssigner<Event, String> {
    private static final long serialVersionUID = 1L;

    private final String base;
    private final String bucketTemplate;
    private final String failure;

    PartBuckets(String pathTemplate, String failure) {
        String trimmed = trimTrailingSlashes(pathTemplate);
        int dyn = trimmed.indexOf("%{");
        int slash = dyn < 0 ? -1 : trimmed.lastIndexOf('/', dyn);
        if (dyn < 0) {
            this.base = trimmed;
            this.bucketTemplate = "";
        } else {
            this.base = trimmed.substring(0, slash);
            this.bucketTemplate = trimmed.substring(slash + 1);
        }
        this.failure = failure;
    }

    /** The directory every part file goes under (the template up to its first interpolation). */
    String base() {
        return base;
    }

    /** The bucket (a relative directory, "" for the base itself) of an event. */
    String bucketOf(Event event) {
        if (bucketTemplate.isEmpty()) {
            return "";
        }
        String normalized = normalize(event.sprintf(bucketTemplate));
        return normalized == null ? failure : normalized;
    }

    @Override
    public String getBucketId(Event event, Context context) {
        return bucketOf(event);
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }

    /**
     * A relative path with empty and {@code .} segments dropped and {@code ..} folded; null when it
     * leaves its root or is empty.
     */
    static String normalize(String relative) {
        List<String> out = new ArrayList<>();
        for (String part : relative.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.remove(out.size() - 1);
            } else {
                out.add(part);
            }
        }
        return out.isEmpty() ? null : String.join("/", out);
    }

    private static String trimTrailingSlashes(String path) {
        String p = path;
        // keep the slash of "scheme://" and of a bare "/"
        while (p.endsWith("/") && !p.endsWith("://") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    @Override
    public String toString() {
        return "PartBuckets{base=" + base + ", bucket=" + bucketTemplate + "}";
    }
}
