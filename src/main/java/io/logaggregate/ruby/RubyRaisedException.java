package io.logaggregate.ruby;

/**
 * A {@link RubyCodeException} that knows the Ruby exception class, Ruby's own message, and the line
 * within the snippet where it was raised (0 when unknown). {@link #getMessage()} reads {@code
 * "NoMethodError: undefined method `+' for nil:NilClass [code at <where>, line 1]"}.
 */
public final class RubyRaisedException extends RubyCodeException {
    private final String rubyClass;
    private final String rubyMessage;
    private final String where;
    private final int line;

    public RubyRaisedException(
            String rubyClass, String rubyMessage, String where, int line, Throwable cause) {
        super(describe(rubyClass, rubyMessage, where, line), cause);
        this.rubyClass = rubyClass;
        this.rubyMessage = rubyMessage;
        this.where = where;
        this.line = line;
    }

    private static String describe(String rubyClass, String rubyMessage, String where, int line) {
        StringBuilder sb = new StringBuilder(rubyClass).append(": ").append(rubyMessage);
        if (where != null && !where.isEmpty()) {
            sb.append(" [code at ").append(where);
            if (line > 0) {
                sb.append(", line ").append(line);
            }
            sb.append(']');
        }
        return sb.toString();
    }

    /** The Ruby exception class, e.g. {@code NoMethodError}. */
    public String rubyClass() {
        return rubyClass;
    }

    /** Ruby's message, e.g. {@code undefined method `+' for nil:NilClass}. */
    public String rubyMessage() {
        return rubyMessage;
    }

    /** {@code rubyClass + ": " + rubyMessage}, the way Logstash prints the error. */
    public String rubyError() {
        return rubyClass + ": " + rubyMessage;
    }

    public String where() {
        return where;
    }

    /** 1-based line within the snippet, or 0. */
    public int line() {
        return line;
    }
}
