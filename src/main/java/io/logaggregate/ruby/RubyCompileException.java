package io.logaggregate.ruby;

/** A Ruby syntax error in a snippet; {@link #line()} is 1-based within the snippet, or 0. */
public class RubyCompileException extends Exception {
    private final int line;

    public RubyCompileException(String message, int line, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
