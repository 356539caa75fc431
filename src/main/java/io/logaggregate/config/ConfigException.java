package io.logaggregate.config;

/**
 * A mistake in a pipeline file. The message names file, line and column; {@link #excerpt()} is the
 * offending line with a caret under the column, when known.
 */
public class ConfigException extends RuntimeException {
    private final SourceLocation location;
    private final String excerpt;

    public ConfigException(String message, SourceLocation location, String excerpt) {
        super(message);
        this.location = location;
        this.excerpt = excerpt;
    }

    public ConfigException(String message, SourceLocation location) {
        this(message, location, null);
    }

    public SourceLocation location() {
        return location;
    }

    public String excerpt() {
        return excerpt;
    }

    /** The full report: {@code file:line:column: message} and the excerpt. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        if (location != null) {
            sb.append(location).append(": ");
        }
        sb.append(getMessage());
        if (excerpt != null && !excerpt.isEmpty()) {
            sb.append('\n').append(excerpt);
        }
        return sb.toString();
    }
}
