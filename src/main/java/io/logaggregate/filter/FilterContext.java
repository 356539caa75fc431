package io.logaggregate.filter;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What filter factories need to know about the pipeline being built: where its file lives (to
 * resolve relative paths such as grok's {@code patterns_dir}) and the clock that supplies "now"
 * (the date filter guesses the year of year-less syslog timestamps from it).
 *
 * <p>The directory is kept as text because {@link Path} is not serializable; the clock is a {@link
 * Clock}, which is, so filters that need it can carry it to the TaskManagers.
 */
public final class FilterContext implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String pipelineDir;
    private final Clock clock;

    public FilterContext(Path pipelineDir, Clock clock) {
        this.pipelineDir = pipelineDir == null ? null : pipelineDir.toString();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A context with the system clock in the JVM's default zone, as Logstash uses. */
    public FilterContext(Path pipelineDir) {
        this(pipelineDir, Clock.systemDefaultZone());
    }

    /** The folder of the pipeline file, or null when the pipeline did not come from a file. */
    public Path pipelineDir() {
        return pipelineDir == null ? null : Path.of(pipelineDir);
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Resolves a path as the pipeline's settings mean it: absolute as is; relative against the
     * current directory first, then against the pipeline's folder. When neither exists the
     * current-directory form is returned (so error messages name what the user wrote).
     */
    public Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute() || Files.exists(p)) {
            return p;
        }
        Path dir = pipelineDir();
        if (dir != null) {
            Path q = dir.resolve(p);
            if (Files.exists(q)) {
                return q;
            }
        }
        return p;
    }
}
