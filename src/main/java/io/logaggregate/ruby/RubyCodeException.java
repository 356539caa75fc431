package io.logaggregate.ruby;

/** A Ruby exception raised by user code at run time; the message is Ruby's. */
public class RubyCodeException extends Exception {
    public RubyCodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
