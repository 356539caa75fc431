package io.logaggregate.io;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What input and output factories may need to know about the pipeline being compiled. Kept as a
 * string inside because {@link Path} is not serializable.
 */
public final class IoContext implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String pipelineDir;

    public IoContext(Path pipelineDir) {
        this.pipelineDir = pipelineDir.toAbsolutePath().normalize().toString();
    }

    /** A context for pipelines that do not come from a file (tests, -e strings). */
    public static IoContext ofCurrentDirectory() {
        return new IoContext(Path.of(""));
    }

    /** The directory holding the pipeline file. */
    public Path pipelineDir() {
        return Path.of(pipelineDir);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IoContext c && c.pipelineDir.equals(pipelineDir);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pipelineDir);
    }

    @Override
    public String toString() {
        return "IoContext{pipelineDir=" + pipelineDir + "}";
    }
}
