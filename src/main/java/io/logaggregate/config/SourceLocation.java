package io.logaggregate.config;

import java.io.Serializable;

/** A place in a pipeline file: 1-based line and column. */
public record SourceLocation(String file, int line, int column) implements Serializable {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
